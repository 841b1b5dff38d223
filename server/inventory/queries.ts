// Reading stock: on hand and value per item and location.
import type { Queryable } from '../db/db.ts';

export interface StockRow {
	itemId: string;
	locationId: string;
	onHand: number;
	value: number;
	averageCost: number | null;
}

export async function stockOf(q: Queryable, itemId: string): Promise<StockRow[]> {
	const r = await q.query<StockRow>(
		`select item_id as "itemId", location_id as "locationId", on_hand::float8 as "onHand", value::float8 as value,
			case when on_hand > 0 then (value / on_hand)::float8 end as "averageCost"
		from stock where item_id = $1 order by location_id`,
		[itemId]
	);
	return r.rows;
}
