// Reading the event log back: by type, by cursor and by business-time window.
//
// Appends commit concurrently, so an event numbered earlier can become visible after a later one.
// Cursor reads therefore go in (tx, seq) order and stop at the oldest transaction still running
// anywhere in the database cluster (pg_snapshot_xmin): an event can never appear behind a cursor.
// The price is a short delay — while some transaction is open, the newest events wait for it.
// `tx` is compared and sorted as the xid8 it is, never as text: ids gain digits (9999 → 10000), and
// text order would put 10000 before 9999. Queries select `tx::text as tx` for the driver, so ORDER BY
// names the column qualified (`events.tx`): a bare `tx` there means the text alias.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';

/** Position after an event in (tx, seq) order; opaque to API users ("<tx>-<seq>"). */
export interface Cursor {
	tx: string;
	seq: number;
}

export const CURSOR_PATTERN = /^(\d{1,19})-(\d{1,19})$/;

export function parseCursor(s: string): Cursor | null {
	const m = CURSOR_PATTERN.exec(s);
	return m ? { tx: m[1], seq: Number(m[2]) } : null;
}

export const formatCursor = (c: Cursor) => `${c.tx}-${c.seq}`;

export interface EventQuery {
	types?: string[];
	/** Events after this position, in (tx, seq) order, only from finished transactions. */
	after?: Cursor;
	/** Cursor order from the start of the log (when no `after` is given). */
	stable?: boolean;
	from?: string;
	to?: string;
	/** Newest first (snapshots of recent events); not for paging. */
	desc?: boolean;
	/** Skip the wait for older transactions: for a reader that has locked out appends (a rebuild). */
	noWatermark?: boolean;
	limit: number;
}

interface Row {
	id: string;
	seq: string | number;
	tx: string;
	type: string;
	occurred_at: Date | string;
	received_at: Date | string;
	source: string;
	actor: string | null;
	reported_by: string | null;
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
	if (r.reported_by != null) e.reportedBy = r.reported_by;
	return e;
}

export interface EventPage {
	events: StoredEvent[];
	/** The transaction of each event (events of one append share it). */
	txs: string[];
	/** Where the page ended; pass as `after` for the next page. */
	last: Cursor | null;
}

export async function listEvents(q: Queryable, query: EventQuery): Promise<StoredEvent[]> {
	return (await readEvents(q, query)).events;
}

export async function readEvents(q: Queryable, query: EventQuery): Promise<EventPage> {
	const where: string[] = [];
	const params: unknown[] = [];
	const add = (sql: string, ...values: unknown[]) => {
		let out = sql;
		for (const v of values) {
			params.push(v);
			out = out.replace('?', '$' + params.length);
		}
		where.push(out);
	};
	const paging = !query.desc && (query.stable || query.after !== undefined);
	if (paging && !query.noWatermark) where.push('tx < pg_snapshot_xmin(pg_current_snapshot())');
	if (query.after) add('(tx, seq) > (?::xid8, ?::bigint)', query.after.tx, query.after.seq);
	if (query.types?.length) add('type = any(?::text[])', query.types);
	if (query.from) add('occurred_at >= ?', query.from);
	if (query.to) add('occurred_at < ?', query.to);
	params.push(query.limit);
	const order = query.desc ? 'events.tx desc, events.seq desc' : 'events.tx, events.seq';
	const r = await q.query<Row>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		${where.length ? 'where ' + where.join(' and ') : ''}
		order by ${order} limit $${params.length}`,
		params
	);
	const lastRow = r.rows.at(-1);
	return { events: r.rows.map(rowToEvent), txs: r.rows.map((x) => x.tx), last: lastRow ? { tx: lastRow.tx, seq: Number(lastRow.seq) } : null };
}

export async function eventCounts(q: Queryable): Promise<{ type: string; count: number }[]> {
	const r = await q.query<{ type: string; n: number }>('select type, n::float8 as n from event_counts order by type');
	return r.rows.map((row) => ({ type: row.type, count: Number(row.n) }));
}

/** The keys that partial indexes on `events` cover (migrations *_event_keys, *_requisition_keys). */
export type EventKey = 'poId' | 'productionOrderId' | 'requisitionId';

/**
 * Events of `types` whose data names one of `values` under `key`, stored by transactions before the
 * one that stored event `before`, in log order. For a projector applying updates that arrived before
 * the record they update: "before" by transaction is the order a rebuild replays in, so the live and
 * the rebuilt projections agree; events of the same transaction are left to their own projectors.
 * Limit: on PostgreSQL, a record and an update of it stored by two transactions that overlap see
 * neither the other's rows nor its events, so that update counts only from the next rebuild on.
 */
export async function eventsBefore(q: Queryable, opts: { key: EventKey; values: string[]; types: string[]; before: string }): Promise<StoredEvent[]> {
	if (!opts.values.length) return [];
	// The key is written into the SQL (it is one of the fixed names above) so the partial index applies.
	const r = await q.query<Row>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where data ? '${opts.key}' and data->>'${opts.key}' = any($1::text[]) and type = any($2::text[])
			and tx < (select tx from events where id = $3)
		order by events.tx, events.seq`,
		[opts.values, opts.types, opts.before]
	);
	return r.rows.map(rowToEvent);
}
