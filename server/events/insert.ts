// Writing a validated batch into `events`: new ids inserted in the order sent, known ids counted as
// duplicates when their body is the one stored and refused (EventIdConflict) when it is not. The SQL
// follows what `events` is (db.kind, read from the catalog), and looks again if that changed under it.
import { RetryTransaction, type Db, type Queryable } from '../db/db.ts';
import { eventsTableKind } from '../db/timescale.ts';
import { branded } from '../brand.ts';
import type { StoredEvent, ValidEvent } from './envelope.ts';

interface Inserted {
	/** [id, seq] of each new event, in seq order; null when none was new. */
	rows: [string, number][] | null;
	now: Date | string;
}

const EventIdConflictBrand = branded('EventIdConflict');

/** Ids already stored (or sent earlier in the batch) with another body: index in the batch, and id. */
export class EventIdConflict extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return EventIdConflictBrand.is(value);
	}

	constructor(readonly conflicts: { index: number; id: string }[]) {
		super(`${conflicts.length} event id(s) already stored with a different body`);
		EventIdConflictBrand.mark(this);
		this.name = 'EventIdConflict';
	}
}

function toIso(v: Date | string): string {
	return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/** JSON with object keys sorted, so key order never makes two bodies differ. */
export function canonicalJson(v: unknown): string {
	if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
	if (v && typeof v === 'object') {
		const o = v as Record<string, unknown>;
		return '{' + Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
	}
	return JSON.stringify(v);
}

/**
 * The fields that make an event's body: the sender's fact. `actor` is not among them: the server
 * stamps it from the token, so the same fact relayed again through another token is a duplicate.
 */
export function sameBody(a: ValidEvent, b: ValidEvent): boolean {
	return a.type === b.type && a.occurredAt === b.occurredAt && a.source === b.source && canonicalJson(a.data) === canonicalJson(b.data);
}

// Rows keep the order they were sent in (ordinality), so seq follows the batch.
const RECORDSET = `rows from (json_to_recordset($1::json) as ("id" uuid, "type" text, "occurredAt" timestamptz, "source" text, "actor" text, "data" jsonb, "reportedBy" text))
	with ordinality as x(id, type, occurred_at, source, actor, data, reported_by, ord)`;

// One round trip: insert the new events and answer [id, seq] pairs as one JSON value (cheaper to ship
// and parse than a thousand rows). received_at is now(): one per transaction. The per-type counts are
// bumped last (countEvents), so their row locks are held for the commit only, not while projectors run.
const COUNT_AND_ANSWER = `
	select (select json_agg(json_build_array(id, seq) order by seq) from ins) as rows, now() as now`;

/**
 * Adds the batch's new events to the per-type counts. Called at the end of the append transaction:
 * every batch bumps the rows of its types, so holding those locks through the projectors would make
 * concurrent appends wait for each other's whole projection. Types in a fixed order: no deadlock.
 */
export async function countEvents(tx: Queryable, stored: readonly StoredEvent[]): Promise<void> {
	const counts = new Map<string, number>();
	for (const e of stored) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
	const types = [...counts.keys()].sort();
	await tx.query(
		`insert into event_counts (type, n) select t, n from unnest($1::text[], $2::bigint[]) as x(t, n) order by t
		on conflict (type) do update set n = event_counts.n + excluded.n`,
		[types, types.map((t) => counts.get(t)!)]
	);
}

/**
 * PostgreSQL: each pooled connection has this staging table (server/db/postgres.ts runs it on connect).
 * A batch is COPYed into it as CSV — much cheaper for the server to parse than one large JSON value —
 * and moved into `events` by one INSERT … SELECT. Rows leave the stage at commit.
 */
export const EVENT_STAGE_DDL = `create temp table if not exists event_stage (
	id uuid, type text, occurred_at timestamptz, source text, actor text, data jsonb, ord int, reported_by text
) on commit delete rows`;

const COPY_TO_STAGE = 'copy event_stage (id, type, occurred_at, source, actor, data, ord, reported_by) from stdin with (format csv)';

/** One CSV field: quoted, quotes doubled (CSV keeps backslashes and newlines as they are). */
const csv = (v: string) => '"' + v.replaceAll('"', '""') + '"';

function stageCsv(events: ValidEvent[]): string {
	let out = '';
	for (let i = 0; i < events.length; i++) {
		const e = events[i];
		out += `${e.id},${e.type},${e.occurredAt},${csv(e.source)},${e.actor === undefined ? '' : csv(e.actor)},${csv(JSON.stringify(e.data))},${i},${e.reportedBy === undefined ? '' : csv(e.reportedBy)}\n`;
	}
	return out;
}

// Overlapping batches posted at once must not deadlock on the ids they share: each takes its ids'
// unique-index entries in id order (the second waits for the first to commit and then finds its ids
// stored), while seq, drawn in the order sent before that sort, still follows the batch. Sent in their
// own orders, six batches of the same 300 events deadlocked each other for seconds at a time, and a
// deadlock is only noticed after PostgreSQL's deadlock_timeout.
const SEQ = `nextval((select pg_get_serial_sequence('events', 'seq'))::regclass)`;

function insertSql(kind: Db['kind'], source: string): string {
	return kind === 'timescaledb'
		? // Hypertables cannot hold a unique index on id alone: idempotency lives in event_ids.
			`with fresh as (
				insert into event_ids (id) select id from ${source} order by id on conflict do nothing returning id
			),
			ins as (
				insert into events (id, type, occurred_at, source, actor, data, reported_by)
				select x.id, x.type, x.occurred_at, x.source, x.actor, x.data, x.reported_by from ${source} join fresh using (id)
				order by x.ord
				returning id, seq, type
			)${COUNT_AND_ANSWER}`
		: `with ins as (
				insert into events (seq, id, type, occurred_at, source, actor, data, reported_by) overriding system value
				select seq, id, type, occurred_at, source, actor, data, reported_by
				from (select x.*, ${SEQ} as seq from ${source} order by x.ord) as sent
				order by id
				on conflict (id) do nothing
				returning id, seq, type
			)${COUNT_AND_ANSWER}`;
}

// The plain path on a hypertable finds no unique index for `on conflict (id)` (42P10); the hypertable
// path on a plain table finds no event_ids (42P01). Either means db.kind is out of date.
const WRONG_PATH = new Set(['42P10', '42P01']);

/** Ids sent again whose stored body differs: set-based, and only for the ids that were not new. */
async function conflicting(tx: Queryable, source: string, params: unknown[], ids: string[]): Promise<Set<string>> {
	const n = params.length + 1;
	const r = await tx.query<{ id: string }>(
		`select distinct x.id::text as id from ${source} join events e on e.id = x.id
		where x.id = any ($${n}::uuid[])
			and (e.type, e.occurred_at, e.source, e.data) is distinct from (x.type, x.occurred_at, x.source, x.data)`,
		[...params, ids]
	);
	return new Set(r.rows.map((row) => row.id));
}

/**
 * Inserts the new events of `batch` in the caller's transaction and answers them stamped (seq,
 * receivedAt), in seq order. Throws EventIdConflict, before anything is kept, when an id comes
 * with a body other than the one stored or sent first in the batch.
 */
export async function insertBatch(tx: Queryable, db: Db, batch: ValidEvent[]): Promise<StoredEvent[]> {
	// Same id twice in one batch: the first one counts, the rest are duplicates. Stored in the order sent.
	const unique = new Map<string, ValidEvent>();
	const conflicts: { index: number; id: string }[] = [];
	batch.forEach((e, index) => {
		const first = unique.get(e.id);
		if (!first) unique.set(e.id, e);
		else if (first !== e && !sameBody(first, e)) conflicts.push({ index, id: e.id });
	});
	if (conflicts.length) throw new EventIdConflict(conflicts);
	const candidates = [...unique.values()];

	let source = RECORDSET;
	let params: unknown[] = [];
	if (tx.copyFrom) {
		await tx.copyFrom(COPY_TO_STAGE, stageCsv(candidates));
		source = 'event_stage as x';
	} else {
		// PGlite has no COPY FROM STDIN here: the batch goes as one JSON parameter. Validated events have
		// exactly the envelope's fields, so they are serialised as they are.
		params = [JSON.stringify(candidates)];
	}
	const kind = db.kind;
	let inserted: Inserted;
	try {
		inserted = (await tx.query<Inserted>(insertSql(kind, source), params)).rows[0];
	} catch (err) {
		const code = (err as { code?: unknown }).code;
		if (kind === 'pglite' || !WRONG_PATH.has(code as string)) throw err;
		throw new RetryTransaction(err, async (q) => {
			db.kind = await eventsTableKind(q);
			return db.kind !== kind;
		});
	}

	const seqById = new Map((inserted.rows ?? []).map(([id, seq]) => [id, Number(seq)]));
	if (seqById.size < candidates.length) {
		const known = candidates.filter((e) => !seqById.has(e.id)).map((e) => e.id);
		const differ = await conflicting(tx, source, params, known);
		if (differ.size) {
			throw new EventIdConflict(batch.flatMap((e, index) => (differ.has(e.id) && unique.get(e.id) === e ? [{ index, id: e.id }] : [])));
		}
	}
	if (!seqById.size) return [];
	const receivedAt = toIso(inserted.now);
	const fresh: StoredEvent[] = [];
	for (const e of candidates) {
		const seq = seqById.get(e.id);
		if (seq === undefined) continue;
		// The validated events are this call's own objects: stamp them rather than copy them.
		const stored = e as StoredEvent;
		stored.seq = seq;
		stored.receivedAt = receivedAt;
		fresh.push(stored);
	}
	return fresh.sort((a, b) => a.seq - b.seq);
}
