import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '../../../../server/auth/roles.ts';
import { saveSupplier } from '../../../../server/masterdata/commands.ts';
import { listSuppliers } from '../../../../server/purchasing/queries.ts';
import { parseSupplierQuery } from '../partner-query.server.ts';
import type { PageServerLoad } from './$types';

// The supplier list, with how many items each offers and a filter on the item: everyone signed in may
// look; buyers and managers (and admins) get "new".
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = parseSupplierQuery(url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { suppliers, total } = await listSuppliers(rt.db, query);
	return {
		query,
		suppliers: suppliers.map((s) => ({ id: s.supplierId, name: s.name, items: s.items, updatedAt: s.updatedAt })),
		total,
		canEdit: hasAnyRole(user.roles, saveSupplier.roles)
	};
};
