import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, requireAdmin } from '$lib/server/http';
import { revokeToken } from '../../../../../server/auth/tokens.ts';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DELETE: RequestHandler = endpoint(async ({ request, params }, rt) => {
	await requireAdmin(rt, request);
	if (!UUID.test(params.id) || !(await revokeToken(rt.db, params.id))) {
		throw new AppError('ERR_NOT_FOUND', `no active token ${params.id}`);
	}
	return json({ revoked: params.id });
}, runtime);
