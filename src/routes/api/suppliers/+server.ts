import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { listSuppliers } from '../../../../server/purchasing/queries.ts';
import { parseSupplierQuery } from '../../(partners)/partner-query.server.ts';
import type { RequestHandler } from './$types';

// Suppliers over REST: the /suppliers list (same query parameters, `item` for those offering an item).
// Anyone signed in (or with a token) may read; suppliers and their terms are saved through
// POST /api/commands/supplier.save and supplier_item.save.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseSupplierQuery(url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const { suppliers, total } = await listSuppliers(rt.db, query);
	return json({ suppliers, total, page: query.page, pageSize: query.pageSize });
}, runtime);
