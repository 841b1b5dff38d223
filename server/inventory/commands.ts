// Inventory commands: adjust stock with a reason, transfer it between usable locations, issue it to a
// production order. Stock never goes below zero unless the item allows it.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { CommandRejected, type Command } from '../commands/command.ts';
import { refuse, rejected } from '../commands/refuse.ts';
import { issueLocationRefusal, stockRefusal, transferRefusal, unknownItem } from './rules.ts';
import { code, qty } from '../events/primitives.ts';
import { requireReason } from '../shared/reason-codes.ts';
import { stockAdjustedSchema, stockMovedSchema } from './schemas.ts';
import { closedOrderRefusal, type OrderStatus } from '../production/order-state.ts';

/** Locks the item and answers what is on hand at a location and whether it may go negative. */
async function stockAt(tx: Queryable, itemId: string, locationId: string, path = 'itemId'): Promise<{ onHand: number; allow: boolean }> {
	const r = (
		await tx.query<{ allow: boolean; on_hand: number }>(
			`select i.allow_negative as allow, coalesce(s.on_hand, 0)::float8 as on_hand
			from items i left join stock s on s.item_id = i.item_id and s.location_id = $2
			where i.item_id = $1 for update of i`,
			[itemId, locationId]
		)
	).rows[0];
	if (!r) throw rejected(unknownItem(itemId, path));
	return { onHand: r.on_hand, allow: r.allow };
}

export const adjustStock: Command<z.infer<typeof stockAdjustedSchema>, { itemId: string; locationId: string; onHand: number }> = {
	name: 'stock.adjust',
	input: stockAdjustedSchema,
	roles: ['warehouse'],
	async run({ tx }, input) {
		await requireReason(tx, 'stock_adjust', input.reasonCode);
		const s = await stockAt(tx, input.itemId, input.locationId);
		const onHand = s.onHand + input.qty;
		refuse(stockRefusal(s, input.qty, null, input.locationId));
		return { events: [{ type: 'stock.adjusted', data: input }], result: { itemId: input.itemId, locationId: input.locationId, onHand } };
	}
};

export const transferStock: Command<z.infer<typeof stockMovedSchema>, { itemId: string; qty: number }> = {
	name: 'stock.transfer',
	input: stockMovedSchema,
	roles: ['warehouse'],
	async run({ tx }, input) {
		// Goods in QC or REJECTED leave only through an inspection: rejected goods never become usable.
		refuse(transferRefusal(input.fromLocationId, input.toLocationId));
		const s = await stockAt(tx, input.itemId, input.fromLocationId);
		refuse(stockRefusal(s, -input.qty, null, input.fromLocationId));
		return { events: [{ type: 'stock.moved', data: input }], result: { itemId: input.itemId, qty: input.qty } };
	}
};

export const issueInput = z.strictObject({ itemId: code, locationId: code, qty, productionOrderId: code });

export const issueStock: Command<z.infer<typeof issueInput>, { itemId: string; qty: number }> = {
	name: 'stock.issue',
	input: issueInput,
	roles: ['warehouse', 'production'],
	async run({ tx }, input) {
		const mo = (await tx.query<{ status: string }>('select status from production_orders where production_order_id = $1', [input.productionOrderId])).rows[0];
		if (!mo) throw new CommandRejected('ERR_MO_UNKNOWN', 'productionOrderId', `no production order "${input.productionOrderId}"`, { productionOrderId: input.productionOrderId });
		refuse(closedOrderRefusal(mo.status as OrderStatus));
		refuse(issueLocationRefusal(input.locationId));
		const s = await stockAt(tx, input.itemId, input.locationId);
		refuse(stockRefusal(s, -input.qty, null, input.locationId));
		return { events: [{ type: 'stock.issued', data: { ...input, mode: 'manual' } }], result: { itemId: input.itemId, qty: input.qty } };
	}
};
