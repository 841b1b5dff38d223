import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { salesScope } from '$server/auth/scope.ts';
import { customListFilters } from '$lib/server/custom-fields';
import { listOrders, parseOrderQuery } from '$server/sales/order-list.queries.ts';
import type { RequestHandler } from './$types';

// Sales orders over REST: the /sales list (same query parameters, custom-field filters too). Anyone signed in (or with a token)
// may read; orders are entered and changed through POST /api/commands/sales_order.*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const { query, issues } = parseOrderQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'sales_order', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const reader = { name: actor.name, scope: salesScope(actor) };
	const { orders, total } = await listOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, reader, custom.filters);
	return json({ orders, total, page: query.page, pageSize: query.pageSize });
}, runtime);
