import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { listCustomers } from '../../../../server/masterdata/partner-queries.ts';
import { parseCustomerQuery } from '../../(partners)/partner-query.server.ts';
import type { RequestHandler } from './$types';

// Customers over REST: the /customers list (same query parameters). Anyone signed in (or with a token)
// may read; customers are saved through POST /api/commands/customer.save.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseCustomerQuery(url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const { customers, total } = await listCustomers(rt.db, query);
	return json({ customers, total, page: query.page, pageSize: query.pageSize });
}, runtime);
