import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { listPlannedOrders, plannedOrdersQuery } from '$server/planning/plan.queries.ts';
import type { RequestHandler } from './$types';

// The live plan's planned orders (CONTRACTS.md, Planning), optionally of one item, each with the
// demands it serves. Read like other lists: signed in, or a token with the read scope "planning".
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(plannedOrdersQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const { planId, generatedAt, startDate, mode, plannedOrders } = await listPlannedOrders(rt.db, query);
	return json({ planId, generatedAt, startDate, mode, plannedOrders });
}, runtime);
