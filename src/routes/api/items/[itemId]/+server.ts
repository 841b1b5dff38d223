import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getItem } from '$server/masterdata/queries.ts';
import type { RequestHandler } from './$types';

// One item with its BOM, where it is used, and its history (newest first).
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const detail = await getItem(rt.db, params.itemId);
	if (!detail) throw new AppError('ERR_NOT_FOUND', `no item "${params.itemId}"`);
	return json(detail);
}, runtime);
