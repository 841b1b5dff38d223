import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customListFilters } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { saveSupplier } from '$server/masterdata/commands.ts';
import { listSuppliers, supplierListQuery } from '$server/purchasing/queries.ts';
import { parseListQuery } from '$server/shared/list-query.ts';
import type { PageServerLoad } from './$types';

// The supplier list, with how many items each offers and a filter on the item: everyone signed in may
// look; buyers and managers (and admins) get "new". Every active no-code field of suppliers is a
// column and a filter.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const { query, issues } = parseListQuery(supplierListQuery, url.searchParams);
	const custom = await customListFilters(rt.db, 'supplier', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) error(400, { message: bad.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const { suppliers, total } = await listSuppliers(rt.db, query, custom.filters);
	return {
		query,
		suppliers: suppliers.map((s) => ({ id: s.supplierId, name: s.name, items: s.items, custom: s.custom, updatedAt: s.updatedAt })),
		total,
		customFields: custom.fields,
		canEdit: hasAnyRole(user.roles, saveSupplier.roles)
	};
};
