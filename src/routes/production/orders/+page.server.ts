import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { createProductionOrder } from '$server/production/commands.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { madeItemChoices, openSalesOrderChoices } from '$server/production/lookups.queries.ts';
import { previewNumber } from '$server/numbering/sequences.queries.ts';
import { listOrders, orderListQuery } from '$server/production/production-order.queries.ts';
import { readListQuery } from '$lib/server/list-url';
import { createOrderForm } from '../production-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The production orders: search, status filter, sort and page all live in the URL, so a view can be
// shared. Planners get the form for a new order above the list (the action checks the role again).
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = readListQuery(orderListQuery, url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	const { orders, total } = await listOrders(rt.db, query, today);
	const canCreate = hasAnyRole(user.roles, createProductionOrder.roles);
	return {
		query,
		orders,
		total,
		canCreate,
		items: canCreate ? await madeItemChoices(rt.db) : [],
		salesOrders: canCreate ? await openSalesOrderChoices(rt.db) : [],
		today,
		nextNumber: canCreate ? await previewNumber(rt.db, 'production_order', today) : null
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => createOrderForm(requireUser(locals, url, createProductionOrder.roles), await request.formData())
};
