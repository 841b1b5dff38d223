// The one append-and-apply path. A validated batch is written in one transaction: new events are
// inserted (duplicates by id skipped and counted), projectors run on the new ones, counts are bumped;
// only after commit are the new events published on the bus, so subscribers never see uncommitted facts.
import type { Db, Queryable } from '../db/db.ts';
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
}

interface InsertedRow {
	id: string;
	seq: string | number;
	received_at: Date | string;
}

function toIso(v: Date | string): string {
	return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

async function insertEvents(tx: Queryable, kind: Db['kind'], events: ValidEvent[]): Promise<InsertedRow[]> {
	const rows = events.map((e, ord) => ({
		ord,
		id: e.id,
		type: e.type,
		occurred_at: e.occurredAt,
		source: e.source,
		actor: e.actor ?? null,
		data: e.data
	}));
	const json = JSON.stringify(rows);
	const recordset = `jsonb_to_recordset($1::jsonb) as x(id uuid, type text, occurred_at timestamptz, source text, actor text, data jsonb, ord int)`;
	if (kind === 'timescaledb') {
		// Hypertables cannot hold a unique index on id alone: idempotency lives in event_ids.
		const r = await tx.query<InsertedRow>(
			`with fresh as (
				insert into event_ids (id) select id from ${recordset} on conflict do nothing returning id
			)
			insert into events (id, type, occurred_at, source, actor, data)
			select x.id, x.type, x.occurred_at, x.source, x.actor, x.data from ${recordset} join fresh using (id)
			order by x.ord
			returning id, seq, received_at`,
			[json]
		);
		return r.rows;
	}
	const r = await tx.query<InsertedRow>(
		`insert into events (id, type, occurred_at, source, actor, data)
		select id, type, occurred_at, source, actor, data from ${recordset}
		order by ord
		on conflict (id) do nothing
		returning id, seq, received_at`,
		[json]
	);
	return r.rows;
}

async function bumpCounts(tx: Queryable, events: StoredEvent[]): Promise<void> {
	const counts = new Map<string, number>();
	for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
	const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => ({ type, n }));
	await tx.query(
		`insert into event_counts (type, n) select type, n from jsonb_to_recordset($1::jsonb) as x(type text, n bigint)
		on conflict (type) do update set n = event_counts.n + excluded.n`,
		[JSON.stringify(rows)]
	);
}

/** Appends validated events: all or nothing, idempotent on id. */
export async function appendEvents(deps: AppendDeps, batch: ValidEvent[]): Promise<AppendResult> {
	// Same id twice in one batch: the first one counts, the rest are duplicates.
	const unique = new Map<string, ValidEvent>();
	for (const e of batch) if (!unique.has(e.id)) unique.set(e.id, e);
	// Stored in the order sent; concurrent batches that overlap may deadlock, which the db retries.
	const candidates = [...unique.values()];

	const stored = await deps.db.transaction(async (tx) => {
		const inserted = await insertEvents(tx, deps.db.kind, candidates);
		if (inserted.length === 0) return [];
		const byId = new Map(inserted.map((r) => [r.id, r]));
		const fresh: StoredEvent[] = [];
		for (const e of candidates) {
			const row = byId.get(e.id);
			if (row) fresh.push({ ...e, seq: Number(row.seq), receivedAt: toIso(row.received_at) });
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
		await bumpCounts(tx, fresh);
		return fresh;
	});

	if (stored.length) await deps.bus.publish(COMMITTED_CHANNEL, stored);
	return { accepted: stored.length, duplicates: batch.length - stored.length, events: stored };
}
