// Holds "stock never goes negative unless the item allows it" for every event that takes stock away,
// whichever way it arrives. Set-based: one query per batch and type reads (and locks, as commands do)
// the items and their stock at the locations touched; movements then count in batch order.
import type { Queryable } from '../db/db.ts';
import { asJson } from '../events/projectors.ts';
import { refuseEvent } from '../events/refusal.ts';
import { stockRefusal, unknownItem, type StockFacts } from './rules.ts';

export interface Movement {
	eventId: string;
	itemId: string;
	locationId: string;
	/** Signed: negative takes stock away. */
	qty: number;
	/** Where the quantity is in the event's data. */
	path: string;
	/** Refuse an item the master data does not know (movements that name their item; not shipments). */
	requireItem?: boolean;
}

const key = (item: string, loc: string) => item + '\u0000' + loc;

export async function guardStock(tx: Queryable, moves: Movement[]): Promise<void> {
	if (!moves.length) return;
	const pairs = [...new Map(moves.map((m) => [key(m.itemId, m.locationId), { item: m.itemId, loc: m.locationId }])).values()];
	const rows = (
		await tx.query<{ item: string; loc: string; allow: boolean; on_hand: number }>(
			`select i.item_id as item, x.loc, i.allow_negative as allow, coalesce(s.on_hand, 0)::float8 as on_hand
			from jsonb_to_recordset($1::jsonb) as x(item text, loc text)
			join items i on i.item_id = x.item
			left join stock s on s.item_id = x.item and s.location_id = x.loc
			order by i.item_id, x.loc
			for update of i`,
			[asJson(pairs)]
		)
	).rows;
	const facts = new Map<string, StockFacts>(rows.map((r) => [key(r.item, r.loc), { onHand: r.on_hand, allow: r.allow }]));
	const known = new Set(rows.map((r) => r.item));
	for (const m of moves) {
		if (!known.has(m.itemId)) {
			if (m.requireItem) refuseEvent(m.eventId, unknownItem(m.itemId));
			continue;
		}
		const s = facts.get(key(m.itemId, m.locationId))!;
		refuseEvent(m.eventId, stockRefusal(s, m.qty, m.itemId, m.locationId, m.path));
		s.onHand += m.qty;
	}
}
