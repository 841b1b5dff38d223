// Business rules as pure decisions over plain facts: each answers null (allowed) or a Refusal naming
// the field, so a command (before it emits) and a projector guard (when the same event arrives by
// ingest or import) refuse with the same code and path. Paths are relative to the event's data, which
// is the command's input; `refuseEvent` adds the "data." an ingest answer shows.
import type { ErrorCode, ErrorParams } from '../errors.ts';
import { EventRejected } from './projectors.ts';

/** A refusal names a code of the catalogue (server/errors.ts) with exactly that code's parameters. */
export type Refusal = {
	[C in ErrorCode]: { code: C; path: string; message: string } & ({} extends ErrorParams<C> ? { params?: ErrorParams<C> } : { params: ErrorParams<C> });
}[ErrorCode];

/** Quantities are numeric(…) in the database and floats here: compare with this slack. */
export const QTY_EPSILON = 1e-9;

/** Refuses the batch holding `eventId` when `r` says so (a projector guard). */
export function refuseEvent(eventId: string, r: Refusal | null | undefined): void {
	if (r) throw new EventRejected<ErrorCode>(r.code, eventId, `data.${r.path}`, r.message, r.params as never);
}
