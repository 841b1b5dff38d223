// Inventory commands: adjust stock with a reason. Stock never goes below zero unless the item allows it.
import type { z } from 'zod';
import { CommandRejected, type Command } from '../commands/command.ts';
import { requireReason } from '../sales/commands.ts';
import { stockAdjustedSchema } from './schemas.ts';

export const adjustStock: Command<z.infer<typeof stockAdjustedSchema>, { itemId: string; locationId: string; onHand: number }> = {
	name: 'stock.adjust',
	input: stockAdjustedSchema,
	roles: ['warehouse'],
	async run({ tx }, input) {
		await requireReason(tx, 'stock_adjust', input.reasonCode);
		const r = await tx.query<{ allow: boolean; on_hand: number }>(
			`select i.allow_negative as allow, coalesce(s.on_hand, 0)::float8 as on_hand
			from items i left join stock s on s.item_id = i.item_id and s.location_id = $2
			where i.item_id = $1 for update of i`,
			[input.itemId, input.locationId]
		);
		const row = r.rows[0];
		if (!row) throw new CommandRejected('ERR_UNKNOWN_ITEM', 'itemId', `unknown item "${input.itemId}"`);
		const onHand = row.on_hand + input.qty;
		if (onHand < -1e-9 && !row.allow) throw new CommandRejected('ERR_STOCK_NEGATIVE', 'qty', `only ${row.on_hand} on hand at ${input.locationId}`);
		return { events: [{ type: 'stock.adjusted', data: input }], result: { itemId: input.itemId, locationId: input.locationId, onHand } };
	}
};
