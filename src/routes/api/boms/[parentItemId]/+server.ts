import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint, readJson } from '$lib/server/http';
import { execute } from '$server/commands/command.ts';
import { replaceBom } from '$server/masterdata/commands.ts';
import { getItem } from '$server/masterdata/queries.ts';
import type { RequestHandler } from './$types';

// The bill of material of one item, read and replaced whole. The parent is the path's; a body that
// names another parent is refused rather than quietly ignored.
const BODY_LIMIT = 256 * 1024;

export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const detail = await getItem(rt.db, params.parentItemId);
	if (!detail) throw new AppError('ERR_NOT_FOUND', `no item "${params.parentItemId}"`);
	return json({ parentItemId: detail.item.itemId, lines: detail.bom });
}, runtime);

export const PUT: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const body = await readJson(request, BODY_LIMIT);
	const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
	if (isObject && 'parentItemId' in body && body.parentItemId !== params.parentItemId) {
		throw new AppError('ERR_VALIDATION', 'parentItemId must match the path', {
			issues: [{ index: 0, path: 'parentItemId', message: 'must match the path', code: 'ERR_PATH_MISMATCH', params: {} }]
		});
	}
	const input = isObject ? { ...body, parentItemId: params.parentItemId } : body;
	return json(await execute(rt, replaceBom, input, actor, 'api'));
}, runtime);
