// The event envelope (DESIGN.md, Events). `id` is the idempotency key; `occurredAt` is business time,
// `receivedAt` and `seq` are stamped by the server on append.
import { z } from 'zod';
import { instant, text } from './primitives.ts';

export const eventId = z.uuid({ message: 'must be a UUID' });

// Strict: a misspelt envelope field is an error, not silently dropped. `seq` and `receivedAt` are
// accepted and ignored so events read back from GET /api/events can be posted again (replays).
export const envelopeSchema = z.strictObject({
	id: eventId,
	type: z
		.string()
		.regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must look like "domain.verb" (lower case)')
		.max(100),
	occurredAt: instant,
	source: text(200),
	actor: text(200).optional(),
	data: z.unknown(),
	seq: z.unknown().optional().describe('ignored: stamped by the server'),
	receivedAt: z.unknown().optional().describe('ignored: stamped by the server')
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** An event whose envelope and data are valid; `data` has been parsed by the type's schema. */
export interface ValidEvent<D = Record<string, unknown>> {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	actor?: string;
	data: D;
}

/** An event as committed: what readers and live subscribers receive. */
export interface StoredEvent<D = Record<string, unknown>> extends ValidEvent<D> {
	seq: number;
	receivedAt: string;
}
