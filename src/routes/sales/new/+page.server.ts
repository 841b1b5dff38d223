import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { createSalesOrder } from '$server/sales/commands.ts';
import { customerChoices, itemChoices } from '$server/sales/lookups.queries.ts';
import { createOrderForm } from '../order-actions.server.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { previewNumber } from '$server/numbering/sequences.queries.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, createSalesOrder.roles);
	const rt = await runtime();
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	return {
		customers: await customerChoices(rt.db),
		items: await itemChoices(rt.db),
		customFields: await customFieldsOf(rt.db, 'sales_order'),
		today,
		nextNumber: await previewNumber(rt.db, 'sales_order', today)
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => createOrderForm(requireUser(locals, url, createSalesOrder.roles), await request.formData())
};
