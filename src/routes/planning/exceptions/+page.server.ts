import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { parseListQuery } from '$server/shared/list-query.ts';
import { exceptionQuery, listExceptions, planHeader } from '$server/planning/workbench.queries.ts';
import { expediteAction, firmAction, plannerCan, rescheduleAction } from '../planner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The plan's exception messages, most urgent first, filtered by kind and searched by item or order,
// each with its one-click answer where the user's roles allow it (the actions check again).
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = parseListQuery(exceptionQuery, url.searchParams, { custom: false });
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { exceptions, total } = await listExceptions(rt.db, query);
	return { query, header: await planHeader(rt.db), exceptions, total, can: plannerCan(user.roles) };
};

export const actions: Actions = {
	firm: async ({ locals, url, request }) => firmAction(locals, url, await request.formData()),
	reschedule: async ({ locals, url, request }) => rescheduleAction(locals, url, await request.formData()),
	expedite: async ({ locals, url, request }) => expediteAction(locals, url, await request.formData())
};
