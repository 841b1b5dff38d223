// The weekly and monthly review (src/routes/review): why deliveries were late, ranked (a Pareto of the
// causes: supply, capacity, planning, order changes), what purchases cost against standard (purchase
// price variance by supplier and by item), and the main KPIs per week or month against their targets.
// Plain reads over a period of factory days; `now` is an argument.
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate, mondayOf } from '../shared/factory-date.ts';
import { kpiDefinition, kpiStatus } from './catalogue.ts';
import { kpiSeries, type KpiRecord } from './queries.ts';
import { explainRecords } from './records.ts';
import { dayStart } from './time.ts';

export type ReviewPeriod = 'week' | 'month';

export interface ReviewRange {
	period: ReviewPeriod;
	/** 0: the period holding yesterday; 1: the one before, … */
	offset: number;
	from: string;
	to: string;
}

/** The calendar week (Monday to Sunday) or month that holds yesterday, `offset` periods back; never past yesterday. */
export function reviewRange(period: ReviewPeriod, offset: number, now: Date, timeZone: string): ReviewRange {
	const yesterday = addDays(factoryDate(now, timeZone), -1);
	if (period === 'week') {
		const monday = addDays(mondayOf(yesterday), -7 * offset);
		const sunday = addDays(monday, 6);
		return { period, offset, from: monday, to: sunday < yesterday ? sunday : yesterday };
	}
	const [y, m] = yesterday.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 - offset, 1));
	const from = first.toISOString().slice(0, 10);
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
	return { period, offset, from, to: last < yesterday ? last : yesterday };
}

/** What a cause code is about, for the Pareto's groups. */
export const CAUSE_GROUPS: Record<string, 'supply' | 'capacity' | 'planning'> = {
	RISK_RECEIPT_LATE: 'supply',
	RISK_RECEIPT_LATE_DELAYED: 'supply',
	RISK_NO_SUPPLY: 'planning',
	RISK_ORDER_LATE: 'planning',
	RISK_MAKE_LEAD_TIME: 'capacity',
	RISK_PAST_DUE: 'capacity'
};

export interface DelayCause {
	/** A supply cause code (RISK_…), a reason code of an order change, or "UNEXPLAINED". */
	code: string;
	group: 'supply' | 'capacity' | 'planning' | 'order_change' | 'unexplained';
	label: { 'zh-CN': string; en: string } | null;
	lines: number;
	daysLate: number;
	/** Share of all late lines, and the running total (the Pareto line), in %. */
	share: number;
	cumulative: number;
}

export interface PriceVariance {
	key: string;
	name: string | null;
	lines: number;
	qty: number;
	/** What was paid (ordered qty × price) and what it would have cost at standard cost. */
	spend: number;
	standard: number;
	/** spend − standard: positive is paying more than standard. */
	variance: number;
	variancePct: number | null;
}

export interface ReviewTrend {
	kpi: string;
	name: { 'zh-CN': string; en: string };
	unit: string;
	target: number;
	points: { t: string; value: number | null; status: 'ok' | 'warn' | 'bad' | null }[];
}

export interface Review {
	range: ReviewRange;
	late: { lines: number; of: number; records: KpiRecord[] };
	causes: DelayCause[];
	ppv: { bySupplier: PriceVariance[]; byItem: PriceVariance[]; total: PriceVariance };
	trends: ReviewTrend[];
}

/** The KPIs the review follows over time. */
export const REVIEW_KPIS = ['otd', 'otif', 'plan_attainment', 'supplier_otd', 'supplier_quality', 'production_yield', 'oee', 'inventory_turnover'];

export async function review(q: Queryable, a: { period: ReviewPeriod; offset: number; now: Date; timeZone: string }): Promise<Review> {
	const range = reviewRange(a.period, a.offset, a.now, a.timeZone);
	const from = new Date(dayStart(range.from, a.timeZone));
	const to = new Date(dayStart(addDays(range.to, 1), a.timeZone));

	// Late lines: in on-time delivery's denominator and not its numerator (the first 1,000 by due date).
	const counted = (
		await q.query<{ late: number; lines: number }>(
			`select count(*) filter (where num = 0)::int as late, count(*)::int as lines from kpi_contributions
			where kpi = 'otd' and dim = '' and bucket >= $1 and bucket < $2 and den <> 0`,
			[from.toISOString(), to.toISOString()]
		)
	).rows[0];
	const lateRows = (
		await q.query<{ record: string; t: number; num: number; den: number }>(
			`select record, (extract(epoch from bucket) * 1000)::float8 as t, num::float8 as num, den::float8 as den from kpi_contributions
			where kpi = 'otd' and dim = '' and bucket >= $1 and bucket < $2 and den <> 0 and num = 0 order by bucket, record limit 1000`,
			[from.toISOString(), to.toISOString()]
		)
	).rows;
	const why = await explainRecords(q, 'otd', lateRows.map((r) => r.record), { timeZone: a.timeZone, now: a.now });
	const lateRecords: KpiRecord[] = lateRows.map((r) => ({ record: r.record, t: new Date(r.t).toISOString(), num: r.num, den: r.den, why: why.get(r.record) ?? null }));
	const labels = new Map(
		(await q.query<{ code: string; zh: string; en: string }>(`select code, label_zh as zh, label_en as en from reason_codes`)).rows.map((r) => [r.code, { 'zh-CN': r.zh, en: r.en }])
	);
	const tally = new Map<string, { group: DelayCause['group']; lines: number; daysLate: number }>();
	for (const r of lateRecords) {
		const why = r.why;
		const codes = [...new Set([...(why?.causes.map((c) => c.code) ?? []), ...(why?.reasonCodes ?? [])])];
		const list = codes.length ? codes : ['UNEXPLAINED'];
		for (const code of list) {
			const group: DelayCause['group'] = code === 'UNEXPLAINED' ? 'unexplained' : (CAUSE_GROUPS[code] ?? 'order_change');
			const t = tally.get(code) ?? { group, lines: 0, daysLate: 0 };
			t.lines += 1;
			t.daysLate += why?.daysLate ?? 0;
			tally.set(code, t);
		}
	}
	const totalLate = lateRecords.length;
	let running = 0;
	const causes: DelayCause[] = [...tally.entries()]
		.sort((x, y) => y[1].lines - x[1].lines || y[1].daysLate - x[1].daysLate || x[0].localeCompare(y[0]))
		.map(([code, t]) => {
			const share = totalLate ? (t.lines / totalLate) * 100 : 0;
			running += share;
			return { code, group: t.group, label: labels.get(code) ?? null, lines: t.lines, daysLate: t.daysLate, share, cumulative: Math.min(100, running) };
		});

	const ppvRows = (
		await q.query<{ key: string; name: string | null; lines: number; qty: number; spend: number; standard: number; by: 'supplier' | 'item' | 'total' }>(
			`with l as (
				select o.supplier_id, l.item_id, l.qty, l.qty * l.unit_price as spend, l.qty * coalesce(i.unit_cost, l.unit_price) as standard
				from purchase_orders o join purchase_order_lines l on l.po_id = o.po_id left join items i on i.item_id = l.item_id
				where o.placed_at >= $1 and o.placed_at < $2 and l.qty is not null and l.unit_price is not null
			)
			select 'supplier' as by, l.supplier_id as key, s.name, count(*)::int as lines, sum(qty)::float8 as qty, sum(spend)::float8 as spend, sum(standard)::float8 as standard
				from l left join suppliers s on s.supplier_id = l.supplier_id group by l.supplier_id, s.name
			union all
			select 'item', l.item_id, i.name, count(*)::int, sum(qty)::float8, sum(spend)::float8, sum(standard)::float8
				from l left join items i on i.item_id = l.item_id group by l.item_id, i.name
			union all
			select 'total', '', null, count(*)::int, coalesce(sum(qty), 0)::float8, coalesce(sum(spend), 0)::float8, coalesce(sum(standard), 0)::float8 from l`,
			[from.toISOString(), to.toISOString()]
		)
	).rows;
	const variance = (r: (typeof ppvRows)[number]): PriceVariance => ({
		key: r.key,
		name: r.name,
		lines: r.lines,
		qty: r.qty,
		spend: r.spend,
		standard: r.standard,
		variance: r.spend - r.standard,
		variancePct: r.standard ? ((r.spend - r.standard) / r.standard) * 100 : null
	});
	const ranked = (by: 'supplier' | 'item') =>
		ppvRows
			.filter((r) => r.by === by)
			.map(variance)
			.sort((x, y) => Math.abs(y.variance) - Math.abs(x.variance) || x.key.localeCompare(y.key))
			.slice(0, 20);

	// The KPIs per week (12 weeks) or month (6 months), the period under review last.
	const first = a.period === 'week' ? addDays(range.from, -7 * 11) : reviewRange('month', a.offset + 5, a.now, a.timeZone).from;
	const trendFrom = new Date(dayStart(first, a.timeZone));
	const trends: ReviewTrend[] = [];
	for (const id of REVIEW_KPIS) {
		const def = kpiDefinition(id);
		if (!def) continue;
		const s = await kpiSeries(q, { kpi: id, from: trendFrom, to, bucket: a.period, timeZone: a.timeZone });
		trends.push({ kpi: id, name: def.name, unit: def.unit, target: def.target, points: s.points.map((p) => ({ t: p.t, value: p.value, status: kpiStatus(def, p.value) })) });
	}
	return {
		range,
		late: { lines: counted.late, of: counted.lines, records: lateRecords },
		causes,
		ppv: { bySupplier: ranked('supplier'), byItem: ranked('item'), total: variance(ppvRows.find((r) => r.by === 'total')!) },
		trends
	};
}

