// A production record's timeline: its events, newest first, found by the key they carry in their data.
// Each key has a partial index (migrations *_event_keys and *_purchasing_production_reads) whose
// predicate the query repeats as written, so only the record's own events are read.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';

export const ORDER_EVENTS = [
	'production_order.created',
	'production_order.released',
	'operation.started',
	'production.reported',
	'production.report_reversed',
	'stock.issued',
	'production_order.completed',
	'production_order.cancelled',
	'production_order.rescheduled'
] as const;

export const WORK_CENTER_EVENTS = ['work_center.upserted', 'work_center.status_changed'] as const;

export const ROUTING_EVENTS = ['routing.replaced'] as const;

// The key, the index's predicate and the types, written into the SQL (fixed names, never input).
const RECORDS = {
	productionOrder: { key: 'productionOrderId', scope: `data ? 'productionOrderId'`, types: ORDER_EVENTS },
	workCenter: { key: 'workCenterId', scope: `type in (${WORK_CENTER_EVENTS.map((t) => `'${t}'`).join(', ')})`, types: WORK_CENTER_EVENTS },
	routing: { key: 'itemId', scope: `type = 'routing.replaced'`, types: ROUTING_EVENTS }
} as const;

export async function recordHistory(q: Queryable, record: keyof typeof RECORDS, id: string, limit = 200): Promise<StoredEvent[]> {
	const { key, scope, types } = RECORDS[record];
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where ${scope} and data->>'${key}' = $1 and type in (${types.map((t) => `'${t}'`).join(', ')})
		order by occurred_at desc, seq desc limit $2`,
		[id, limit]
	);
	return r.rows.map(rowToEvent);
}
