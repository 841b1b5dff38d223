import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customListFilters } from '$lib/server/custom-fields';
import { newPoValues } from '$lib/components/purchasing/po-form';
import { hasAnyRole } from '$server/auth/roles.ts';
import { placePurchaseOrder } from '$server/purchasing/commands.ts';
import { listPurchaseOrders, poListQuery } from '$server/purchasing/purchase-order.queries.ts';
import { approvedRequisitions } from '$server/purchasing/requisition.queries.ts';
import { itemChoices, supplierChoices } from '$server/purchasing/lookups.queries.ts';
import { previewNumber } from '$server/numbering/sequences.queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { readListQuery } from '$lib/server/list-url';
import { placeOrderForm } from '../purchasing-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The purchase order list (search, filters — custom fields' too —, sort and page in the URL) and, for
// buyers, the new-order form. Every active custom field of purchase orders is a list column and an
// input of the form. `?from=PR-1,PR-2` (or `from` repeated) starts the form from those requisitions; any that is
// not approved is named, not added.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const { query, issues } = readListQuery(poListQuery, url, { custom: true });
	const custom = await customListFilters(rt.db, 'purchase_order', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) error(400, { message: bad.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const { orders, total } = await listPurchaseOrders(rt.db, query, { now: rt.clock.now(), timeZone: rt.config.timeZone }, custom.filters);
	let newForm = null;
	if (hasAnyRole(user.roles, placePurchaseOrder.roles)) {
		const asked = [...new Set(url.searchParams.getAll('from').flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean)))].slice(0, 200);
		const from = await approvedRequisitions(rt.db, asked);
		const today = factoryDate(rt.clock.now(), rt.config.timeZone);
		newForm = {
			values: newPoValues('', from),
			today,
			nextNumber: await previewNumber(rt.db, 'purchase_order', today),
			skipped: asked.filter((id) => !from.some((r) => r.requisitionId === id)),
			suppliers: await supplierChoices(rt.db),
			items: await itemChoices(rt.db)
		};
	}
	return { query, orders, total, customFields: custom.fields, newForm };
};

export const actions: Actions = {
	place: async ({ locals, url, request }) => placeOrderForm(requireUser(locals, url, placePurchaseOrder.roles), await request.formData())
};
