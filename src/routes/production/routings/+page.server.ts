import { error, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { replaceRouting } from '$server/production/commands.ts';
import { madeItemChoices } from '$server/production/lookups.queries.ts';
import { listRoutings, routingListQuery } from '$server/production/routing.queries.ts';
import { readListQuery } from '$lib/server/list-url';
import { routingHref } from '../production-actions.server.ts';
import type { PageServerLoad } from './$types';

// The items that have a routing (search and page in the URL). Planners open any item made here to
// give it one: `?item=` (the form at the top, which works without scripts) goes to its editor.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const item = url.searchParams.get('item')?.trim();
	if (item) redirect(303, routingHref(item));
	const { query, issues } = readListQuery(routingListQuery, url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const canEdit = hasAnyRole(user.roles, replaceRouting.roles);
	const { routings, total } = await listRoutings(rt.db, query);
	return { query, routings, total, canEdit, items: canEdit ? await madeItemChoices(rt.db) : [] };
};
