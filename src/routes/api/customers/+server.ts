import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { customListFilters } from '$lib/server/custom-fields';
import { listCustomers, parseCustomerQuery } from '$server/masterdata/partner-queries.ts';
import type { RequestHandler } from './$types';

// Customers over REST: the /customers list (same query parameters, `custom.<key>=…` and
// `custom.<key>.from`/`.to` filtering on no-code fields). Anyone signed in (or with a token)
// may read; customers are saved through POST /api/commands/customer.save.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseCustomerQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'customer', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const { customers, total } = await listCustomers(rt.db, query, custom.filters);
	return json({ customers, total, page: query.page, pageSize: query.pageSize });
}, runtime);
