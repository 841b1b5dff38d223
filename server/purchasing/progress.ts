// What each purchase order's lines add up to and still owe (purchase_orders.line_count … earliest_expected:
// migration 20261206002000), recomputed once per batch for the orders the batch touched, after every
// projector of the batch ran. A projector that writes purchase_order_lines or purchase_orders must have
// its type here.
import type { BatchProjector } from '../events/projectors.ts';

const TYPES = [
	'purchase_order.placed',
	'purchase_order.confirmed',
	'purchase_order.delayed',
	'purchase_order.expedite_requested',
	'goods.received',
	'goods.receipt_reversed',
	'inspection.recorded',
	'inspection.reversed'
] as const;

export const purchaseOrderProgress: BatchProjector = {
	types: new Set(TYPES),
	async apply(tx, byType) {
		const ids = new Set<string>();
		for (const type of TYPES) for (const e of byType.get(type) ?? []) ids.add((e.data as { poId: string }).poId);
		// In a stable order, so concurrent batches lock the orders alike.
		if (ids.size) await tx.query('select purchase_orders_progress($1::text[])', [[...ids].sort()]);
	}
};
