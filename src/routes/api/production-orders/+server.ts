import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { factoryDate } from '$server/shared/factory-date.ts';
import { listOrders, orderListQuery } from '$server/production/production-order.queries.ts';
import type { RequestHandler } from './$types';

// Production orders over REST: the /production/orders list (same query parameters). Anyone signed in
// (or with a token) may read; orders are created and worked through POST /api/commands/production_order.*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(orderListQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const { orders, total } = await listOrders(rt.db, query, factoryDate(rt.clock.now(), rt.config.timeZone));
	return json({ orders, total, page: query.page, pageSize: query.pageSize });
}, runtime);
