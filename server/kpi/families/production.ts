// Production KPIs: plan attainment, one subject per production order (the order completed in full by
// the end of its due date, in the factory time zone), and production yield, one subject per report
// (good over reported quantity, in the minute of the report, per work centre). Pure formulas; one
// query loads any number of subjects.
import type { Queryable } from '../../db/db.ts';
import { addDays, factoryDate } from '../../shared/factory-date.ts';
import { withDims, type Contribution, type KpiFamily, type LedgerContext } from '../ledger.ts';
import { dayEnd, dayStart, floorMinute } from '../time.ts';

export interface ProductionOrderFacts {
	productionOrderId: string;
	itemId: string;
	qty: number;
	goodQty: number;
	/** The due date the order has now (a reschedule moves it). */
	dueDate: string;
	status: string;
	/** Business time of completion (or cancellation), if any. */
	closedAt: number | null;
}

export interface ProductionReportFacts {
	eventId: string;
	at: number;
	workCenterId: string | null;
	good: number;
	scrap: number;
}

/**
 * Production yield of one report: good / (good + scrap), in the report's minute, for the total and its
 * work centre. A report never changes, so it is its own subject: recomputing it costs the same however
 * many reports its production order has.
 */
export function yieldContributions(r: ProductionReportFacts): Contribution[] {
	if (r.good + r.scrap === 0) return [];
	return withDims(
		{ subject: r.eventId, kpi: 'production_yield', record: r.eventId, bucket: floorMinute(r.at), num: r.good, den: r.good + r.scrap },
		{ workCenter: r.workCenterId }
	);
}

/**
 * Plan attainment: counted at the start of the due date once the order is completed or the date has
 * ended at the horizon; attained when completed with good quantity at least the ordered quantity
 * before the end of the due date. Cancelled orders are left out.
 */
export function productionContributions(o: ProductionOrderFacts, ctx: LedgerContext): Contribution[] {
	if (o.status === 'cancelled') return [];
	const end = dayEnd(o.dueDate, ctx.timeZone);
	const completed = o.status === 'completed' ? o.closedAt : null;
	if (completed === null && (ctx.horizon === null || ctx.horizon < end)) return [];
	const attained = completed !== null && completed < end && o.goodQty >= o.qty;
	return withDims(
		{ subject: o.productionOrderId, kpi: 'plan_attainment', record: o.productionOrderId, bucket: dayStart(o.dueDate, ctx.timeZone), num: attained ? 1 : 0, den: 1 },
		{ item: o.itemId }
	);
}

export async function loadProductionOrders(q: Queryable, ids: string[]): Promise<ProductionOrderFacts[]> {
	const r = await q.query<{ id: string; item_id: string; qty: number; good: number; due: string; status: string; closed: number | null }>(
		`select production_order_id as id, item_id, qty::float8 as qty, good_qty::float8 as good, to_char(due_date, 'YYYY-MM-DD') as due, status,
			(extract(epoch from completed_at) * 1000)::float8 as closed
		from unnest($1::text[]) k(id) join production_orders on production_order_id = k.id order by production_order_id`,
		[ids]
	);
	return r.rows.map((x) => ({ productionOrderId: x.id, itemId: x.item_id, qty: x.qty, goodQty: x.good, dueDate: x.due, status: x.status, closedAt: x.closed }));
}

const orderIds = (events: { data: unknown }[]) => events.map((e) => (e.data as { productionOrderId: string }).productionOrderId);

export const productionFamily: KpiFamily = {
	name: 'production_order',
	on: {
		'production_order.created': orderIds,
		'production.reported': orderIds,
		'production.report_reversed': orderIds,
		'production_order.completed': orderIds,
		'production_order.cancelled': orderIds,
		'production_order.rescheduled': orderIds
	},
	async contributions(q, ids, ctx) {
		return (await loadProductionOrders(q, ids)).flatMap((o) => productionContributions(o, ctx));
	},
	async all(q) {
		return (await q.query<{ id: string }>('select production_order_id as id from production_orders order by 1')).rows.map((r) => r.id);
	},
	async timeDriven(q, from, to, ctx) {
		const first = from === null ? '0001-01-01' : addDays(factoryDate(new Date(from), ctx.timeZone), -1);
		const last = factoryDate(new Date(to), ctx.timeZone);
		const r = await q.query<{ id: string }>(
			`select production_order_id as id from production_orders where status not in ('completed', 'cancelled') and due_date between $1::date and $2::date`,
			[first, last]
		);
		return r.rows.map((x) => x.id);
	}
};

export const productionReportFamily: KpiFamily = {
	name: 'production_report',
	on: {
		'production.reported': (events) => events.map((e) => e.id),
		// The report's row is gone: its contributions go with it.
		'production.report_reversed': (events) => events.map((e) => (e.data as { reportId: string }).reportId)
	},
	async contributions(q, ids) {
		const r = await q.query<{ id: string; at: number; wc: string | null; good: number; scrap: number }>(
			`select r.event_id::text as id, (extract(epoch from r.reported_at) * 1000)::float8 as at, r.work_center_id as wc,
				r.good_qty::float8 as good, r.scrap_qty::float8 as scrap
			from unnest($1::uuid[]) k(id) join production_reports r on r.event_id = k.id order by r.event_id`,
			[ids]
		);
		return r.rows.flatMap((x) => yieldContributions({ eventId: x.id, at: x.at, workCenterId: x.wc, good: x.good, scrap: x.scrap }));
	},
	async all(q) {
		return (await q.query<{ id: string }>('select event_id::text as id from production_reports order by 1')).rows.map((r) => r.id);
	}
};
