// Reading the event log back: by type, by sequence cursor, by business-time window.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';

export interface EventQuery {
	types?: string[];
	/** Only events stored after this sequence number (cursor from a previous page). */
	afterSeq?: number;
	from?: string;
	to?: string;
	/** Newest first instead of oldest first. */
	desc?: boolean;
	limit: number;
}

interface Row {
	id: string;
	seq: string | number;
	type: string;
	occurred_at: Date | string;
	received_at: Date | string;
	source: string;
	actor: string | null;
	data: Record<string, unknown>;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

export function rowToEvent(r: Row): StoredEvent {
	const e: StoredEvent = {
		id: r.id,
		seq: Number(r.seq),
		type: r.type,
		occurredAt: iso(r.occurred_at),
		receivedAt: iso(r.received_at),
		source: r.source,
		data: r.data
	};
	if (r.actor !== null) e.actor = r.actor;
	return e;
}

export async function listEvents(q: Queryable, query: EventQuery): Promise<StoredEvent[]> {
	const where: string[] = [];
	const params: unknown[] = [];
	const add = (sql: string, v: unknown) => {
		params.push(v);
		where.push(sql.replace('?', '$' + params.length));
	};
	if (query.types?.length) add('type = any(?::text[])', query.types);
	if (query.afterSeq !== undefined) add(query.desc ? 'seq < ?' : 'seq > ?', query.afterSeq);
	if (query.from) add('occurred_at >= ?', query.from);
	if (query.to) add('occurred_at < ?', query.to);
	params.push(query.limit);
	const r = await q.query<Row>(
		`select id, seq, type, occurred_at, received_at, source, actor, data from events
		${where.length ? 'where ' + where.join(' and ') : ''}
		order by seq ${query.desc ? 'desc' : 'asc'} limit $${params.length}`,
		params
	);
	return r.rows.map(rowToEvent);
}

export async function eventCounts(q: Queryable): Promise<{ type: string; count: number }[]> {
	const r = await q.query<{ type: string; n: number }>('select type, n::float8 as n from event_counts order by type');
	return r.rows.map((row) => ({ type: row.type, count: Number(row.n) }));
}
