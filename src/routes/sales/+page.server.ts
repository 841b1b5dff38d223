import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '../../../server/auth/roles.ts';
import { salesScope } from '../../../server/auth/scope.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { listOrders, parseOrderQuery } from './orders.server.ts';
import type { PageServerLoad } from './$types';

// The order list: search, status filter, sort and page all live in the URL, so a view can be shared.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = parseOrderQuery(url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const { orders, total } = await listOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, {
		name: `user:${user.username}`,
		scope: salesScope(user)
	});
	return { query, orders, total, canCreate: hasAnyRole(user.roles, createSalesOrder.roles) };
};
