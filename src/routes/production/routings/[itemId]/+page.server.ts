import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { replaceRouting } from '$server/production/commands.ts';
import { workCenterChoices } from '$server/production/lookups.queries.ts';
import { getRouting } from '$server/production/routing.queries.ts';
import { saveRoutingForm } from '../../production-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One item's routing: its operations in order and the routing's history. Everyone signed in may look;
// planners (and admins) get the editor, which replaces the routing whole. Orders already created keep
// the operations they were created with.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const routing = await getRouting(rt.db, params.itemId);
	if (!routing) error(404, { message: `no item "${params.itemId}"`, code: 'ERR_NOT_FOUND' });
	return { ...routing, workCenters: await workCenterChoices(rt.db), canEdit: hasAnyRole(user.roles, replaceRouting.roles) };
};

export const actions: Actions = {
	save: async ({ locals, url, request, params }) =>
		saveRoutingForm(requireUser(locals, url, replaceRouting.roles), await request.formData(), params.itemId)
};
