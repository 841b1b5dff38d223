import { requireUser } from '$lib/server/auth';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { IMPORT_KINDS } from '$server/import/kinds.ts';
import { importForm } from './import-form.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Bulk import from CSV or XLSX: items, BOMs, routings, partners, supplier items, open orders. The
// page is for the roles that keep such data; each kind runs its own command, which checks the roles
// again, so only the kinds the user may import are offered.
const IMPORT_ROLES: readonly Role[] = ['planner', 'sales', 'purchasing'];

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url, IMPORT_ROLES);
	const lang = locals.locale === 'en' ? 'en' : 'zh';
	const kinds = IMPORT_KINDS.filter((k) => hasAnyRole(user.roles, k.command.roles)).map((k) => ({
		kind: k.kind,
		label: k.label[locals.locale],
		columns: k.columns.map((c) => ({ key: c.key, label: c[lang], required: !!c.required }))
	}));
	return { kinds, chosen: url.searchParams.get('kind') };
};

export const actions: Actions = {
	preview: async ({ locals, url, request }) => importForm(requireUser(locals, url, IMPORT_ROLES), request, false),
	import: async ({ locals, url, request }) => importForm(requireUser(locals, url, IMPORT_ROLES), request, true)
};
