import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { changeWorkCenterStatus, saveWorkCenter } from '$server/production/commands.ts';
import { reasonChoices } from '$server/shared/reason-codes.ts';
import { getWorkCenter, listWorkCenters, workCenterListQuery, workCentersVersion } from '$server/production/work-center.queries.ts';
import { readListQuery } from '$lib/server/list-url';
import { saveWorkCenterForm, workCenterStatusForm } from '../production-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The work centres: search and status filter in the URL; `?wc=` opens one in the form (planners
// change it there; everyone sees its history). Planners create and change work centres; production
// and planners set their status. The actions check the roles again.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = readListQuery(workCenterListQuery, url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const shown = url.searchParams.get('wc');
	const selected = shown ? await getWorkCenter(rt.db, shown) : null;
	if (shown && !selected) error(404, { message: `no work centre "${shown}"`, code: 'ERR_NOT_FOUND' });
	const may = (roles: readonly Role[]) => hasAnyRole(user.roles, roles);
	return {
		query,
		workCenters: await listWorkCenters(rt.db, query),
		selected,
		reasons: await reasonChoices(rt.db, 'wc_stop', locals.locale),
		version: await workCentersVersion(rt.db),
		can: { save: may(saveWorkCenter.roles), status: may(changeWorkCenterStatus.roles) }
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => saveWorkCenterForm(requireUser(locals, url, saveWorkCenter.roles), await request.formData()),
	status: async ({ locals, url, request }) => workCenterStatusForm(requireUser(locals, url, changeWorkCenterStatus.roles), await request.formData())
};
