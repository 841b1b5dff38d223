import { requireUser } from '$lib/server/auth';
import { runtime } from '$lib/server/runtime';
import { customFieldsOf } from '$lib/server/custom-fields';
import { saveItem } from '$server/masterdata/commands.ts';
import { saveItemForm } from '../item-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveItem.roles);
	const rt = await runtime();
	return { customFields: await customFieldsOf(rt.db, 'item') };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => saveItemForm(requireUser(locals, url, saveItem.roles), await request.formData())
};
