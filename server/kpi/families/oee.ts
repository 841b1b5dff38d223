// OEE (overall equipment effectiveness) per work centre and factory day, one subject per work-centre
// day ('<workCenterId>:<date>'), counted at the start of that day once the day has ended at the
// ledger's horizon (so a day's figures are whole: today has none until midnight).
//
//   OEE = availability × performance × quality = ideal minutes of good output / planned minutes
//   planned minutes   = the minutes of the day's shifts (the work centre's calendar in force that day:
//                       the latest work_center.upserted before the day ended; holidays and days off
//                       have none) during which the work centre had work. It had work
//                       while a production order's span there covered the time: from the earliest
//                       start of one of the order's operations there (or its earliest report there
//                       less that report's ideal minutes and the setup) to its latest report there
//                       (production_spans, server/production/spans.ts). Shift time with nothing to
//                       run is not planned: in the usual OEE terms a schedule loss ("no orders"),
//                       which TEEP would count and OEE does not, so an idle line does not read as a
//                       slow one, and a stop while idle costs OEE nothing;
//   downtime minutes  = planned minutes while the work centre's status was down or in maintenance
//                       (work_center.status_changed, by business time; a stop with no restart yet
//                       runs to the end of the shift), or
//                       changed over: the setup minutes of an order's operations there from the start
//                       of its span (Nakajima's "setup and adjustment" loss is one of availability,
//                       not of speed);
//   ideal minutes     = Σ over the day's production reports at the work centre of quantity × run minutes
//                       per unit of the order's operation reported (production_operations);
//   oee_availability  = (planned − downtime) / planned
//   oee_performance   = ideal minutes of all output (good + scrap) / (planned − downtime): slow
//                       running and short stops nobody reported lower it
//   oee_quality       = ideal minutes of good output / ideal minutes of all output: good / (good + scrap)
//                       weighted by run time, so the three multiply to OEE exactly over any window
//                       (production_yield is the same ratio by quantity, per report minute).
// Reports without a work centre, and operations without run minutes, add no ideal minutes. Output
// outside planned time counts (a factor may then pass 100%). Pure formulas; one query per kind of fact
// loads any number of subjects.
import type { Queryable } from '../../db/db.ts';
import type { StoredEvent } from '../../events/envelope.ts';
import { addDays, factoryDate } from '../../shared/factory-date.ts';
import { dayMinutes, shiftMinutes, type ShiftCalendar } from '../../planning/capacity.ts';
import { withDims, type Contribution, type KpiFamily, type LedgerContext } from '../ledger.ts';
import { dayEnd, dayStart } from '../time.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export const OEE_KPIS = ['oee', 'oee_availability', 'oee_performance', 'oee_quality'] as const;

/** A status the work centre took, at a business time. */
export interface StatusChange {
	at: number;
	status: string;
}

export interface OeeDayFacts {
	workCenterId: string;
	date: string;
	/** The calendar in force that day; null before the work centre was first known. */
	calendar: ShiftCalendar | null;
	/** Status changes from the last one at or before the day's start on, in business time order. */
	changes: StatusChange[];
	/** Ideal minutes (run minutes per unit × quantity) of the day's good output, and of all of it. */
	idealGood: number;
	idealAll: number;
	/** Spans of production orders' work at the work centre that reach into the day's shifts, as instants. */
	spans: [number, number][];
	/** Changeovers: from each span's start, for the setup minutes of the order's operations at the work centre (within the span). */
	setups: [number, number][];
}

export interface OeeFigures {
	planned: number;
	down: number;
	idealAll: number;
	idealGood: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The day's shifts as instants (a shift past midnight runs into the next day), merged where they overlap. */
export function shiftIntervals(cal: ShiftCalendar, date: string, timeZone: string): [number, number][] {
	if (dayMinutes(cal, date) === 0) return [];
	const base = dayStart(date, timeZone);
	return union(cal.shifts.map((s): [number, number] => [base + minutesOf(s.start) * MINUTE, base + (minutesOf(s.start) + shiftMinutes(s)) * MINUTE]));
}

/** When the status was down or maintenance, as instants (a stop with no restart yet runs on). */
export function stopIntervals(changes: StatusChange[]): [number, number][] {
	const out: [number, number][] = [];
	changes.forEach((c, i) => {
		if (c.status !== 'up') out.push([c.at, i + 1 < changes.length ? changes[i + 1].at : Infinity]);
	});
	return out;
}

/** The union of intervals, sorted and merged (empty ones left out). */
function union(list: [number, number][]): [number, number][] {
	const out: [number, number][] = [];
	for (const [s, e] of [...list].sort((a, b) => a[0] - b[0])) {
		const last = out.at(-1);
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else if (e > s) out.push([s, e]);
	}
	return out;
}

/** Where two sorted, merged lists of intervals overlap. */
function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
	const out: [number, number][] = [];
	for (const [s, e] of a) for (const [t, u] of b) if (Math.min(e, u) > Math.max(s, t)) out.push([Math.max(s, t), Math.min(e, u)]);
	return out;
}

/** Minutes of the shifts that the intervals cover (each instant once). */
export function coveredMinutes(shifts: [number, number][], intervals: [number, number][]): number {
	let ms = 0;
	for (const [a, b] of union(intervals)) for (const [s, e] of shifts) ms += Math.max(0, Math.min(e, b) - Math.max(s, a));
	return ms / MINUTE;
}

export function oeeFigures(f: OeeDayFacts, timeZone: string): OeeFigures {
	if (!f.calendar || dayMinutes(f.calendar, f.date) === 0) return { planned: 0, down: 0, idealAll: f.idealAll, idealGood: f.idealGood };
	const shifts = shiftIntervals(f.calendar, f.date, timeZone);
	// Stops count where there was work; changeovers lie in the work's spans.
	const stops = intersect(union(stopIntervals(f.changes)), union(f.spans));
	return { planned: coveredMinutes(shifts, [...f.spans, ...f.setups]), down: coveredMinutes(shifts, [...stops, ...f.setups]), idealAll: f.idealAll, idealGood: f.idealGood };
}

/** The four KPIs' num/den of a work-centre day; a KPI with nothing on either side is left out. */
export function oeeRatios(x: OeeFigures): { kpi: (typeof OEE_KPIS)[number]; num: number; den: number }[] {
	const run = x.planned - x.down;
	return [
		{ kpi: 'oee' as const, num: x.idealGood, den: x.planned },
		{ kpi: 'oee_availability' as const, num: run, den: x.planned },
		{ kpi: 'oee_performance' as const, num: x.idealAll, den: run },
		{ kpi: 'oee_quality' as const, num: x.idealGood, den: x.idealAll }
	].filter((r) => r.num !== 0 || r.den !== 0);
}

/** Counted at the start of the day once it has ended at the horizon, for the total and the work centre. */
export function oeeContributions(f: OeeDayFacts, ctx: LedgerContext): Contribution[] {
	if (ctx.horizon === null || ctx.horizon < dayEnd(f.date, ctx.timeZone)) return [];
	const subject = `${f.workCenterId}:${f.date}`;
	const bucket = dayStart(f.date, ctx.timeZone);
	return oeeRatios(oeeFigures(f, ctx.timeZone)).flatMap((r) =>
		withDims({ subject, kpi: r.kpi, record: `${f.workCenterId}/${f.date}`, bucket, num: r.num, den: r.den }, { workCenter: f.workCenterId })
	);
}

const split = (id: string) => {
	const at = id.lastIndexOf(':');
	return { wc: id.slice(0, at), date: id.slice(at + 1) };
};
const iso = (t: number) => new Date(t).toISOString();

export async function loadOeeDays(q: Queryable, ids: string[], timeZone: string): Promise<OeeDayFacts[]> {
	const keys = ids.map(split);
	const wcs = keys.map((k) => k.wc);
	const starts = keys.map((k) => iso(dayStart(k.date, timeZone)));
	const ends = keys.map((k) => iso(dayEnd(k.date, timeZone)));
	// Status changes up to two days on: a shift that starts late in the day runs past midnight.
	const until = keys.map((k) => iso(dayStart(k.date, timeZone) + 2 * DAY));
	const cals = await q.query<{ i: number; cal: ShiftCalendar | null }>(
		`select k.i::int as i, (select e.data->'calendar' from events e
				where e.type = 'work_center.upserted' and e.data->>'workCenterId' = k.wc and e.occurred_at < k.e
				order by e.occurred_at desc, e.id desc limit 1) as cal
		from unnest($1::text[], $2::timestamptz[]) with ordinality k(wc, e, i)`,
		[wcs, ends]
	);
	const changes = await q.query<{ i: number; at: number; status: string }>(
		`select k.i::int as i, (extract(epoch from c.occurred_at) * 1000)::float8 as at, c.status
		from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) with ordinality k(wc, s, u, i)
		cross join lateral (
			(select e.occurred_at, e.id, e.data->>'status' as status from events e
				where e.type = 'work_center.status_changed' and e.data->>'workCenterId' = k.wc and e.occurred_at <= k.s
				order by e.occurred_at desc, e.id desc limit 1)
			union all
			select e.occurred_at, e.id, e.data->>'status' from events e
				where e.type = 'work_center.status_changed' and e.data->>'workCenterId' = k.wc and e.occurred_at > k.s and e.occurred_at < k.u
		) c
		order by k.i, c.occurred_at, c.id`,
		[wcs, starts, until]
	);
	// The run minutes per unit of the operation reported (the order's operation at that work centre
	// when the report names no operation), kept on each report by the production projectors.
	const ideal = await q.query<{ i: number; good: number; total: number }>(
		`select k.i::int as i, sum(p.good_qty * coalesce(p.run_minutes, 0))::float8 as good,
			sum((p.good_qty + p.scrap_qty) * coalesce(p.run_minutes, 0))::float8 as total
		from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) with ordinality k(wc, s, e, i)
		join production_reports p on p.work_center_id = k.wc and p.reported_at >= k.s and p.reported_at < k.e
		group by k.i`,
		[wcs, starts, ends]
	);
	const spans = await q.query<{ i: number; s: number; e: number; setup: number }>(
		`select k.i::int as i, (extract(epoch from p.started_at) * 1000)::float8 as s, (extract(epoch from p.ended_at) * 1000)::float8 as e,
			p.setup_minutes::float8 as setup
		from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) with ordinality k(wc, s, u, i)
		join production_spans p on tstzrange(p.started_at, p.ended_at, '[]') && tstzrange(k.s, k.u) and p.work_center_id = k.wc
		order by k.i, p.started_at, p.production_order_id`,
		[wcs, starts, until]
	);
	const facts: OeeDayFacts[] = keys.map((k) => ({ workCenterId: k.wc, date: k.date, calendar: null, changes: [], idealGood: 0, idealAll: 0, spans: [], setups: [] }));
	for (const r of spans.rows) {
		facts[r.i - 1].spans.push([r.s, r.e]);
		if (r.setup > 0) facts[r.i - 1].setups.push([r.s, Math.min(r.s + r.setup * MINUTE, r.e)]);
	}
	for (const r of cals.rows) facts[r.i - 1].calendar = r.cal;
	for (const r of changes.rows) facts[r.i - 1].changes.push({ at: r.at, status: r.status });
	for (const r of ideal.rows) Object.assign(facts[r.i - 1], { idealGood: r.good, idealAll: r.total });
	return facts;
}

/** The factory time zone and horizon as the ledger last recorded them (the `on` handlers get neither). */
async function ledgerState(q: Queryable): Promise<{ timeZone: string | null; horizon: number | null }> {
	const r = await q.query<{ tz: string | null; horizon: number | null }>(
		'select time_zone as tz, (extract(epoch from horizon) * 1000)::float8 as horizon from kpi_state where id = 1'
	);
	return { timeZone: r.rows[0]?.tz ?? null, horizon: r.rows[0]?.horizon ?? null };
}

/** The factory days an instant may fall on: its day, or (time zone not recorded yet) the UTC day and either side. */
function daysOf(t: number, timeZone: string | null): string[] {
	if (timeZone) return [factoryDate(new Date(t), timeZone)];
	const d = new Date(t).toISOString().slice(0, 10);
	return [addDays(d, -1), d, addDays(d, 1)];
}

function daysBetween(wc: string, first: string, last: string): string[] {
	const out: string[] = [];
	for (let d = first; d <= last; d = addDays(d, 1)) out.push(`${wc}:${d}`);
	return out;
}

/**
 * The days this transaction's changes to the spans of these orders moved (server/production/spans.ts
 * keeps each span's bounds from before the transaction): between a bound's old and new place, or the
 * whole span when it is new; from the day before (a shift past midnight). With the days of `also`:
 * instants at a work centre a span had reached before (a reversed report's, whose span may be gone).
 */
async function spanDays(q: Queryable, orders: string[], also: { wc: string; from: number; to: number }[] = []): Promise<string[]> {
	const { timeZone } = await ledgerState(q);
	const r = orders.length
		? await q.query<{ wc: string; s: number; e: number; ps: number | null; pe: number | null }>(
				`select work_center_id as wc, (extract(epoch from started_at) * 1000)::float8 as s, (extract(epoch from ended_at) * 1000)::float8 as e,
					(extract(epoch from prev_started_at) * 1000)::float8 as ps, (extract(epoch from prev_ended_at) * 1000)::float8 as pe
				from production_spans where production_order_id = any($1::text[]) and changed_tx = txid_current()`,
				[[...new Set(orders)]]
			)
		: { rows: [] };
	const moved = r.rows.flatMap((x) => {
		if (x.ps === null || x.pe === null) return [{ wc: x.wc, from: x.s, to: x.e }];
		const out: { wc: string; from: number; to: number }[] = [];
		if (x.s !== x.ps) out.push({ wc: x.wc, from: Math.min(x.s, x.ps), to: Math.max(x.s, x.ps) });
		if (x.e !== x.pe) out.push({ wc: x.wc, from: Math.min(x.e, x.pe), to: Math.max(x.e, x.pe) });
		return out;
	});
	return [...moved, ...also].flatMap((x) => daysBetween(x.wc, addDays(daysOf(x.from, timeZone)[0], -1), daysOf(x.to, timeZone).at(-1)!));
}

/**
 * A calendar or status change at `at` changes the days from the day before it (a night shift) up to
 * the next change of the same kind (or, with none, a day past the horizon: a day the clock ends while
 * this batch waits for its locks is recomputed here too).
 */
async function daysFromChange(q: Queryable, events: StoredEvent[], type: string, before: number): Promise<string[]> {
	const { timeZone, horizon } = await ledgerState(q);
	const out: string[] = [];
	for (const e of events) {
		const wc = (e.data as { workCenterId: string }).workCenterId;
		const at = Date.parse(e.occurredAt);
		const next = await q.query<{ at: number | null }>(
			`select (extract(epoch from min(occurred_at)) * 1000)::float8 as at from events
			where type = $1 and data->>'workCenterId' = $2 and occurred_at > $3`,
			[type, wc, e.occurredAt]
		);
		const end = next.rows[0]?.at ?? Math.max(horizon ?? at, at) + DAY;
		const first = daysOf(at, timeZone)[0];
		const last = daysOf(end, timeZone).at(-1)!;
		out.push(...daysBetween(wc, addDays(first, -before), last));
	}
	return out;
}

/** Every work-centre day that has ended by `to` and not by `from`: of work centres known by then, and of reports. */
async function endedDays(q: Queryable, from: number | null, to: number, timeZone: string): Promise<string[]> {
	const first = from === null ? '0001-01-01' : factoryDate(new Date(from), timeZone);
	const last = addDays(factoryDate(new Date(to), timeZone), -1);
	if (last < first) return [];
	const r = await q.query<{ id: string }>(
		`with w as (
			select data->>'workCenterId' as wc, min(occurred_at) as known from events where type = 'work_center.upserted' group by 1
		)
		select w.wc || ':' || to_char(d, 'YYYY-MM-DD') as id
		from w cross join lateral generate_series(greatest((w.known at time zone $3)::date, $1::date), $2::date, interval '1 day') d
		union
		select work_center_id || ':' || to_char((reported_at at time zone $3)::date, 'YYYY-MM-DD') from production_reports
		where work_center_id is not null and reported_at >= $4 and reported_at < $5
		order by 1`,
		[first, last, timeZone, from === null ? '-infinity' : iso(dayStart(first, timeZone)), iso(dayEnd(last, timeZone))]
	);
	return r.rows.map((x) => x.id);
}

export const oeeFamily: KpiFamily = {
	name: 'oee',
	on: {
		// A report moves its order's span at its work centre (planned time) and adds ideal minutes to its day.
		async 'production.reported'(events, q) {
			const { timeZone } = await ledgerState(q);
			const reported = events.flatMap((e) => {
				const wc = (e.data as { workCenterId?: string }).workCenterId;
				return wc ? daysOf(Date.parse(e.occurredAt), timeZone).map((d) => `${wc}:${d}`) : [];
			});
			const orders = events.filter((e) => (e.data as { workCenterId?: string }).workCenterId).map((e) => (e.data as { productionOrderId: string }).productionOrderId);
			return [...reported, ...(await spanDays(q, orders))];
		},
		// A report taken back leaves the day of its work centre it counted in, and the span it reached
		// (back by its ideal minutes and the setup).
		async 'production.report_reversed'(events, q) {
			const r = await q.query<{ wc: string | null; mo: string; at: number; ideal: number }>(
				`select e.data->>'workCenterId' as wc, e.data->>'productionOrderId' as mo, (extract(epoch from e.occurred_at) * 1000)::float8 as at,
					((coalesce((e.data->>'goodQty')::numeric, 0) + coalesce((e.data->>'scrapQty')::numeric, 0)) * coalesce((
						select p.run_minutes_per_unit from production_operations p
						where p.production_order_id = e.data->>'productionOrderId' and p.work_center_id = e.data->>'workCenterId'
						order by (p.seq = (e.data->>'operationSeq')::int) desc nulls last, p.seq limit 1), 0)
					+ coalesce((select sum(p.setup_minutes) from production_operations p
						where p.production_order_id = e.data->>'productionOrderId' and p.work_center_id = e.data->>'workCenterId'), 0))::float8 as ideal
				from events e where e.id = any($1::uuid[])`,
				[events.map((e) => (e.data as { reportId: string }).reportId)]
			);
			const gone = r.rows.filter((x) => x.wc !== null);
			return spanDays(
				q,
				gone.map((x) => x.mo),
				gone.map((x) => ({ wc: x.wc!, from: x.at - x.ideal * MINUTE, to: x.at }))
			);
		},
		// Reports that came before their order had no run minutes to count (nor to reach back by).
		async 'production_order.created'(events, q) {
			const { timeZone } = await ledgerState(q);
			const ids = events.map((e) => (e.data as { productionOrderId: string }).productionOrderId);
			const r = await q.query<{ wc: string; at: number }>(
				`select work_center_id as wc, (extract(epoch from reported_at) * 1000)::float8 as at from production_reports
				where production_order_id = any($1::text[]) and work_center_id is not null`,
				[ids]
			);
			if (!r.rows.length) return [];
			return [...r.rows.flatMap((x) => daysOf(x.at, timeZone).map((d) => `${x.wc}:${d}`)), ...(await spanDays(q, ids))];
		},
		// A start reaches a span back to it.
		'operation.started': (events, q) => spanDays(q, events.map((e) => (e.data as { productionOrderId: string }).productionOrderId)),
		'work_center.status_changed': (events, q) => daysFromChange(q, events, 'work_center.status_changed', 1),
		'work_center.upserted': (events, q) => daysFromChange(q, events, 'work_center.upserted', 0)
	},
	async contributions(q, ids, ctx) {
		// A day that has not ended contributes nothing yet: reports during the day load nothing.
		const ended = ids.filter((id) => ctx.horizon !== null && ctx.horizon >= dayEnd(split(id).date, ctx.timeZone));
		return ended.length ? (await loadOeeDays(q, ended, ctx.timeZone)).flatMap((f) => oeeContributions(f, ctx)) : [];
	},
	async all(q) {
		const { timeZone, horizon } = await ledgerState(q);
		return timeZone && horizon !== null ? endedDays(q, null, horizon, timeZone) : [];
	},
	async timeDriven(q, from, to, ctx) {
		return endedDays(q, from, to, ctx.timeZone);
	}
};
