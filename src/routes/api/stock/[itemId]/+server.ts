import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { itemStock, movementPageQuery, stockMovements } from '$server/inventory/queries.ts';
import { parseListQuery } from '$server/shared/list-query.ts';
import type { RequestHandler } from './$types';

// One item's stock over REST, as its inventory page shows it: per location at moving average cost,
// availability, and one page of its movements with who made each (`?page=`). Anyone signed in (or
// with a token) may read; stock changes go through the stock.* commands.
export const GET: RequestHandler = endpoint(async ({ url, params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query: page, issues } = parseListQuery(movementPageQuery, url.searchParams, { custom: false });
	if (!page) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const stock = await itemStock(rt.db, params.itemId);
	if (!stock) throw new AppError('ERR_NOT_FOUND', `no item "${params.itemId}"`);
	const { movements, total } = await stockMovements(rt.db, params.itemId, page);
	return json({ ...stock, movements, page: page.page, pageSize: page.pageSize, total });
}, runtime);
