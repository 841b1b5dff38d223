// KPI window queries over 90 days × 10,000 events a day on PostgreSQL: the benchmark data's KPI set
// (seed/bench/sets.ts kpiSet, scale 1: 360,000 sales orders entered at every hour of the day, 270,000
// promises and 270,000 shipments, 900,000 events) appended through the event log (load.ts), so the log
// and the sales projections are what the append path writes; the KPI ledger is then built by
// kpi-rebuild, the same code the append path runs per batch. Figures, each beside its baseline from the
// same run:
//   live window value (otd 30d, order response time 30d and 90d), p50/p95   vs the same answer
//   aggregated from the raw events (JSON of sales_order.created, .promised, shipment.shipped)
// Target: window p95 ≤ 20 ms. Both answers are compared, so a fast wrong answer fails the bench.
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../../server/db/postgres.ts';
import { migrate } from '../../server/db/migrate.ts';
import { EVENT_STAGE_DDL } from '../../server/events/append.ts';
import { rebuildKpis } from '../../server/kpi/rebuild.ts';
import { kpiTotal, kpiWindow } from '../../server/kpi/queries.ts';
import { windowRange, type KpiWindowName } from '../../server/kpi/time.ts';
import { KPI_DAYS, KPI_ORDERS_PER_DAY, KPI_START, kpiSet } from '../../seed/bench/sets.ts';
import { adminUrl, createBenchDatabase } from './bench-db.ts';
import { eventSink, loadSet } from './load.ts';
import { cleanup, formatTable, round } from './harness.ts';

const TZ = 'Asia/Shanghai';
const DAYS = KPI_DAYS;
const START = KPI_START;
/** Each order brings a promise in 3 of 4 and a shipment in 3 of 4: 10,000 events a day at scale 1. */
const EVENTS_PER_ORDER = 2.5;
const QUERY_RUNS = 200;
const BASELINE_RUNS = 5;
const TARGET_P95_MS = 20;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)];

/** The same answers from the raw events, as one would without a ledger. */
const RAW_OTD = `with o as (
		select e.data->>'orderId' as id, l->>'lineId' as line, (l->>'qty')::numeric as qty, (l->>'requestedDate')::date as req
		from events e, jsonb_array_elements(e.data->'lines') l where e.type = 'sales_order.created'),
	p as (
		select distinct on (e.data->>'orderId', l->>'lineId') e.data->>'orderId' as id, l->>'lineId' as line, (l->>'promisedDate')::date as d
		from events e, jsonb_array_elements(e.data->'lines') l where e.type = 'sales_order.promised'
		order by e.data->>'orderId', l->>'lineId', e.occurred_at desc),
	s as (select data->>'orderId' as id, data->>'lineId' as line, sum((data->>'qty')::numeric) as qty, max(occurred_at) as last
		from events where type = 'shipment.shipped' group by 1, 2),
	j as (select coalesce(p.d, o.req) as due, o.qty, s.qty as shipped, s.last from o left join p using (id, line) left join s using (id, line)),
	k as (select ((due + 1)::timestamp at time zone $3) as due_end, coalesce(shipped >= qty, false) as done, last from j
		where (due::timestamp at time zone $3) >= $1 and (due::timestamp at time zone $3) < $2)
	select count(*) filter (where done and last < due_end)::float8 as num, count(*) filter (where done or due_end <= $4)::float8 as den from k`;

const RAW_RESPONSE = `with c as (select data->>'orderId' as id, min(occurred_at) as at from events where type = 'sales_order.created' group by 1),
	p as (select data->>'orderId' as id, min(occurred_at) as at from events where type = 'sales_order.promised' group by 1)
	select coalesce(sum(extract(epoch from p.at - c.at) / 3600), 0)::float8 as num, count(*)::float8 as den
	from c join p using (id) where c.at >= $1 and c.at < $2`;

async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn(i);
		out.push(performance.now() - t0);
	}
	return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** `scale`: events a day (1: 10,000); the 90 days stay. */
export async function runKpiBench(scale = 1): Promise<void> {
	const perDay = Math.round(KPI_ORDERS_PER_DAY * scale * EVENTS_PER_ORDER);
	const admin = await adminUrl();
	const scratch = await createBenchDatabase(admin);
	cleanup.add('drop bench database', () => scratch.drop());
	const db = await openPostgres(scratch.url, { sessionSql: [EVENT_STAGE_DDL] });
	cleanup.add('close database', () => db.close());
	await migrate(db);
	console.error(`database ${scratch.name}: appending ${DAYS} days × ${perDay.toLocaleString('en')} events through the event log…`);
	let t0 = performance.now();
	const loaded = await loadSet(await eventSink(db, TZ), kpiSet(scale));
	const genMs = performance.now() - t0;
	const horizon = new Date(`${START}T00:00:00+08:00`).getTime() + DAYS * 86_400_000;
	await db.query('update kpi_state set horizon = $1, time_zone = $2', [new Date(horizon).toISOString(), TZ]);
	console.error(`${loaded.events.toLocaleString('en')} events appended in ${round(genMs / 1000, 1)} s; kpi-rebuild…`);
	t0 = performance.now();
	const rebuilt = await rebuildKpis(db, TZ);
	await db.exec('analyze kpi_buckets; analyze kpi_hours; analyze kpi_contributions');
	const events = (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;

	const nowAt = (i: number) => new Date(horizon - ((i * 7) % 60) * 86_400_000 - 3_600_000);
	const rows: string[][] = [];
	const json: Record<string, unknown> = {};
	let allPass = true;
	const cases: { label: string; kpi: string; window: KpiWindowName | '90d'; raw: string }[] = [
		{ label: 'otd, 30-day window', kpi: 'otd', window: '30d', raw: RAW_OTD },
		{ label: 'order response time, 30-day window', kpi: 'order_response_time', window: '30d', raw: RAW_RESPONSE },
		{ label: 'order response time, 90 days', kpi: 'order_response_time', window: '90d', raw: RAW_RESPONSE }
	];
	for (const c of cases) {
		const range = (now: Date) => (c.window === '90d' ? { from: horizon - DAYS * 86_400_000, to: horizon } : windowRange(c.window, now, TZ));
		const ledger = (i: number) =>
			c.window === '90d' ? kpiTotal(db, { kpi: c.kpi, ...range(nowAt(i)), timeZone: TZ }) : kpiWindow(db, { kpi: c.kpi, window: c.window, now: nowAt(i), timeZone: TZ });
		const raw = async (i: number) => {
			const r = range(nowAt(i));
			const params = c.raw === RAW_OTD ? [new Date(r.from), new Date(r.to), TZ, new Date(horizon)] : [new Date(r.from), new Date(r.to)];
			return (await db.query<{ num: number; den: number }>(c.raw, params)).rows[0];
		};
		// Same answer first: the ledger's sums against the raw aggregation, at a few points in time.
		for (const i of [0, 3, 11]) {
			const a = (await ledger(i)) as { num: number; den: number };
			const b = await raw(i);
			if (!close(a.num, b.num) || !close(a.den, b.den)) throw new Error(`${c.label}: ledger ${a.num}/${a.den} but raw events ${b.num}/${b.den}`);
		}
		await timeRuns(10, ledger);
		const l = await timeRuns(QUERY_RUNS, ledger);
		const b = await timeRuns(BASELINE_RUNS, raw);
		const p95 = quantile(l, 0.95);
		const pass = p95 <= TARGET_P95_MS;
		allPass &&= pass;
		const baseP95 = quantile(b, 0.95);
		rows.push([c.label, `${round(quantile(l, 0.5), 2)}`, `${round(p95, 2)}`, `${round(quantile(b, 0.5), 0)}`, `${round(baseP95, 0)}`, `${round(baseP95 / p95, 0)}×`, `≤ ${TARGET_P95_MS} ms`, pass ? 'PASS' : 'MISS']);
		json[c.kpi + ':' + c.window] = { p50: round(quantile(l, 0.5), 2), p95: round(p95, 2), baselineP50: round(quantile(b, 0.5), 1), baselineP95: round(baseP95, 1), ratio: round(baseP95 / p95, 1), pass };
	}
	console.log(
		`\nkpi — window queries over ${DAYS} days × ${perDay.toLocaleString('en')} events/day (${events.toLocaleString('en')} events, PostgreSQL), ${QUERY_RUNS} ledger runs, ${BASELINE_RUNS} raw runs\n`
	);
	console.log(formatTable(['query', 'p50 ms', 'p95 ms', 'raw p50 ms', 'raw p95 ms', 'raw / ledger', 'target', ''], rows));
	console.log(`\nkpi-rebuild: ${rebuilt.subjects.toLocaleString('en')} subjects → ${rebuilt.buckets.toLocaleString('en')} minute buckets of ${rebuilt.kpis} KPIs in ${round(rebuilt.ms / 1000, 1)} s`);
	console.log('\n' + JSON.stringify({ bench: 'kpi', db: db.kind, scale, events, rebuild: rebuilt, queries: json, pass: allPass }));
}
