import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { recordInspection } from '$server/purchasing/commands.ts';
import { inspectionQuery, listAwaitingInspection } from '$server/purchasing/purchase-order.queries.ts';
import { readListQuery } from '$lib/server/list-url';
import type { PageServerLoad } from './$types';

// Quality's (and the warehouse's) work list: order lines with goods received and not yet inspected,
// the longest waiting first. Each links to its order, where the inspection is recorded.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = readListQuery(inspectionQuery, url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { lines, total } = await listAwaitingInspection(rt.db, query);
	return { query, lines, total, canInspect: hasAnyRole(user.roles, recordInspection.roles) };
};
