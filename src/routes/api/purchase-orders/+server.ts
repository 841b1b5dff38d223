import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { customListFilters } from '$lib/server/custom-fields';
import { readListQuery } from '$lib/server/list-url';
import { listPurchaseOrders, poListQuery } from '$server/purchasing/purchase-order.queries.ts';
import type { RequestHandler } from './$types';

// Purchase orders over REST: the /purchasing/orders list (same query parameters, custom-field filters too; "late" as of today
// at the factory). Placed, confirmed, delayed, received and inspected through POST /api/commands/*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(poListQuery, url, { custom: true });
	const custom = await customListFilters(rt.db, 'purchase_order', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const { orders, total } = await listPurchaseOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, custom.filters);
	return json({ orders, total, page: query.page, pageSize: query.pageSize });
}, runtime);
