import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getPurchaseOrder } from '../../../purchasing/orders.server.ts';
import type { RequestHandler } from './$types';

// One purchase order with its lines (dates, received, accepted and rejected quantities) and its history.
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const order = await getPurchaseOrder(rt.db, params.poId);
	if (!order) throw new AppError('ERR_NOT_FOUND', `no purchase order "${params.poId}"`);
	return json(order);
}, runtime);
