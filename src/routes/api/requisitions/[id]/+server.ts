import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getRequisition } from '$server/purchasing/requisition.queries.ts';
import { servedDemands } from '$server/planning/linkage.queries.ts';
import type { RequestHandler } from './$types';

// One requisition with its approval steps, its rejection (if any), its history (newest first) and the
// demand it serves (`serving`: the planned order it was firmed from, customer order lines through the pegs).
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const detail = await getRequisition(rt.db, params.id);
	if (!detail) throw new AppError('ERR_NOT_FOUND', `no requisition "${params.id}"`);
	return json({ ...detail, serving: await servedDemands(rt.db, 'requisition', params.id) });
}, runtime);
