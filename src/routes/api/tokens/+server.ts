import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, readJson, requireAdmin } from '$lib/server/http';
import { listTokens } from '$server/auth/tokens.ts';
import { createTokenCommand } from '$server/auth/token-commands.ts';
import { execute, zodIssues } from '$server/commands/command.ts';
import { tokenActor } from '$lib/server/auth';
import { tokenInputSchema } from '$server/auth/token-input.ts';
import type { RequestHandler } from './$types';

// Tokens for integrations (scoped to event types) and wall screens (scoped to screens); admin only.
export const GET: RequestHandler = endpoint(async ({ request }, rt) => {
	await requireAdmin(rt, request);
	return json({ tokens: await listTokens(rt.db) });
}, runtime);

export const POST: RequestHandler = endpoint(async ({ request }, rt) => {
	const admin = await requireAdmin(rt, request);
	const body = await readJson(request, 64 * 1024);
	const parsed = tokenInputSchema(rt.catalogue).safeParse(body);
	if (!parsed.success) {
		throw new AppError('ERR_VALIDATION', 'invalid token request', {
			issues: zodIssues(parsed.error, 0, body)
		});
	}
	const t = await execute(rt, createTokenCommand, parsed.data, tokenActor(admin), 'api');
	return json({ id: t.id, token: t.token, ...parsed.data }, { status: 201 });
}, runtime);
