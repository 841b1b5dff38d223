import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { listStock, parseStockQuery } from '$server/inventory/queries.ts';
import type { RequestHandler } from './$types';

// The stock list over REST, with the page's filters as query parameters (q, location, kind,
// belowSafety, withStock, sort, dir, page, pageSize). Anyone signed in (or with a token) may read;
// stock changes go through the stock.* commands.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseStockQuery(url.searchParams);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const { rows, total } = await listStock(rt.db, query);
	return json({ rows, total, page: query.page, pageSize: query.pageSize });
}, runtime);
