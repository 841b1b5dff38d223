// KPI reads over the ledger: a series with roll-ups in the factory time zone, a live window's value,
// and the records behind a figure. Whole hours are read from kpi_hours and the minutes at the edges
// from kpi_buckets, so a 90-day window reads a few thousand rows at most; the answer is the same sum
// either way. Hours are used only when the zone's offset is a whole number of hours at both ends (in a
// zone like Asia/Kolkata a UTC hour straddles two local days, so its minutes are read instead).
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { kpiDefinition, kpiStatus, kpiValue, type KpiDefinition } from './catalogue.ts';
import { ceilHour, dayEnd, dayStart, floorHour, windowRange, zoneOffset, type KpiWindowName, WINDOWS } from './time.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';
import { explainRecords, type RecordWhy } from './records.ts';

export const BUCKETS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type BucketSize = (typeof BUCKETS)[number];

export interface KpiPoint {
	t: string;
	value: number | null;
	num: number;
	den: number;
}

export interface KpiFigure {
	value: number | null;
	num: number;
	den: number;
}

export interface KpiSeries {
	kpi: string;
	points: KpiPoint[];
	total: KpiFigure;
}

const HOUR = 3_600_000;
/** Series longer than this many buckets are answered without empty points. */
const MAX_FILLED = 20_000;

/** The hour-aligned middle of [from, to) that kpi_hours may answer; the rest comes from minutes. */
function split(from: number, to: number, timeZone: string): { inFrom: number; inTo: number } {
	const whole = zoneOffset(from, timeZone) % HOUR === 0 && zoneOffset(to, timeZone) % HOUR === 0;
	const inFrom = ceilHour(from);
	const inTo = floorHour(to);
	return whole && inFrom < inTo ? { inFrom, inTo } : { inFrom: to, inTo: to };
}

/**
 * The ledger rows of one KPI over [from, to): whole hours from kpi_hours, the minutes at the edges from
 * kpi_buckets. The dimension value is p(1), or another SQL expression (`dimSql`, a column of an outer query).
 */
const rawSql = (firstParam: number, dimSql?: string) => {
	const p = (i: number) => `$${firstParam + i}`;
	// p(0) kpi, p(1) dim, p(2) from, p(3) inner from, p(4) inner to, p(5) to (all ISO instants)
	const dim = dimSql ?? p(1);
	// Three index ranges (one OR of two ranges would scan the KPI's whole minute range), and the deltas
	// not yet compacted (compaction.ts), all in one statement: the same sum before and after compaction.
	return `select hour as t, num, den from kpi_hours where kpi = ${p(0)} and dim = ${dim} and hour >= ${p(3)}::timestamptz and hour < ${p(4)}::timestamptz
		union all
		select bucket, num, den from kpi_buckets where kpi = ${p(0)} and dim = ${dim} and bucket >= ${p(2)}::timestamptz and bucket < ${p(3)}::timestamptz
		union all
		select bucket, num, den from kpi_buckets where kpi = ${p(0)} and dim = ${dim} and bucket >= ${p(4)}::timestamptz and bucket < ${p(5)}::timestamptz
		union all
		select bucket, num, den from kpi_deltas where kpi = ${p(0)} and dim = ${dim} and bucket >= ${p(2)}::timestamptz and bucket < ${p(5)}::timestamptz`;
};

const iso = (t: number) => new Date(t).toISOString();

function rawParams(kpi: string, dim: string, from: number, to: number, timeZone: string): unknown[] {
	const { inFrom, inTo } = split(from, to, timeZone);
	return [kpi, dim, iso(from), iso(inFrom), iso(inTo), iso(to)];
}

/** sum(num), sum(den) of a KPI over [from, to). */
export async function kpiTotal(q: Queryable, a: { kpi: string; from: number; to: number; dim?: string; timeZone: string }): Promise<{ num: number; den: number }> {
	const r = await q.query<{ num: number; den: number }>(
		`select coalesce(sum(num), 0)::float8 as num, coalesce(sum(den), 0)::float8 as den from (${rawSql(1)}) x`,
		rawParams(a.kpi, a.dim ?? '', a.from, a.to, a.timeZone)
	);
	return r.rows[0];
}

function figure(def: KpiDefinition | undefined, num: number, den: number): KpiFigure {
	return { value: def ? kpiValue(def, num, den) : den ? num / den : null, num, den };
}

/**
 * A KPI over [from, to) in buckets of the factory calendar (weeks start on Monday). Minute series list
 * only minutes with contributions; coarser series list every bucket of the range, empty ones with
 * value null. The total is over the whole range, never a mean of the points.
 */
export async function kpiSeries(
	q: Queryable,
	a: { kpi: string; from: Date; to: Date; bucket: BucketSize; dim?: string; timeZone: string }
): Promise<KpiSeries> {
	const def = kpiDefinition(a.kpi);
	const from = a.from.getTime();
	const to = a.to.getTime();
	const params = [...rawParams(a.kpi, a.dim ?? '', from, to, a.timeZone), a.timeZone];
	const tz = '$7';
	let rows: { t: number; num: number; den: number }[];
	if (a.bucket === 'minute') {
		rows = (
			await q.query<{ t: number; num: number; den: number }>(
				`select (extract(epoch from t) * 1000)::float8 as t, sum(num)::float8 as num, sum(den)::float8 as den
				from (${rawSql(1)}) x group by t having sum(num) <> 0 or sum(den) <> 0 order by t`,
				params.slice(0, 6)
			)
		).rows;
	} else {
		const unit = `'${a.bucket}'`;
		const span = (to - from) / ({ hour: HOUR, day: 24 * HOUR, week: 168 * HOUR, month: 28 * 24 * HOUR } as const)[a.bucket];
		const agg = `select date_trunc(${unit}, t at time zone ${tz}) as lt, sum(num) as num, sum(den) as den from (${rawSql(1)}) x group by 1`;
		rows = (
			await q.query<{ t: number; num: number; den: number }>(
				span <= MAX_FILLED && to > from
					? `with agg as (${agg}),
						slots as (select distinct generate_series(date_trunc(${unit}, $3::timestamptz at time zone ${tz}),
							($6::timestamptz - interval '1 microsecond') at time zone ${tz}, interval '1 ${a.bucket}') as lt)
					select (extract(epoch from s.lt at time zone ${tz}) * 1000)::float8 as t, coalesce(a.num, 0)::float8 as num, coalesce(a.den, 0)::float8 as den
					from slots s left join agg a on a.lt = s.lt order by s.lt`
					: `select (extract(epoch from lt at time zone ${tz}) * 1000)::float8 as t, num::float8 as num, den::float8 as den from (${agg}) a order by lt`,
				params
			)
		).rows;
	}
	const points = rows.map((r) => ({ t: iso(r.t), ...figure(def, r.num, r.den) }));
	const total = await kpiTotal(q, { kpi: a.kpi, from, to, dim: a.dim, timeZone: a.timeZone });
	return { kpi: a.kpi, points, total: figure(def, total.num, total.den) };
}

export interface KpiWindowValue extends KpiFigure {
	target?: number;
	status?: 'ok' | 'warn' | 'bad';
}

/** A live topic's value (CONTRACTS.md "KPIs and alerts"): the KPI over a window of factory days ending today. */
export async function kpiWindow(q: Queryable, a: { kpi: string; window: KpiWindowName; now: Date; timeZone: string; dim?: string }): Promise<KpiWindowValue> {
	const def = kpiDefinition(a.kpi);
	const { from, to } = windowRange(a.window, a.now, a.timeZone);
	const t = await kpiTotal(q, { kpi: a.kpi, from, to, dim: a.dim, timeZone: a.timeZone });
	const f = figure(def, t.num, t.den);
	if (!def) return f;
	const status = kpiStatus(def, f.value);
	return { ...f, target: def.target, ...(status ? { status } : {}) };
}

export const kpiWindowNames = WINDOWS;

/** A KPI per factory day over the last `days` days up to today, with what its figures are measured against. */
export interface KpiTrend {
	kpi: string;
	/** One point per factory day, oldest first; the last is today (so far). */
	points: { date: string; value: number | null; num: number; den: number }[];
	target?: number;
	warn?: number;
	bad?: number;
}

export async function kpiTrend(q: Queryable, a: { kpi: string; days: number; now: Date; timeZone: string; dim?: string }): Promise<KpiTrend> {
	const def = kpiDefinition(a.kpi);
	const today = factoryDate(a.now, a.timeZone);
	const first = addDays(today, -(a.days - 1));
	const s = await kpiSeries(q, { kpi: a.kpi, from: new Date(dayStart(first, a.timeZone)), to: new Date(dayEnd(today, a.timeZone)), bucket: 'day', dim: a.dim, timeZone: a.timeZone });
	return {
		kpi: a.kpi,
		points: s.points.map((p) => ({ date: factoryDate(new Date(p.t), a.timeZone), value: p.value, num: p.num, den: p.den })),
		...(def ? { target: def.target, warn: def.warn, bad: def.bad } : {})
	};
}

/** A KPI over a window per value of one dimension (every work centre, supplier…), each with its own figures. */
export interface KpiByDimension {
	kpi: string;
	by: string;
	rows: { key: string; name: string | null; value: number | null; num: number; den: number }[];
	target?: number;
	warn?: number;
	bad?: number;
}

/** Where the names of a dimension's values live. */
const DIMENSION_NAMES: Record<string, { table: string; key: string }> = {
	workCenter: { table: 'work_centers', key: 'work_center_id' },
	supplier: { table: 'suppliers', key: 'supplier_id' },
	customer: { table: 'customers', key: 'customer_id' },
	item: { table: 'items', key: 'item_id' }
};

/**
 * Every value of a dimension with contributions to the KPI, and the KPI over the window for each. The
 * values are found by skipping through the ledger's index from one to the next (a handful of index
 * probes per value, however many hours each has), then each one is summed as a window is.
 */
export async function kpiByDimension(q: Queryable, a: { kpi: string; window: KpiWindowName; by: string; now: Date; timeZone: string }): Promise<KpiByDimension> {
	const def = kpiDefinition(a.kpi);
	const names = DIMENSION_NAMES[a.by];
	if (!names) throw new Error(`unknown dimension ${a.by}`);
	const { from, to } = windowRange(a.window, a.now, a.timeZone);
	const prefix = `${a.by}:`;
	const r = await q.query<{ dim: string; name: string | null; num: number; den: number }>(
		`with recursive hours(dim) as (
			(select dim from kpi_hours where kpi = $1 and dim >= $2 order by dim limit 1)
			union all
			select (select h.dim from kpi_hours h where h.kpi = $1 and h.dim > d.dim order by h.dim limit 1)
			from hours d where starts_with(d.dim, $2)
		),
		dims(dim) as (select dim from hours union select dim from kpi_deltas where kpi = $1 and starts_with(dim, $2))
		select d.dim, n.name, x.num, x.den
		from dims d
		cross join lateral (select coalesce(sum(num), 0)::float8 as num, coalesce(sum(den), 0)::float8 as den from (${rawSql(1, 'd.dim')}) r) x
		left join ${names.table} n on n.${names.key} = substr(d.dim, length($2) + 1)
		where starts_with(d.dim, $2) and (x.num <> 0 or x.den <> 0)
		order by d.dim`,
		rawParams(a.kpi, prefix, from, to, a.timeZone)
	);
	return {
		kpi: a.kpi,
		by: a.by,
		rows: r.rows.map((x) => ({ key: x.dim.slice(prefix.length), name: x.name, ...figure(def, x.num, x.den) })),
		...(def ? { target: def.target, warn: def.warn, bad: def.bad } : {})
	};
}

export interface KpiRecord {
	record: string;
	/** The bucket the record counts in (for dated KPIs: the start of its due date). */
	t: string;
	num: number;
	den: number;
	why: RecordWhy | null;
}

export const RECORDS_LIMIT = 500;

/**
 * The records behind a figure: those with a numerator (side num) or a denominator (side den) in
 * [from, to), oldest first, with why (for delivery KPIs: due date, when shipped in full, days late,
 * reason codes and the planning's supply causes). At most `limit`; `total` says how many there are.
 */
export async function kpiRecords(
	q: Queryable,
	a: { kpi: string; from: Date; to: Date; dim?: string; side: 'num' | 'den'; timeZone: string; now: Date; limit?: number }
): Promise<{ kpi: string; side: 'num' | 'den'; total: number; records: KpiRecord[] }> {
	const limit = Math.min(a.limit ?? RECORDS_LIMIT, RECORDS_LIMIT);
	const r = await q.query<{ record: string; t: number; num: number; den: number; total: number }>(
		`select record, (extract(epoch from bucket) * 1000)::float8 as t, num::float8 as num, den::float8 as den, count(*) over ()::int as total
		from kpi_contributions
		where kpi = $1 and dim = $2 and bucket >= $3 and bucket < $4 and ${a.side === 'num' ? 'num' : 'den'} <> 0
		order by bucket, record limit $5`,
		[a.kpi, a.dim ?? '', a.from.toISOString(), a.to.toISOString(), limit]
	);
	const why = await explainRecords(q, a.kpi, r.rows.map((x) => x.record), { timeZone: a.timeZone, now: a.now });
	return {
		kpi: a.kpi,
		side: a.side,
		total: r.rows[0]?.total ?? 0,
		records: r.rows.map((x) => ({ record: x.record, t: iso(x.t), num: x.num, den: x.den, why: why.get(x.record) ?? null }))
	};
}

/** The API's query of GET /api/kpis/<kpi>: ISO instants with an offset, a bucket size, an optional dimension. */
export const seriesQuery = z.strictObject({
	from: z.iso.datetime({ offset: true }),
	to: z.iso.datetime({ offset: true }),
	bucket: z.enum(BUCKETS).default('day'),
	dim: z.string().max(200).optional()
});

export const recordsQuery = z.strictObject({
	from: z.iso.datetime({ offset: true }),
	to: z.iso.datetime({ offset: true }),
	side: z.enum(['num', 'den']).default('den'),
	dim: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(RECORDS_LIMIT).optional()
});
