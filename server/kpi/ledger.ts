// The contribution ledger: each KPI is a sum of contributions of subjects, and a family of KPIs says
// which subjects a batch of events touches and what a subject contributes now. Recomputing a subject
// replaces its stored contributions and adds the difference (new minus stored) to the sums, as
// kpi_deltas rows that compaction.ts folds into kpi_buckets and kpi_hours, in one statement, inside
// the caller's transaction. Because a contribution is a function of the subject's current state (never
// of the event that arrived), duplicates, late and out-of-order events land once, in the right bucket,
// and recomputing with nothing changed writes no new sum.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { asJson } from '../events/projectors.ts';

/** One subject's share of one KPI in one minute bucket and dimension. */
export interface Contribution {
	/** The subject's id inside its family (an order id, a PO id…). */
	subject: string;
	kpi: string;
	/** What the drill-down names ('SO-1/10'). */
	record: string;
	/** '' for the total, else '<dimension>:<value>'. */
	dim: string;
	/** A UTC instant, floored to the minute. */
	bucket: number;
	num: number;
	den: number;
}

/** What a contribution may depend on besides the subject's state. */
export interface LedgerContext {
	/** The ledger's "now" for time-driven contributions (kpi_state.horizon); null before the clock job first ran. */
	horizon: number | null;
	/** The factory time zone: due dates end at its midnights. */
	timeZone: string;
}

export interface KpiFamily {
	/** Subject prefix in kpi_contributions: '<name>:<id>'. */
	name: string;
	/** Per event type, the subjects a batch of that type touches (after the capability projectors ran). */
	on: Record<string, (events: StoredEvent[], tx: Queryable) => string[] | Promise<string[]>>;
	/** The current contributions of these subjects (each id of the family's own kind). */
	contributions(q: Queryable, ids: string[], ctx: LedgerContext): Promise<Contribution[]>;
	/** Every subject that may contribute, for a rebuild. */
	all(q: Queryable): Promise<string[]>;
	/** Subjects whose contributions may change as the horizon moves from `from` (null: the beginning) to `to`. */
	timeDriven?(q: Queryable, from: number | null, to: number, ctx: LedgerContext): Promise<string[]>;
}

/** Adds one contribution per dimension: the total ('') and each `name:value` given. */
export function withDims(base: Omit<Contribution, 'dim'>, dims: Record<string, string | null | undefined>): Contribution[] {
	const out: Contribution[] = [{ ...base, dim: '' }];
	for (const [name, value] of Object.entries(dims)) if (value) out.push({ ...base, dim: `${name}:${value}` });
	return out;
}

export async function readContext(q: Queryable, timeZone: string): Promise<LedgerContext> {
	const r = await q.query<{ horizon: number | null }>('select (extract(epoch from horizon) * 1000)::float8 as horizon from kpi_state where id = 1');
	return { horizon: r.rows[0]?.horizon ?? null, timeZone };
}

// A subject's stored contributions: compared with its new ones here, so that only rows that differ are
// sent and written. One index lookup per subject (offset 0 keeps the planner from turning it into a
// join that scans the table, as it would while its statistics lag behind a table that grew within
// minutes). num and den come back as the doubles they were computed as (stored exactly from JSON).
const STORED_SQL = `select c.id, c.subject, c.kpi, c.record, c.dim, (extract(epoch from c.bucket) * 1000)::float8 as bucket,
		c.num::float8 as num, c.den::float8 as den
	from unnest($1::text[]) s(subject)
	cross join lateral (select ctid::text as id, subject, kpi, record, dim, bucket, num, den from kpi_contributions k where k.subject = s.subject offset 0) c`;

// Rows that go are deleted by their tuple ids (a TID scan), new rows inserted, and the difference
// (new minus gone) per minute added to kpi_deltas, in one statement: plain inserts, so appends never
// wait for each other on the sums (compaction.ts folds the deltas into kpi_buckets and kpi_hours).
const APPLY_SQL = `with gone as (
		delete from kpi_contributions c where c.ctid = any($1::tid[])
		returning c.kpi, c.dim, c.bucket, c.num, c.den
	),
	added as (
		insert into kpi_contributions (subject, kpi, record, dim, bucket, num, den)
		select subject, kpi, record, dim, to_timestamp(bucket / 1000.0), num, den
		from jsonb_to_recordset($2::jsonb) as x(subject text, kpi text, record text, dim text, bucket float8, num numeric, den numeric)
		returning kpi, dim, bucket, num, den
	)
	insert into kpi_deltas (kpi, dim, bucket, num, den)
	select kpi, dim, bucket, sum(num), sum(den)
	from (select kpi, dim, bucket, num, den from added union all select kpi, dim, bucket, -num, -den from gone) u
	group by kpi, dim, bucket having sum(num) <> 0 or sum(den) <> 0`;

const rowKey = (c: Contribution) => `${c.subject}\u0000${c.kpi}\u0000${c.record}\u0000${c.dim}\u0000${c.bucket}\u0000${c.num}\u0000${c.den}`;

/**
 * Replaces the stored contributions of `subjects` with `rows`: a stored row that the new set holds
 * unchanged stays, so a recompute that changes nothing (a partial shipment, a duplicate) writes nothing.
 */
async function replaceContributions(tx: Queryable, subjects: string[], rows: Contribution[]): Promise<void> {
	const stored = await tx.query<Contribution & { id: string }>(STORED_SQL, [subjects]);
	const unchanged = new Map<string, number>();
	for (const c of stored.rows) unchanged.set(rowKey(c), (unchanged.get(rowKey(c)) ?? 0) + 1);
	const added: Contribution[] = [];
	for (const c of rows) {
		const k = rowKey(c);
		const n = unchanged.get(k) ?? 0;
		if (n > 0) unchanged.set(k, n - 1);
		else added.push(c);
	}
	// What is left of `unchanged` is what no new row matched: those rows go.
	const gone: string[] = [];
	for (const c of stored.rows) {
		const k = rowKey(c);
		const n = unchanged.get(k) ?? 0;
		if (n > 0) {
			unchanged.set(k, n - 1);
			gone.push(c.id);
		}
	}
	if (added.length || gone.length) await tx.query(APPLY_SQL, [gone, asJson(added)]);
}

/** Advisory lock classes (two-key form): one per subject, and the clock's. */
const SUBJECT_LOCK = 0x4b5049; // "KPI"
const CLOCK_LOCK = 0x4b5043; // "KPC"

/**
 * Concurrency: two transactions recomputing one subject would each replace the contributions the other
 * cannot see yet, so a subject's recompute holds its lock until commit, and loads state after taking it
 * (READ COMMITTED: the load sees whatever the previous holder committed). Appends hold the clock lock
 * shared and the clock job holds it exclusively, so the clock never misses a subject that an append in
 * flight is about to make time-driven, and an append never computes with a horizon the clock moved
 * under it.
 */
export async function lockSubjects(tx: Queryable, subjects: string[]): Promise<void> {
	// One statement: the clock's lock (shared) first, then the subjects' in a fixed order. It also turns
	// JIT compilation off for the rest of this (short, OLTP) transaction: the planner's row estimates
	// for tables that grew within minutes can pass the JIT threshold, and compiling then costs far more
	// than the statements themselves.
	await tx.query(
		`with c as materialized (select pg_advisory_xact_lock_shared($1::int, 0), set_config('jit', 'off', true))
		select count(pg_advisory_xact_lock($2::int, hashtext(s))) from (select s from unnest($3::text[]) s, c order by s) x`,
		[CLOCK_LOCK, SUBJECT_LOCK, subjects]
	);
}

/** The clock job and a rebuild: no append recomputes a subject until this transaction ends. */
export async function lockLedger(tx: Queryable): Promise<void> {
	await tx.query('select pg_advisory_xact_lock($1::int, 0)', [CLOCK_LOCK]);
}

/** Subjects of one family to recompute. */
export interface Touched {
	family: KpiFamily;
	ids: string[];
}

/**
 * Recomputes subjects of one or more families and applies the deltas in one statement; answers how many
 * contributions they now have. `ctx` as a time zone (appends) locks the subjects first and reads the
 * horizon after the locks; the clock and a rebuild, holding the ledger lock, pass their context.
 */
export async function recomputeAll(tx: Queryable, touched: readonly Touched[], ctxOrZone: LedgerContext | string): Promise<number> {
	const sets = touched
		.map((t) => ({ family: t.family, ids: [...new Set(t.ids)].sort() }))
		.filter((t) => t.ids.length);
	if (!sets.length) return 0;
	const subjects = sets.flatMap((t) => t.ids.map((id) => `${t.family.name}:${id}`));
	let ctx: LedgerContext;
	if (typeof ctxOrZone === 'string') {
		await lockSubjects(tx, subjects);
		ctx = await readContext(tx, ctxOrZone);
	} else ctx = ctxOrZone;
	const rows: Contribution[] = [];
	for (const t of sets) {
		for (const c of await t.family.contributions(tx, t.ids, ctx)) rows.push({ ...c, subject: `${t.family.name}:${c.subject}` });
	}
	await replaceContributions(tx, subjects, rows);
	return rows.length;
}

/** Recomputes subjects of a family and applies the deltas (recomputeAll for one family). */
export function recompute(tx: Queryable, family: KpiFamily, ids: string[], ctxOrZone: LedgerContext | string): Promise<number> {
	return recomputeAll(tx, [{ family, ids }], ctxOrZone);
}
