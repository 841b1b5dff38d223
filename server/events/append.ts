// The one append-and-apply path. A validated batch is written in one transaction: new events are
// inserted (duplicates by id skipped and counted), projectors run on the new ones, counts are bumped;
// only after commit are the new events published on the bus, so subscribers never see uncommitted facts.
import type { Db, Queryable } from '../db/db.ts';
import type { Bus } from '../live/bus.ts';
import type { StoredEvent, ValidEvent } from './envelope.ts';
import { LIVE, type ProjectorRegistry } from './projectors.ts';

export const COMMITTED_CHANNEL = 'events.committed';

export interface AppendResult {
	accepted: number;
	duplicates: number;
	/** The newly stored events, in the order they were stored. */
	events: StoredEvent[];
}

export interface AppendDeps {
	db: Db;
	bus: Bus;
	projectors: ProjectorRegistry;
	/** Told when the bus refuses a publish; the events are committed all the same. */
	onPublishError?: (err: unknown) => void;
}

interface Inserted {
	/** [id, seq] of each new event, in seq order; null when every event was a duplicate. */
	rows: [string, number][] | null;
	now: Date | string;
}

function toIso(v: Date | string): string {
	return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/**
 * The batch as one JSON parameter (PGlite, which has no COPY FROM STDIN here).
 * Validated events have exactly the envelope's fields, so they are serialised as they are.
 */
function batchJson(events: ValidEvent[]): string {
	return JSON.stringify(events);
}

// Rows keep the order they were sent in (ordinality), so seq follows the batch.
const RECORDSET = `rows from (json_to_recordset($1::json) as ("id" uuid, "type" text, "occurredAt" timestamptz, "source" text, "actor" text, "data" jsonb, "reportedBy" text))
	with ordinality as x(id, type, occurred_at, source, actor, data, reported_by, ord)`;

// One round trip: insert the new events, bump the per-type counts, and answer [id, seq] pairs as one
// JSON value (cheaper to ship and parse than a thousand rows). received_at is now(): one per transaction.
const COUNT_AND_ANSWER = `,
	counted as (
		insert into event_counts (type, n) select type, count(*) from ins group by type order by type
		on conflict (type) do update set n = event_counts.n + excluded.n
	)
	select (select json_agg(json_build_array(id, seq) order by seq) from ins) as rows, now() as now`;

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

async function insertEvents(tx: Queryable, kind: Db['kind'], events: ValidEvent[]): Promise<Inserted> {
	let source = RECORDSET;
	let params: unknown[] = [];
	if (tx.copyFrom) {
		await tx.copyFrom(COPY_TO_STAGE, stageCsv(events));
		source = 'event_stage as x';
	} else params = [batchJson(events)];
	const sql =
		kind === 'timescaledb'
			? // Hypertables cannot hold a unique index on id alone: idempotency lives in event_ids.
				`with fresh as (
					insert into event_ids (id) select id from ${source} on conflict do nothing returning id
				),
				ins as (
					insert into events (id, type, occurred_at, source, actor, data, reported_by)
					select x.id, x.type, x.occurred_at, x.source, x.actor, x.data, x.reported_by from ${source} join fresh using (id)
					order by x.ord
					returning id, seq, type
				)${COUNT_AND_ANSWER}`
			: `with ins as (
					insert into events (id, type, occurred_at, source, actor, data, reported_by)
					select id, type, occurred_at, source, actor, data, reported_by from ${source}
					order by ord
					on conflict (id) do nothing
					returning id, seq, type
				)${COUNT_AND_ANSWER}`;
	const r = await tx.query<Inserted>(sql, params);
	return r.rows[0];
}

export interface EventLog {
	/** Appends a validated batch in its own transaction: all or nothing, idempotent on id. */
	append(batch: ValidEvent[]): Promise<AppendResult>;
	/**
	 * Runs `work` in one transaction and appends the events it returns in that same transaction: a
	 * command reads state, decides, and its events and projections commit together or not at all.
	 */
	transact<T>(work: (tx: Queryable) => Promise<{ events: ValidEvent[]; result: T }>): Promise<{ result: T } & AppendResult>;
	/**
	 * One transaction for many steps (an import): `append` writes a step's events at once, so later
	 * steps see earlier ones. Commits when `work` returns { commit: true }, else rolls everything back
	 * (a preview). Only committed events are published.
	 */
	steps<T>(work: (tx: Queryable, append: (events: ValidEvent[]) => Promise<StoredEvent[]>) => Promise<{ commit: boolean; result: T }>): Promise<T>;
}

/** Thrown inside a transaction to roll it back while still answering a result. */
class Rollback<T> extends Error {
	constructor(readonly result: T) {
		super('rolled back');
	}
}

function rank(order: string[], type: string): number {
	const i = order.indexOf(type);
	return i === -1 ? order.length : i;
}

/** Writes a batch inside the caller's transaction: new events inserted, guards checked, projectors run. */
export async function appendInTx(tx: Queryable, deps: Pick<AppendDeps, 'db' | 'projectors'>, batch: ValidEvent[]): Promise<StoredEvent[]> {
	// Same id twice in one batch: the first one counts, the rest are duplicates. Stored in the order sent.
	const unique = new Map<string, ValidEvent>();
	for (const e of batch) if (!unique.has(e.id)) unique.set(e.id, e);
	const candidates = [...unique.values()];
	const inserted = await insertEvents(tx, deps.db.kind, candidates);
	if (!inserted.rows?.length) return [];
	const receivedAt = toIso(inserted.now);
	const seqById = new Map(inserted.rows.map(([id, seq]) => [id, Number(seq)]));
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
	fresh.sort((a, b) => a.seq - b.seq);
	const byType = new Map<string, StoredEvent[]>();
	for (const e of fresh) {
		const list = byType.get(e.type) ?? [];
		list.push(e);
		byType.set(e.type, list);
	}
	// Types in the order their projectors were registered (items before BOMs that name them), each
	// guarded against the state so far — rules spanning events and state, like a BOM cycle or an unknown
	// item — then projected. A guard that refuses rolls the whole batch back.
	const order = deps.projectors.types();
	const types = [...byType.keys()].sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : 1));
	for (const type of types) {
		const list = byType.get(type)!;
		for (const p of deps.projectors.for(type)) if (p.guard) await p.guard(tx, list);
		for (const p of deps.projectors.for(type)) await p.apply(tx, list, LIVE);
	}
	return fresh;
}

/**
 * The append path of one process. Appends run concurrently, each in its own transaction (PostgreSQL
 * retries the rare deadlock between overlapping batches). After commit each batch is published;
 * publishes are chained in the order the commits completed, so this node's batches reach the bus in
 * commit order. Across nodes the bus order follows publish times.
 */
export function createEventLog(deps: AppendDeps): EventLog {
	let published: Promise<void> = Promise.resolve();

	async function publish(stored: StoredEvent[]) {
		if (!stored.length) return;
		// Live delivery is at most once: a bus failure after commit must not turn a stored batch into
		// an error (the sender would retry and only get duplicates). Subscribers heal from snapshots.
		const mine = (published = published.then(() =>
			deps.bus.publish(COMMITTED_CHANNEL, stored).catch((err) => deps.onPublishError?.(err))
		));
		await mine;
	}

	return {
		async append(batch) {
			const stored = await deps.db.transaction((tx) => appendInTx(tx, deps, batch));
			await publish(stored);
			return { accepted: stored.length, duplicates: batch.length - stored.length, events: stored };
		},
		async transact(work) {
			const out = await deps.db.transaction(async (tx) => {
				const { events, result } = await work(tx);
				const stored = events.length ? await appendInTx(tx, deps, events) : [];
				return { result, stored, sent: events.length };
			});
			await publish(out.stored);
			return { result: out.result, accepted: out.stored.length, duplicates: out.sent - out.stored.length, events: out.stored };
		},
		async steps(work) {
			try {
				const out = await deps.db.transaction(async (tx) => {
					const stored: StoredEvent[] = [];
					const { commit, result } = await work(tx, async (events) => {
						const s = await appendInTx(tx, deps, events);
						stored.push(...s);
						return s;
					});
					if (!commit) throw new Rollback(result);
					return { result, stored };
				});
				await publish(out.stored);
				return out.result;
			} catch (err) {
				if (err instanceof Rollback) return err.result as never;
				throw err;
			}
		}
	};
}
