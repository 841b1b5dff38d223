import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '../../../server/auth/roles.ts';
import { saveItem } from '../../../server/masterdata/commands.ts';
import { listItems } from '../../../server/masterdata/queries.ts';
import { parseItemQuery } from './item-query.server.ts';
import type { PageServerLoad } from './$types';

// The item list: search, kind filter, sort and page all live in the URL, so a view can be shared.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = parseItemQuery(url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { items, total } = await listItems(rt.db, query);
	return { query, items, total, canEdit: hasAnyRole(user.roles, saveItem.roles) };
};
