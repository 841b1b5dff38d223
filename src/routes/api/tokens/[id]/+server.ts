import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, requireAdmin } from '$lib/server/http';
import { revokeTokenCommand } from '$server/auth/token-commands.ts';
import { execute } from '$server/commands/command.ts';
import { tokenActor } from '$lib/server/auth';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DELETE: RequestHandler = endpoint(async ({ request, params }, rt) => {
	const admin = await requireAdmin(rt, request);
	if (!UUID.test(params.id)) throw new AppError('ERR_NOT_FOUND', `no active token ${params.id}`);
	await execute(rt, revokeTokenCommand, { tokenId: params.id }, tokenActor(admin), 'api');
	return json({ revoked: params.id });
}, runtime);
