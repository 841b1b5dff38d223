import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { replaceBom, saveItem } from '$server/masterdata/commands.ts';
import { getItem } from '$server/masterdata/queries.ts';
import { saveBomForm, saveItemForm } from '../item-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One item: its fields, its BOM, where it is used, and its history. Everyone signed in may look;
// planners (and admins) get the forms.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const detail = await getItem(rt.db, params.itemId);
	if (!detail) error(404, { message: `no item "${params.itemId}"`, code: 'ERR_NOT_FOUND' });
	return { ...detail, customFields: await customFieldsOf(rt.db, 'item'), canEdit: hasAnyRole(user.roles, saveItem.roles) };
};

export const actions: Actions = {
	save: async ({ locals, url, request, params }) =>
		saveItemForm(requireUser(locals, url, saveItem.roles), await request.formData(), params.itemId),
	bom: async ({ locals, url, request, params }) =>
		saveBomForm(requireUser(locals, url, replaceBom.roles), await request.formData(), params.itemId)
};
