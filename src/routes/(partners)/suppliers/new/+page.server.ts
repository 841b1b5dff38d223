import { requireUser } from '$lib/server/auth';
import { runtime } from '$lib/server/runtime';
import { customFieldsOf } from '$lib/server/custom-fields';
import { saveSupplier } from '$server/masterdata/commands.ts';
import { savePartnerForm } from '../../partner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Only roles that may run supplier.save reach this page; everyone else gets 403.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveSupplier.roles);
	const rt = await runtime();
	return { customFields: await customFieldsOf(rt.db, 'supplier') };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => savePartnerForm('supplier', requireUser(locals, url, saveSupplier.roles), await request.formData())
};
