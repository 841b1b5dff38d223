// POST /api/events (CONTRACTS.md, HTTP): token → rate limit → size → JSON → validate whole batch →
// authorize each type → append in one transaction. Nothing is stored unless every event passes.
import { AppError } from '$server/errors.ts';
import { mayPostEvent } from '$server/auth/tokens.ts';
import { MAX_BATCH_EVENTS, validateBatch } from '$server/events/validate.ts';
import type { AppendResult } from '$server/events/append.ts';
import { stampActor } from '$server/events/envelope.ts';
import { EventRejected } from '$server/events/projectors.ts';
import { EventIdConflict } from '$server/events/insert.ts';
import { readBody, requirePrincipal } from './http.ts';
import type { Runtime } from './runtime.ts';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function ingest(rt: Runtime, request: Request): Promise<Omit<AppendResult, 'events'>> {
	const principal = await requirePrincipal(rt, request);
	if (!rt.ingestLimiter.take(principal.tokenId, rt.clock.now().getTime())) {
		throw new AppError('ERR_RATE_LIMITED', 'too many requests for this token; retry after a second');
	}
	const text = await readBody(request, MAX_BODY_BYTES);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new AppError('ERR_BAD_JSON', 'body is not valid JSON');
	}
	const count = (body as { events?: unknown[] } | null)?.events?.length ?? 0;
	if (count > MAX_BATCH_EVENTS) {
		throw new AppError('ERR_PAYLOAD_TOO_LARGE', `at most ${MAX_BATCH_EVENTS} events per request, got ${count}`, {
			limit: MAX_BATCH_EVENTS
		});
	}
	const v = validateBatch(rt.catalogue, body);
	if (!v.ok) throw new AppError('ERR_VALIDATION', `${v.issues.length} invalid field(s); nothing was stored`, { issues: v.issues });
	const commandOnly = principal.kind === 'admin' ? [] : v.events.flatMap((e, index) => (rt.catalogue.get(e.type)?.commandOnly ? [{ index, type: e.type }] : []));
	if (commandOnly.length) {
		const types = [...new Set(commandOnly.map((d) => d.type))].sort();
		throw new AppError('ERR_FORBIDDEN', `only commands (or an admin token) may produce ${types.join(', ')}; nothing was stored`, {
			issues: commandOnly.map(({ index, type }) => ({ index, path: 'type', message: `${type} is produced only by commands: use the command API, or an admin token` }))
		});
	}
	const denied = v.events.flatMap((e, index) =>
		mayPostEvent(principal, e.type) ? [] : [{ index, path: 'type', message: `this token may not post ${e.type}`, code: 'ERR_EVENT_TYPE_DENIED', params: { type: e.type } }]
	);
	if (denied.length) throw new AppError('ERR_FORBIDDEN', 'token not allowed some event types; nothing was stored', { issues: denied });
	const events = v.events;
	stampActor(events, `token:${principal.name}`);
	try {
		const { accepted, duplicates } = await rt.append(events);
		return { accepted, duplicates };
	} catch (err) {
		if (err instanceof EventIdConflict) {
			throw new AppError('ERR_EVENT_ID_CONFLICT', `${err.message}; nothing was stored`, {
				issues: err.conflicts.map(({ index, id }) => ({ index, path: 'id', id, message: `${id} was already sent with a different body` }))
			});
		}
		if (err instanceof EventRejected) {
			const index = events.findIndex((e) => e.id === err.eventId);
			throw new AppError('ERR_REJECTED', `${err.message}; nothing was stored`, {
				issues: [{ index, path: err.path, message: err.message, code: err.code, params: err.params }]
			});
		}
		// Safety net: validation mirrors the columns' limits, but if the database still refuses a value
		// (SQLSTATE class 22, data exception) the sender must fix the data, not retry: 400, not 500.
		const code = (err as { code?: unknown }).code;
		if (typeof code === 'string' && code.startsWith('22')) {
			throw new AppError('ERR_VALIDATION', 'the database refused a value in this batch; nothing was stored', {
				issues: [{ index: -1, path: 'events', message: (err as Error).message, code: 'ERR_INVALID', params: {} }]
			});
		}
		throw err;
	}
}
