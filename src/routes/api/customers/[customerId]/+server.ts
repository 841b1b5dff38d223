import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { getPartner } from '$server/masterdata/partner-queries.ts';
import { listCustomerPrices } from '$server/sales/customer-prices.queries.ts';
import type { RequestHandler } from './$types';

// One customer with its agreed prices and its history (newest first).
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const detail = await getPartner(rt.db, 'customer', params.customerId);
	if (!detail) throw new AppError('ERR_NOT_FOUND', `no customer "${params.customerId}"`);
	return json({ customer: detail.partner, prices: await listCustomerPrices(rt.db, params.customerId), history: detail.history });
}, runtime);
