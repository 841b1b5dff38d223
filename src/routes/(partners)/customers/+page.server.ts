import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '../../../../server/auth/roles.ts';
import { saveCustomer } from '../../../../server/masterdata/commands.ts';
import { listCustomers } from '../../../../server/masterdata/partner-queries.ts';
import { parseCustomerQuery } from '../partner-query.server.ts';
import type { PageServerLoad } from './$types';

// The customer list: everyone signed in may look; sales and managers (and admins) get "new".
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = parseCustomerQuery(url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { customers, total } = await listCustomers(rt.db, query);
	return { query, customers, total, canEdit: hasAnyRole(user.roles, saveCustomer.roles) };
};
