// The event envelope (DESIGN.md, Events). `id` is the idempotency key; `occurredAt` is business time,
// `receivedAt` and `seq` are stamped by the server on append.
import { z } from 'zod';
import { CANONICAL_INSTANT, instant, text, wellFormed } from './primitives.ts';
import { pattern } from './issue-codes.ts';

export const eventId = z.uuid({ message: 'must be a UUID' });

// Strict: a misspelt envelope field is an error, not silently dropped. `seq` and `receivedAt` are
// accepted and ignored so events read back from GET /api/events can be posted again (replays).
export const envelopeSchema = z.strictObject({
	id: eventId,
	type: z
		.string()
		.regex(pattern(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'ERR_EVENT_TYPE_FORMAT'), 'must look like "domain.verb" (lower case)')
		.max(100),
	occurredAt: instant,
	source: text(200),
	actor: text(200).optional(),
	reportedBy: text(200).optional().describe('who the sender says did it; the server keeps it apart from actor'),
	data: z.unknown(),
	seq: z.unknown().optional().describe('ignored: stamped by the server'),
	receivedAt: z.unknown().optional().describe('ignored: stamped by the server')
});

export type Envelope = z.infer<typeof envelopeSchema>;

export interface EnvelopeFields {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	actor?: string;
	reportedBy?: string;
}

const ENVELOPE_KEYS = new Set(Object.keys(envelopeSchema.shape));
const UUID = z.regexes.uuid();
const TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const DATETIME = z.regexes.datetime({ offset: true });

function quickText(v: unknown, max: number): string | undefined {
	if (typeof v !== 'string') return undefined;
	const t = v.trim();
	return t.length >= 1 && t.length <= max && wellFormed(t) ? t : undefined;
}

/**
 * The envelope of the common case — canonical UTC instant, no unknown fields — checked by hand,
 * because ingest checks thousands per batch and the schema's generic machinery is most of that cost.
 * It accepts only what `envelopeSchema` accepts and returns the same values (a property test holds it
 * to that); anything else is `undefined`, and the schema decides and words the issues.
 */
export function quickEnvelope(raw: unknown): EnvelopeFields | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	for (const k of Object.keys(raw)) if (!ENVELOPE_KEYS.has(k)) return undefined;
	const r = raw as Record<string, unknown>;
	// `data` may be anything, but it must be there (the schema's z.unknown() is not optional).
	if (r.data === undefined) return undefined;
	const { id, type, occurredAt } = r;
	if (typeof id !== 'string' || !UUID.test(id)) return undefined;
	if (typeof type !== 'string' || type.length > 100 || !TYPE.test(type)) return undefined;
	if (typeof occurredAt !== 'string' || !CANONICAL_INSTANT.test(occurredAt) || !DATETIME.test(occurredAt)) return undefined;
	if (Number(occurredAt.slice(0, 4)) < 1900) return undefined;
	const source = quickText(r.source, 200);
	if (source === undefined) return undefined;
	const out: EnvelopeFields = { id, type, occurredAt, source };
	for (const k of ['actor', 'reportedBy'] as const) {
		if (r[k] === undefined) {
			if (k in r) return undefined;
			continue;
		}
		const v = quickText(r[k], 200);
		if (v === undefined) return undefined;
		out[k] = v;
	}
	return out;
}

/** An event whose envelope and data are valid; `data` has been parsed by the type's schema. */
export interface ValidEvent<D = Record<string, unknown>> {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	/** Who did it, as the server records: a user, `token:<name>` for ingested events, or `system`. */
	actor?: string;
	/** Who the sender says did it (an MES operator): a claim, shown as such, never the actor. */
	reportedBy?: string;
	data: D;
}

/** An event as committed: what readers and live subscribers receive. */
export interface StoredEvent<D = Record<string, unknown>> extends ValidEvent<D> {
	seq: number;
	receivedAt: string;
}

/**
 * The server says who posted an ingested event: the token. What the sender says (its `actor`, e.g.
 * the MES operator) is its claim, kept as `reportedBy` and never taken as the actor.
 */
export function stampActor(events: ValidEvent[], actor: string): void {
	for (const e of events) {
		if (e.actor !== undefined) e.reportedBy ??= e.actor;
		e.actor = actor;
	}
}
