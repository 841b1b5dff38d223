// The screens' mini Gantt: open production orders (released or in progress) by due date, each with the
// span from its release to the end of its due date, how much of it is made, and where it is now (the
// work centre of its first operation that has not made the quantity yet). Dates are factory dates.
import type { Queryable } from '../db/db.ts';

export interface TimelineOrder {
	productionOrderId: string;
	itemId: string;
	itemName: string | null;
	status: string;
	/** The factory date it was released (else created). */
	start: string;
	due: string;
	qty: number;
	good: number;
	/** Where it is now: the first operation short of the quantity (else the last), null without operations. */
	workCenterId: string | null;
	workCenterName: string | null;
	late: boolean;
}

export interface Timeline {
	today: string;
	total: number;
	orders: TimelineOrder[];
}

export async function productionTimeline(q: Queryable, a: { today: string; timeZone: string; limit?: number }): Promise<Timeline> {
	const r = await q.query<{
		id: string;
		item_id: string;
		item_name: string | null;
		status: string;
		start: string;
		due: string;
		qty: number;
		good: number;
		wc: string | null;
		wc_name: string | null;
		total: number;
	}>(
		`select p.production_order_id as id, p.item_id, i.name as item_name, p.status,
			to_char((coalesce(p.released_at, p.created_at) at time zone $2)::date, 'YYYY-MM-DD') as start,
			to_char(p.due_date, 'YYYY-MM-DD') as due, p.qty::float8 as qty, p.good_qty::float8 as good,
			op.work_center_id as wc, w.name as wc_name, count(*) over ()::int as total
		from production_orders p
		left join items i on i.item_id = p.item_id
		left join lateral (select o.work_center_id from production_operations o
			where o.production_order_id = p.production_order_id and o.status <> 'done'
			-- The first operation that has not made the order's quantity yet; when all have, the last.
			order by o.good_qty >= p.qty, case when o.good_qty < p.qty then o.seq else -o.seq end limit 1) op on true
		left join work_centers w on w.work_center_id = op.work_center_id
		where p.status in ('released', 'in_progress')
		order by p.due_date, p.production_order_id
		limit $1`,
		[a.limit ?? 30, a.timeZone]
	);
	return {
		today: a.today,
		total: r.rows[0]?.total ?? 0,
		orders: r.rows.map((x) => ({
			productionOrderId: x.id,
			itemId: x.item_id,
			itemName: x.item_name,
			status: x.status,
			start: x.start,
			due: x.due,
			qty: x.qty,
			good: x.good,
			workCenterId: x.wc,
			workCenterName: x.wc_name,
			late: x.due < a.today
		}))
	};
}
