// Level KPIs: figures of the factory as it is now rather than sums over a window — work in process,
// work-centre load and utilisation — read from the projections at the moment asked; `now` and the time
// zone are arguments. Open shortages with the order lines they hit, order progress and the load board
// per day are the live topics' reads (planning/shortages.queries.ts, sales/order-list.queries.ts,
// planning/load.queries.ts).
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';
import { calendarMinutes, type ShiftCalendar } from '../planning/capacity.ts';
import { dayStart } from './time.ts';

/** Work in process: production orders released and not yet completed, their quantities and standard value. */
export async function workInProcess(q: Queryable): Promise<{ orders: number; qty: number; goodQty: number; value: number }> {
	const r = await q.query<{ orders: number; qty: number; good: number; value: number }>(
		`select count(*)::int as orders, coalesce(sum(o.qty), 0)::float8 as qty, coalesce(sum(o.good_qty), 0)::float8 as good,
			coalesce(sum(o.qty * coalesce(i.unit_cost, 0)), 0)::float8 as value
		from production_orders o left join items i on i.item_id = o.item_id
		where o.status in ('released', 'in_progress')`
	);
	const x = r.rows[0];
	return { orders: x.orders, qty: x.qty, goodQty: x.good, value: x.value };
}

export interface WorkCentreLoad {
	workCenterId: string;
	name: string;
	status: string;
	/** Minutes open production orders still need here (setup of operations not started, run time of what is left). */
	loadMinutes: number;
	/** Shift minutes in the next `days` days from today. */
	capacityMinutes: number;
	/** loadMinutes / capacityMinutes, 0–100+ (null without capacity). */
	load: number | null;
	/** Standard minutes of what was reported here over the past `days` days, today included. */
	producedMinutes: number;
	/** Shift minutes of those days. */
	availableMinutes: number;
	/** producedMinutes / availableMinutes, 0–100 (null without shift minutes). */
	utilisation: number | null;
}

/** Load of the next `days` days and utilisation of the past `days` days, per work centre. */
export async function workCentreLoad(q: Queryable, a: { now: Date; timeZone: string; days?: number }): Promise<WorkCentreLoad[]> {
	const days = a.days ?? 7;
	const today = factoryDate(a.now, a.timeZone);
	const first = addDays(today, -(days - 1));
	const r = await q.query<{ id: string; name: string; status: string; calendar: ShiftCalendar; load: number; produced: number }>(
		`select w.work_center_id as id, w.name, w.status, w.calendar,
			coalesce((select sum(case when p.status = 'waiting' then p.setup_minutes else 0 end + p.run_minutes_per_unit * greatest(o.qty - p.good_qty, 0))
				from production_operations p join production_orders o on o.production_order_id = p.production_order_id
				where p.work_center_id = w.work_center_id and p.status <> 'done' and o.status in ('created', 'released', 'in_progress')), 0)::float8 as load,
			coalesce((select sum((r.good_qty + r.scrap_qty) * coalesce((select min(p.run_minutes_per_unit) from production_operations p
					where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id), 0))
				from production_reports r where r.work_center_id = w.work_center_id and r.reported_at >= $1 and r.reported_at < $2), 0)::float8 as produced
		from work_centers w order by w.work_center_id`,
		[startOf(first, a.timeZone), startOf(addDays(today, 1), a.timeZone)]
	);
	return r.rows.map((w) => {
		const capacity = calendarMinutes(w.calendar, today, days).reduce((s, m) => s + m, 0);
		const available = calendarMinutes(w.calendar, first, days).reduce((s, m) => s + m, 0);
		return {
			workCenterId: w.id,
			name: w.name,
			status: w.status,
			loadMinutes: w.load,
			capacityMinutes: capacity,
			load: capacity > 0 ? (100 * w.load) / capacity : null,
			producedMinutes: w.produced,
			availableMinutes: available,
			utilisation: available > 0 ? (100 * w.produced) / available : null
		};
	});
}

const startOf = (date: string, timeZone: string) => new Date(dayStart(date, timeZone)).toISOString();
