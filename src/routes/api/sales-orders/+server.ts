import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { customListFilters } from '$lib/server/custom-fields';
import { listOrders, parseOrderQuery } from '../../sales/orders.server.ts';
import type { RequestHandler } from './$types';

// Sales orders over REST: the /sales list (same query parameters, custom-field filters too). Anyone signed in (or with a token)
// may read; orders are entered and changed through POST /api/commands/sales_order.*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseOrderQuery(url);
	const custom = await customListFilters(rt.db, 'sales_order', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const { orders, total } = await listOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, custom.filters);
	return json({ orders, total, page: query.page, pageSize: query.pageSize });
}, runtime);
