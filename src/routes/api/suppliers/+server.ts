import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { customListFilters } from '$lib/server/custom-fields';
import { listSuppliers, supplierListQuery } from '$server/purchasing/queries.ts';
import { parseListQuery } from '$server/shared/list-query.ts';
import type { RequestHandler } from './$types';

// Suppliers over REST: the /suppliers list (same query parameters, `item` for those offering an item,
// `custom.<key>=…` and `custom.<key>.from`/`.to` filtering on no-code fields).
// Anyone signed in (or with a token) may read; suppliers and their terms are saved through
// POST /api/commands/supplier.save and supplier_item.save.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseListQuery(supplierListQuery, url.searchParams);
	const custom = await customListFilters(rt.db, 'supplier', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const { suppliers, total } = await listSuppliers(rt.db, query, custom.filters);
	return json({ suppliers, total, page: query.page, pageSize: query.pageSize });
}, runtime);
