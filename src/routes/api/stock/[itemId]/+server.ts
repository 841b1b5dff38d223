import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { zodIssues } from '$server/commands/command.ts';
import { itemStock, movementPageQuery, stockMovements } from '$server/inventory/queries.ts';
import type { RequestHandler } from './$types';

// One item's stock over REST, as its inventory page shows it: per location at moving average cost,
// availability, and one page of its movements with who made each (`?page=`). Anyone signed in (or
// with a token) may read; stock changes go through the stock.* commands.
export const GET: RequestHandler = endpoint(async ({ url, params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const parsed = movementPageQuery.safeParse(Object.fromEntries([...url.searchParams].filter(([k, v]) => k !== 'lang' && v !== '')));
	if (!parsed.success) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: zodIssues(parsed.error) });
	const stock = await itemStock(rt.db, params.itemId);
	if (!stock) throw new AppError('ERR_NOT_FOUND', `no item "${params.itemId}"`);
	const { movements, total } = await stockMovements(rt.db, params.itemId, parsed.data);
	return json({ ...stock, movements, page: parsed.data.page, pageSize: parsed.data.pageSize, total });
}, runtime);
