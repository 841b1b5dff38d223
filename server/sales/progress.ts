// What each sales order's lines still owe (sales_orders.open_lines, open_due, earliest_due: migration
// 20261208000000), recomputed once per batch for the orders the batch touched, after every projector of
// the batch ran. A projector that writes sales_order_lines or sales_orders must have its type here.
import type { BatchProjector } from '../events/projectors.ts';

const TYPES = ['sales_order.created', 'sales_order.changed', 'sales_order.promised', 'sales_order.cancelled', 'shipment.shipped', 'shipment.reversed'] as const;

export const salesOrderProgress: BatchProjector = {
	types: new Set(TYPES),
	async apply(tx, byType) {
		const ids = new Set<string>();
		for (const type of TYPES) for (const e of byType.get(type) ?? []) ids.add((e.data as { orderId: string }).orderId);
		// In a stable order, so concurrent batches lock the orders alike.
		if (ids.size) await tx.query('select sales_orders_progress($1::text[])', [[...ids].sort()]);
	}
};
