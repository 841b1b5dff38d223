// Production KPIs, one subject per production order: plan attainment (the order completed in full by
// the end of its due date, in the factory time zone) and production yield (good over reported
// quantity, in the minute of each report, per work centre). Pure formulas over the order's state and
// reports; two queries load any number of orders. Reports may come before their order: they count at once.
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
	at: number;
	workCenterId: string | null;
	good: number;
	scrap: number;
}

/** Production yield: good / (good + scrap) of the reports, summed per minute and work centre. */
export function yieldContributions(orderId: string, itemId: string | null, reports: ProductionReportFacts[]): Contribution[] {
	const sums = new Map<string, { bucket: number; wc: string | null; num: number; den: number }>();
	for (const r of reports) {
		const bucket = floorMinute(r.at);
		const k = `${bucket}\u0000${r.workCenterId ?? ''}`;
		const cur = sums.get(k) ?? { bucket, wc: r.workCenterId, num: 0, den: 0 };
		cur.num += r.good;
		cur.den += r.good + r.scrap;
		sums.set(k, cur);
	}
	// Two work centres in one minute are two rows of the total: the ledger keys a record's row by dimension and bucket, so merge them.
	const total = new Map<number, { num: number; den: number }>();
	for (const v of sums.values()) {
		const t = total.get(v.bucket) ?? { num: 0, den: 0 };
		t.num += v.num;
		t.den += v.den;
		total.set(v.bucket, t);
	}
	const base = { subject: orderId, kpi: 'production_yield', record: orderId };
	const out: Contribution[] = [];
	for (const [bucket, v] of [...total].sort(([a], [b]) => a - b)) {
		if (v.den === 0) continue;
		out.push({ ...base, dim: '', bucket, ...v });
		if (itemId) out.push({ ...base, dim: `item:${itemId}`, bucket, ...v });
	}
	for (const v of [...sums.values()].sort((a, b) => a.bucket - b.bucket || ((a.wc ?? '') < (b.wc ?? '') ? -1 : 1))) {
		if (v.wc && v.den !== 0) out.push({ ...base, dim: `workCenter:${v.wc}`, bucket: v.bucket, num: v.num, den: v.den });
	}
	return out;
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
		'production_order.completed': orderIds,
		'production_order.cancelled': orderIds,
		'production_order.rescheduled': orderIds
	},
	async contributions(q, ids, ctx) {
		const orders = await loadProductionOrders(q, ids);
		const reports = await q.query<{ id: string; at: number; wc: string | null; good: number; scrap: number }>(
			`select production_order_id as id, (extract(epoch from reported_at) * 1000)::float8 as at, work_center_id as wc,
				good_qty::float8 as good, scrap_qty::float8 as scrap
			from unnest($1::text[]) k(id) cross join lateral (select * from production_reports r where r.production_order_id = k.id) r order by production_order_id, reported_at, event_id`,
			[ids]
		);
		const byOrder = new Map<string, ProductionReportFacts[]>();
		for (const r of reports.rows) byOrder.set(r.id, [...(byOrder.get(r.id) ?? []), { at: r.at, workCenterId: r.wc, good: r.good, scrap: r.scrap }]);
		const item = new Map(orders.map((o) => [o.productionOrderId, o.itemId]));
		return [
			...orders.flatMap((o) => productionContributions(o, ctx)),
			...[...byOrder].flatMap(([id, rs]) => yieldContributions(id, item.get(id) ?? null, rs))
		];
	},
	async all(q) {
		const r = await q.query<{ id: string }>('select production_order_id as id from production_orders union select production_order_id from production_reports order by 1');
		return r.rows.map((x) => x.id);
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
