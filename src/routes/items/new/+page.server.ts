import { requireUser } from '$lib/server/auth';
import { saveItem } from '../../../../server/masterdata/commands.ts';
import { saveItemForm } from '../item-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url, saveItem.roles);
	return {};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => saveItemForm(requireUser(locals, url, saveItem.roles), await request.formData())
};
