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

export interface Availability {
	itemId: string;
	/** Usable stock: every location but QC and REJECTED. */
	onHand: number;
	/** Promised away: open quantities of sales order lines not cancelled. */
	allocated: number;
	available: number;
	inInspection: number;
	rejected: number;
}

export async function availability(q: Queryable, itemId: string): Promise<Availability> {
	const r = (
		await q.query<{ usable: number; qc: number; rejected: number; allocated: number }>(
			`select
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id not in ('QC', 'REJECTED')), 0)::float8 as usable,
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id = 'QC'), 0)::float8 as qc,
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id = 'REJECTED'), 0)::float8 as rejected,
				coalesce((select sum(greatest(qty - shipped_qty, 0)) from sales_order_lines where item_id = $1 and cancelled_at is null), 0)::float8 as allocated`,
			[itemId]
		)
	).rows[0];
	return { itemId, onHand: r.usable, allocated: r.allocated, available: r.usable - r.allocated, inInspection: r.qc, rejected: r.rejected };
}
