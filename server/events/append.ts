// The one append-and-apply path. A validated batch is written in one transaction: new events are
// inserted (duplicates by id skipped and counted), projectors run on the new ones, counts are bumped;
// only after commit are the new events published on the bus, so subscribers never see uncommitted facts.
import { LOCKS, type Db, type Queryable } from '../db/db.ts';
import type { Bus } from '../live/bus.ts';
import type { StoredEvent, ValidEvent } from './envelope.ts';
import type { ProjectorRegistry } from './projectors.ts';

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
 * The batch as one jsonb parameter, built before the transaction opens so no lock waits on it.
 * Validated events have exactly the envelope's fields, so they are serialised as they are.
 */
function batchJson(events: ValidEvent[]): string {
	return JSON.stringify(events);
}

// Rows keep the order they were sent in (ordinality), so seq follows the batch.
const RECORDSET = `rows from (json_to_recordset($1::json) as ("id" uuid, "type" text, "occurredAt" timestamptz, "source" text, "actor" text, "data" jsonb))
	with ordinality as x(id, type, occurred_at, source, actor, data, ord)`;

// One round trip: insert the new events, bump the per-type counts, and answer [id, seq] pairs as one
// JSON value (cheaper to ship and parse than a thousand rows). received_at is now(): one per transaction.
const COUNT_AND_ANSWER = `,
	counted as (
		insert into event_counts (type, n) select type, count(*) from ins group by type order by type
		on conflict (type) do update set n = event_counts.n + excluded.n
	)
	select (select json_agg(json_build_array(id, seq) order by seq) from ins) as rows, now() as now`;

async function insertEvents(tx: Queryable, kind: Db['kind'], json: string): Promise<Inserted> {
	const sql =
		kind === 'timescaledb'
			? // Hypertables cannot hold a unique index on id alone: idempotency lives in event_ids.
				`with fresh as (
					insert into event_ids (id) select id from ${RECORDSET} on conflict do nothing returning id
				),
				ins as (
					insert into events (id, type, occurred_at, source, actor, data)
					select x.id, x.type, x.occurred_at, x.source, x.actor, x.data from ${RECORDSET} join fresh using (id)
					order by x.ord
					returning id, seq, type
				)${COUNT_AND_ANSWER}`
			: `with ins as (
					insert into events (id, type, occurred_at, source, actor, data)
					select id, type, occurred_at, source, actor, data from ${RECORDSET}
					order by ord
					on conflict (id) do nothing
					returning id, seq, type
				)${COUNT_AND_ANSWER}`;
	const r = await tx.query<Inserted>(sql, [json]);
	return r.rows[0];
}

/** Appends validated events: all or nothing, idempotent on id. */
export async function appendEvents(deps: AppendDeps, batch: ValidEvent[]): Promise<AppendResult> {
	// Same id twice in one batch: the first one counts, the rest are duplicates.
	const unique = new Map<string, ValidEvent>();
	for (const e of batch) if (!unique.has(e.id)) unique.set(e.id, e);
	// Stored in the order sent.
	const candidates = [...unique.values()];

	const json = batchJson(candidates);

	// Appends are serialised across nodes (advisory lock held from before BEGIN until published): seq
	// order is commit order, readers paging by seq never skip a late commit, overlapping batches cannot
	// deadlock, and the bus carries batches in commit order.
	const publish = async (stored: StoredEvent[]) => {
		// Live delivery is at most once: a bus failure after commit must not turn a stored batch into an
		// error (the sender would retry and only get duplicates). Subscribers heal from snapshots.
		if (stored.length) await deps.bus.publish(COMMITTED_CHANNEL, stored).catch((err) => deps.onPublishError?.(err));
	};
	const stored = await deps.db.serialTransaction(LOCKS.append, async (tx) => {
		const inserted = await insertEvents(tx, deps.db.kind, json);
		if (!inserted.rows?.length) return [];
		const receivedAt = toIso(inserted.now);
		const seqById = new Map(inserted.rows.map(([id, seq]) => [id, Number(seq)]));
		const fresh: StoredEvent[] = [];
		for (const e of candidates) {
			const seq = seqById.get(e.id);
			if (seq !== undefined) fresh.push({ ...e, seq, receivedAt });
		}
		fresh.sort((a, b) => a.seq - b.seq);
		const byType = new Map<string, StoredEvent[]>();
		for (const e of fresh) {
			const list = byType.get(e.type) ?? [];
			list.push(e);
			byType.set(e.type, list);
		}
		for (const type of [...byType.keys()].sort()) {
			for (const p of deps.projectors.for(type)) await p.apply(tx, byType.get(type)!);
		}
		return fresh;
	}, publish);
	return { accepted: stored.length, duplicates: batch.length - stored.length, events: stored };
}
