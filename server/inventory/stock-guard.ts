// Holds "stock never goes negative unless the item allows it" for every event that takes stock away,
// whichever way it arrives. Set-based: one query per batch and type reads (and locks, as commands do)
// the items and their stock at the locations touched; movements then count in batch order.
import type { Queryable } from '../db/db.ts';
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
	// Arrays, not a joined recordset: the item and stock keys are indexed, and the plan stays a lookup.
	const items = [...new Set(moves.map((m) => m.itemId))].sort();
	const locations = [...new Set(moves.map((m) => m.locationId))];
	const rows = (
		await tx.query<{ item: string; allow: boolean; loc: string | null; on_hand: number | null }>(
			`select i.item_id as item, i.allow_negative as allow, s.location_id as loc, s.on_hand::float8 as on_hand
			from items i left join stock s on s.item_id = i.item_id and s.location_id = any($2::text[])
			where i.item_id = any($1::text[])
			order by i.item_id
			for update of i`,
			[items, locations]
		)
	).rows;
	const allow = new Map(rows.map((r) => [r.item, r.allow]));
	const facts = new Map<string, StockFacts>(rows.filter((r) => r.loc !== null).map((r) => [key(r.item, r.loc!), { onHand: r.on_hand ?? 0, allow: r.allow }]));
	const factsOf = (m: Movement): StockFacts => {
		const k = key(m.itemId, m.locationId);
		let f = facts.get(k);
		if (!f) facts.set(k, (f = { onHand: 0, allow: allow.get(m.itemId)! }));
		return f;
	};
	for (const m of moves) {
		if (!allow.has(m.itemId)) {
			if (m.requireItem) refuseEvent(m.eventId, unknownItem(m.itemId));
			continue;
		}
		const s = factsOf(m);
		refuseEvent(m.eventId, stockRefusal(s, m.qty, m.itemId, m.locationId, m.path));
		s.onHand += m.qty;
	}
}
