import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getSalesOrder } from '$server/sales/queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { salesScope } from '$server/auth/scope.ts';
import type { RequestHandler } from './$types';

// One sales order with its lines (status derived as of today at the factory) and its history.
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const order = await getSalesOrder(rt.db, params.orderId, factoryDate(rt.clock.now(), rt.config.timeZone), salesScope(actor));
	if (!order) throw new AppError('ERR_NOT_FOUND', `no sales order "${params.orderId}"`);
	return json(order);
}, runtime);
