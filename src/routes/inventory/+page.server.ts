import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { listStock, parseStockQuery, stockLocations } from '$server/inventory/queries.ts';
import type { PageServerLoad } from './$types';

// The stock list: one row per item with its usable, QC, rejected, allocated and available quantities,
// its value and where it is. Search, filters, sort and page live in the URL, so a view can be shared.
// Everyone signed in may look.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const { query, issues } = parseStockQuery(url.searchParams);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { rows, total } = await listStock(rt.db, query);
	return { query, rows, total, locations: await stockLocations(rt.db) };
};
