import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { factoryDate } from '$server/shared/factory-date.ts';
import { getOrder } from '$server/production/production-order.queries.ts';
import { servedDemands } from '$server/planning/linkage.queries.ts';
import type { RequestHandler } from './$types';

// One production order with its operations, its components (planned, issued, on hand), its history and
// the demand it serves (`serving`: the planned order it was firmed from, customer order lines through the pegs).
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const order = await getOrder(rt.db, params.id, factoryDate(rt.clock.now(), rt.config.timeZone));
	if (!order) throw new AppError('ERR_NOT_FOUND', `no production order "${params.id}"`);
	return json({ ...order, serving: await servedDemands(rt.db, 'production_order', params.id) });
}, runtime);
