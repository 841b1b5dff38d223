import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getPurchaseOrder } from '$server/purchasing/purchase-order.queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import type { RequestHandler } from './$types';

// One purchase order with its lines (dates, received, accepted and rejected quantities) and its history.
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const order = await getPurchaseOrder(rt.db, params.poId, factoryDate(rt.clock.now(), rt.config.timeZone));
	if (!order) throw new AppError('ERR_NOT_FOUND', `no purchase order "${params.poId}"`);
	return json(order);
}, runtime);
