import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customListFilters } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { salesScope } from '$server/auth/scope.ts';
import { createSalesOrder } from '$server/sales/commands.ts';
import { listOrders, parseOrderQuery } from '$server/sales/order-list.queries.ts';
import type { PageServerLoad } from './$types';

// The order list: search, status and custom-field filters, sort and page all live in the URL, so a
// view can be shared. Every active custom field of sales orders is a column (the admin keeps them few).
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const { query, issues } = parseOrderQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'sales_order', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) error(400, { message: bad.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const reader = { name: `user:${user.username}`, scope: salesScope(user) };
	const { orders, total } = await listOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, reader, custom.filters);
	return { query, orders, total, customFields: custom.fields, canCreate: hasAnyRole(user.roles, createSalesOrder.roles) };
};
