import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customListFilters } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { saveCustomer } from '$server/masterdata/commands.ts';
import { listCustomers, parseCustomerQuery } from '$server/masterdata/partner-queries.ts';
import type { PageServerLoad } from './$types';

// The customer list: everyone signed in may look; sales and managers (and admins) get "new". Every
// active no-code field of customers is a column and a filter.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const { query, issues } = parseCustomerQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'customer', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) error(400, { message: bad.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const { customers, total } = await listCustomers(rt.db, query, custom.filters);
	return { query, customers, total, customFields: custom.fields, canEdit: hasAnyRole(user.roles, saveCustomer.roles) };
};
