import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { parseListQuery } from '$server/shared/list-query.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { itemPlan, itemSearchQuery, planHeader, searchPlanItems } from '$server/planning/workbench.queries.ts';
import { expediteAction, firmAction, plannerCan, rescheduleAction } from './planner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The workbench: items by code or name (those with exceptions first) and, for the item picked
// (`item`), its time-phased record from the last plan, its planned orders, the existing supply the plan
// uses and its exception messages. `view=daily` fills every day between the record's own. Everyone
// signed in may look; the buttons are those the user's roles allow (the actions check again).
const PAGE_PARAMS = ['item', 'view'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const params = new URLSearchParams([...url.searchParams].filter(([k]) => !PAGE_PARAMS.includes(k)));
	const { query, issues } = parseListQuery(itemSearchQuery, params, { custom: false });
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const header = await planHeader(rt.db);
	const { items, total } = await searchPlanItems(rt.db, query);
	const itemId = url.searchParams.get('item');
	const selected = itemId ? await itemPlan(rt.db, itemId, header) : null;
	if (itemId && !selected) error(404, { message: `no item "${itemId}"`, code: 'ERR_NOT_FOUND' });
	return {
		query,
		header,
		items,
		total,
		selected,
		daily: url.searchParams.get('view') === 'daily',
		today: factoryDate(rt.clock.now(), rt.config.timeZone),
		can: plannerCan(user.roles)
	};
};

export const actions: Actions = {
	firm: async ({ locals, url, request }) => firmAction(locals, url, await request.formData()),
	reschedule: async ({ locals, url, request }) => rescheduleAction(locals, url, await request.formData()),
	expedite: async ({ locals, url, request }) => expediteAction(locals, url, await request.formData())
};
