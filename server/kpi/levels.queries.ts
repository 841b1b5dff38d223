// Level KPIs: figures of the factory as it is now rather than sums over a window — open shortages and
// the order lines they hit, order progress, work in process, work-centre load and utilisation. Read
// from the projections and the live plan at the moment asked (the live topics `shortages`,
// `orders:progress` and `capacity:load` serve them); `now` and the time zone are arguments.
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';
import { calendarMinutes, type ShiftCalendar } from '../planning/capacity.ts';
import { dayStart } from './time.ts';

export interface LineHit {
	orderId: string;
	lineId: string;
	customerId: string | null;
	dueDate: string;
	expectedDate: string;
	daysLate: number;
}

export interface Shortage {
	itemId: string;
	date: string | null;
	qty: number | null;
	/** Open sales order lines the plan expects late because of this item. */
	lines: LineHit[];
}

/**
 * Open shortages of the live plan (exceptions of kind shortage) and, for each, the sales order lines at
 * risk whose supply causes name its item; `linesAtRisk` counts every line at risk, whatever the cause.
 */
export async function openShortages(q: Queryable): Promise<{ count: number; linesHit: number; linesAtRisk: number; shortages: Shortage[] }> {
	const ex = await q.query<{ item_id: string; date: string | null; qty: number | null }>(
		`select item_id, to_char(min(date), 'YYYY-MM-DD') as date, sum(qty)::float8 as qty from plan_exceptions where kind = 'shortage'
		group by item_id order by min(date) nulls last, item_id`
	);
	const risks = await q.query<{ order_id: string; line_id: string; customer_id: string | null; due: string; expected: string; days_late: number; items: string[] }>(
		`select r.order_id, r.line_id, h.customer_id, to_char(r.due_date, 'YYYY-MM-DD') as due, to_char(r.expected_date, 'YYYY-MM-DD') as expected, r.days_late,
			coalesce((select array_agg(distinct c->'params'->>'item') from jsonb_array_elements(r.causes) c), '{}') as items
		from sales_order_line_risks r left join sales_orders h on h.order_id = r.order_id
		order by r.due_date, r.order_id, r.line_id`
	);
	const hit = new Set<string>();
	const shortages = ex.rows.map((s) => {
		const lines = risks.rows
			.filter((r) => r.items.includes(s.item_id))
			.map((r) => {
				hit.add(`${r.order_id}\u0000${r.line_id}`);
				return { orderId: r.order_id, lineId: r.line_id, customerId: r.customer_id, dueDate: r.due, expectedDate: r.expected, daysLate: r.days_late };
			});
		return { itemId: s.item_id, date: s.date, qty: s.qty, lines };
	});
	return { count: shortages.length, linesHit: hit.size, linesAtRisk: risks.rows.length, shortages };
}

export interface OrderProgress {
	openOrders: number;
	openLines: number;
	/** Open lines whose due date (promised, else requested) is before today. */
	lateLines: number;
	/** Open lines the plan expects late. */
	atRiskLines: number;
	orderedQty: number;
	shippedQty: number;
	/** Shipped share of the ordered quantity of open lines, 0–100 (null with no open line). */
	progress: number | null;
}

/** Open sales order lines (not cancelled, not shipped in full) and how far they are. */
export async function orderProgress(q: Queryable, a: { now: Date; timeZone: string }): Promise<OrderProgress> {
	const today = factoryDate(a.now, a.timeZone);
	const r = await q.query<{ orders: number; lines: number; late: number; risk: number; ordered: number; shipped: number }>(
		`select count(distinct l.order_id)::int as orders, count(*)::int as lines,
			count(*) filter (where coalesce(l.promised_date, l.requested_date) < $1::date)::int as late,
			count(r.order_id)::int as risk, coalesce(sum(l.qty), 0)::float8 as ordered, coalesce(sum(l.shipped_qty), 0)::float8 as shipped
		from sales_order_lines l left join sales_order_line_risks r on r.order_id = l.order_id and r.line_id = l.line_id
		where l.cancelled_at is null and l.item_id is not null and l.qty > l.shipped_qty`,
		[today]
	);
	const x = r.rows[0];
	return {
		openOrders: x.orders,
		openLines: x.lines,
		lateLines: x.late,
		atRiskLines: x.risk,
		orderedQty: x.ordered,
		shippedQty: x.shipped,
		progress: x.ordered > 0 ? (100 * x.shipped) / x.ordered : null
	};
}

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
