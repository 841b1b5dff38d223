import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { createRequisition, placePurchaseOrder } from '$server/purchasing/commands.ts';
import { countAwaiting, listRequisitions, requisitionListQuery } from '$server/purchasing/requisition.queries.ts';
import { itemChoices, supplierChoices } from '$server/purchasing/lookups.queries.ts';
import { previewNumber } from '$server/numbering/sequences.queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { readListQuery } from '$lib/server/list-url';
import { roleNames } from '../role-names.server.ts';
import { createRequisitionForm } from '../purchasing-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The requisition list: search, status filter, sort and page live in the URL, so a view can be
// shared. Without a status in the URL, a user whose roles some pending step waits for sees those
// first ("awaiting me": the buyer's and approver's work list); everyone else sees all.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const { query, issues } = readListQuery(requisitionListQuery, url);
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const awaiting = await countAwaiting(rt.db, user.roles);
	const status = query.status ?? (awaiting ? 'awaiting' : 'all');
	const { requisitions, total } = await listRequisitions(rt.db, { ...query, status }, user.roles);
	const canCreate = hasAnyRole(user.roles, createRequisition.roles);
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	return {
		query: { ...query, status },
		requisitions,
		total,
		awaiting,
		roleNames: roleNames(locals.locale),
		canOrder: hasAnyRole(user.roles, placePurchaseOrder.roles),
		newForm: canCreate
			? { suppliers: await supplierChoices(rt.db), items: await itemChoices(rt.db), today, nextNumber: await previewNumber(rt.db, 'requisition', today) }
			: null
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => createRequisitionForm(requireUser(locals, url, createRequisition.roles), await request.formData())
};
