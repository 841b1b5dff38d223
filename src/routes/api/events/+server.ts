import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, requirePrincipal } from '$lib/server/http';
import { ingest } from '$lib/server/ingest';
import { mayReadEvents } from '../../../../server/auth/tokens.ts';
import { listEvents } from '../../../../server/events/read.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ request }, rt) => json(await ingest(rt, request)), runtime);

const eventQuerySchema = z.strictObject({
	type: z
		.string()
		.optional()
		.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
	after: z.coerce.number().int().nonnegative().optional(),
	from: z.iso.datetime({ offset: true }).optional(),
	to: z.iso.datetime({ offset: true }).optional(),
	limit: z.coerce.number().int().min(1).max(1000).default(100)
});

export const GET: RequestHandler = endpoint(async ({ url, request }, rt) => {
	const principal = await requirePrincipal(rt, request);
	const parsed = eventQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		throw new AppError('ERR_BAD_QUERY', 'invalid query', {
			issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		});
	}
	const q = parsed.data;
	const types = q.type;
	const allowed = types ? types.every((t) => mayReadEvents(principal, t)) : mayReadEvents(principal, '*');
	if (!allowed) throw new AppError('ERR_FORBIDDEN', 'token may not read these event types');
	const events = await listEvents(rt.db, { types, afterSeq: q.after, from: q.from, to: q.to, limit: q.limit });
	const next = events.length === q.limit ? events[events.length - 1].seq : null;
	return json({ events, next });
}, runtime);
