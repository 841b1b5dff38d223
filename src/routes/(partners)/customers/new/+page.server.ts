import { requireUser } from '$lib/server/auth';
import { runtime } from '$lib/server/runtime';
import { customFieldsOf } from '$lib/server/custom-fields';
import { saveCustomer } from '$server/masterdata/commands.ts';
import { savePartnerForm } from '../../partner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Only roles that may run customer.save reach this page; everyone else gets 403.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveCustomer.roles);
	const rt = await runtime();
	return { customFields: await customFieldsOf(rt.db, 'customer') };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => savePartnerForm('customer', requireUser(locals, url, saveCustomer.roles), await request.formData())
};
