// What is on hand at one location, for every item that has stock there, in one query: the level a
// pick list or a kitting check starts from. Reads the projection only.
import type { Queryable } from '../db/db.ts';

/** On hand per item at `locationId` (items without a stock row there are absent: 0). */
export async function onHandAt(q: Queryable, locationId: string): Promise<Map<string, number>> {
	const r = await q.query<{ item_id: string; on_hand: number }>('select item_id, on_hand::float8 as on_hand from stock where location_id = $1', [locationId]);
	return new Map(r.rows.map((x) => [x.item_id, x.on_hand]));
}
