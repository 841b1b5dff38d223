import { requireUser } from '$lib/server/auth';
import { saveCustomer } from '../../../../../server/masterdata/commands.ts';
import { savePartnerForm } from '../../partner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Only roles that may run customer.save reach this page; everyone else gets 403.
export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url, saveCustomer.roles);
	return {};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => savePartnerForm('customer', requireUser(locals, url, saveCustomer.roles), await request.formData())
};
