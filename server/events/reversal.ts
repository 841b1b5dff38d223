// Corrections instead of deletions: a mistaken shipment or goods receipt is reversed by an event that
// names it (by id) and repeats what it moved, with a reason. The original stays in the log; projectors
// take its effect back exactly. These rules hold whichever way the correction enters (command, ingest,
// import): the original exists and is of the kind corrected, the repeated fields equal its own, and
// no event is reversed twice (`reversals`, one row per reversed event).
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';
import { asJson } from './projectors.ts';
import { refuseEvent, type Refusal } from './refusal.ts';

export interface ReversalRule {
	/** The type of the events this correction reverses. */
	reverses: string;
	/** The field of the correction naming the original event's id. */
	idField: string;
	/** Fields the correction repeats from the original; a field missing from the original means `fallback`. */
	repeats: readonly { field: string; fallback?: unknown }[];
}

export const reversalNotFound = (eventId: string, path: string): Refusal => ({
	code: 'ERR_REVERSAL_NOT_FOUND',
	path,
	message: `no event ${eventId} to reverse of this kind`,
	params: { eventId }
});

export const alreadyReversed = (eventId: string, path: string): Refusal => ({
	code: 'ERR_ALREADY_REVERSED',
	path,
	message: `event ${eventId} has been reversed already`,
	params: { eventId }
});

/** The originals of these ids, as stored, and whether each has been reversed already. */
export async function loadOriginals(q: Queryable, ids: string[]): Promise<Map<string, { type: string; data: Record<string, unknown>; reversed: boolean }>> {
	if (!ids.length) return new Map();
	const r = await q.query<{ id: string; type: string; data: Record<string, unknown>; reversed: boolean }>(
		`select e.id::text as id, e.type, e.data, exists (select 1 from reversals r where r.event_id = e.id) as reversed
		from events e where e.id = any($1::uuid[])`,
		[[...new Set(ids)]]
	);
	return new Map(r.rows.map((x) => [x.id, x]));
}

/** What refuses one correction against its original, or null. */
export function reversalRefusal(
	rule: ReversalRule,
	data: Record<string, unknown>,
	original: { type: string; data: Record<string, unknown>; reversed: boolean } | undefined
): Refusal | null {
	const id = String(data[rule.idField]);
	if (!original || original.type !== rule.reverses) return reversalNotFound(id, rule.idField);
	if (original.reversed) return alreadyReversed(id, rule.idField);
	for (const { field, fallback } of rule.repeats) {
		const given = data[field];
		if (given === undefined) continue;
		const was = original.data[field] ?? fallback;
		if (was !== undefined && given !== was) {
			return { code: 'ERR_REVERSAL_MISMATCH', path: field, message: `${field} is ${JSON.stringify(was)} on the event reversed`, params: { field } };
		}
	}
	return null;
}

/** Guard of a correction type: every rule above, in batch order, including one event reversed twice in a batch. */
export async function guardReversals(tx: Queryable, rule: ReversalRule, events: StoredEvent[]): Promise<void> {
	const originals = await loadOriginals(tx, events.map((e) => String(e.data[rule.idField])));
	const seen = new Set<string>();
	for (const e of events) {
		const id = String(e.data[rule.idField]);
		refuseEvent(e.id, reversalRefusal(rule, e.data, originals.get(id)));
		if (seen.has(id)) refuseEvent(e.id, alreadyReversed(id, rule.idField));
		seen.add(id);
	}
}

/**
 * Records the reversed events. A reversal committed meanwhile by a concurrent transaction (its guard
 * saw none) makes the primary key skip the row: that correction is refused as one reversed already.
 */
export async function recordReversals(tx: Queryable, rule: ReversalRule, events: StoredEvent[]): Promise<void> {
	const r = await tx.query<{ event_id: string }>(
		`insert into reversals (event_id, reversal_id, reversed_at)
		select event_id, reversal_id, at from jsonb_to_recordset($1::jsonb) as x(event_id uuid, reversal_id uuid, at timestamptz)
		order by event_id
		on conflict (event_id) do nothing
		returning event_id::text`,
		[asJson(events.map((e) => ({ event_id: e.data[rule.idField], reversal_id: e.id, at: e.occurredAt })))]
	);
	const recorded = new Set(r.rows.map((x) => x.event_id));
	for (const e of events) {
		const id = String(e.data[rule.idField]);
		if (!recorded.has(id)) refuseEvent(e.id, alreadyReversed(id, rule.idField));
	}
}

/** Empties the reversals before a rebuild: the corrections replay them. */
export async function resetReversals(tx: Queryable): Promise<void> {
	await tx.exec('truncate reversals');
}
