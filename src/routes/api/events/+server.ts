import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, requirePrincipal } from '$lib/server/http';
import { ingest } from '$lib/server/ingest';
import { mayReadEvents } from '$server/auth/tokens.ts';
import { CURSOR_PATTERN, formatCursor, parseCursor, readEvents } from '$server/events/read.ts';
import { instant } from '$server/events/primitives.ts';
import { zodIssues } from '$server/commands/command.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ request }, rt) => json(await ingest(rt, request)), runtime);

const eventQuerySchema = z.strictObject({
	type: z
		.string()
		.optional()
		.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
	after: z.string().regex(CURSOR_PATTERN, 'must be the `next` value of a previous page').optional(),
	from: instant.optional(),
	to: instant.optional(),
	limit: z.coerce.number().int().min(1).max(1000).default(100)
});

export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const principal = await requirePrincipal(rt, request, locals);
	const parsed = eventQuerySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		throw new AppError('ERR_BAD_QUERY', 'invalid query', {
			issues: zodIssues(parsed.error, 0, Object.fromEntries(url.searchParams))
		});
	}
	const q = parsed.data;
	const types = q.type;
	const allowed = types ? types.every((t) => mayReadEvents(principal, t)) : mayReadEvents(principal, '*');
	if (!allowed) throw new AppError('ERR_FORBIDDEN', 'token may not read these event types');
	const page = await readEvents(rt.db, {
		types,
		stable: true,
		after: q.after ? parseCursor(q.after)! : undefined,
		from: q.from,
		to: q.to,
		limit: q.limit
	});
	// `next` is always given when the page ended somewhere: events committing later come after it.
	const next = page.last ? formatCursor(page.last) : (q.after ?? null);
	return json({ events: page.events, next, more: page.events.length === q.limit });
}, runtime);
