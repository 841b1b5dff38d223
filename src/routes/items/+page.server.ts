import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customListFilters } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { saveItem } from '$server/masterdata/commands.ts';
import { listItems, parseItemQuery } from '$server/masterdata/queries.ts';
import type { PageServerLoad } from './$types';

// The item list: search, kind and custom-field filters, sort and page all live in the URL, so a view
// can be shared. Every active custom field is a column: the admin chooses which fields exist and their
// order, and an item has few enough of them for one row.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const { query, issues } = parseItemQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'item', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) error(400, { message: bad.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const { items, total } = await listItems(rt.db, query, custom.filters);
	return { query, items, total, customFields: custom.fields, canEdit: hasAnyRole(user.roles, saveItem.roles) };
};
