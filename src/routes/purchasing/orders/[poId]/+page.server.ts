import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { confirmPurchaseOrder, delayPurchaseOrder, receiveGoods, recordInspection, reverseInspection, reverseReceipt } from '$server/purchasing/commands.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { reasonChoices } from '$server/shared/reason-codes.ts';
import { getPurchaseOrder } from '$server/purchasing/purchase-order.queries.ts';
import { roleNames } from '../../role-names.server.ts';
import { confirmForm, delayForm, inspectForm, receiveForm, reverseInspectionForm, reverseReceiptForm } from '../../purchasing-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One purchase order: its lines with dates and quantities, and its history. Everyone signed in may
// look; each line gets the forms the user's roles allow — buyers confirm and delay, the warehouse
// receives, quality inspects. The actions check again.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	const order = await getPurchaseOrder(rt.db, params.poId, today);
	if (!order) error(404, { message: `no purchase order "${params.poId}"`, code: 'ERR_NOT_FOUND' });
	const may = (roles: readonly Role[]) => hasAnyRole(user.roles, roles);
	return {
		order,
		customFields: await customFieldsOf(rt.db, 'purchase_order'),
		placedOn: factoryDate(new Date(order.placedAt), rt.config.timeZone),
		reasons: {
			po_delay: await reasonChoices(rt.db, 'po_delay', locals.locale),
			scrap: await reasonChoices(rt.db, 'scrap', locals.locale),
			correction: await reasonChoices(rt.db, 'correction', locals.locale)
		},
		roleNames: roleNames(locals.locale),
		can: {
			confirm: may(confirmPurchaseOrder.roles),
			delay: may(delayPurchaseOrder.roles),
			receive: may(receiveGoods.roles),
			inspect: may(recordInspection.roles),
			correctReceipt: may(reverseReceipt.roles),
			correctInspection: may(reverseInspection.roles)
		}
	};
};

export const actions: Actions = {
	confirm: async ({ locals, url, request, params }) =>
		confirmForm(requireUser(locals, url, confirmPurchaseOrder.roles), await request.formData(), params.poId),
	delay: async ({ locals, url, request, params }) => delayForm(requireUser(locals, url, delayPurchaseOrder.roles), await request.formData(), params.poId),
	receive: async ({ locals, url, request, params }) => receiveForm(requireUser(locals, url, receiveGoods.roles), await request.formData(), params.poId),
	inspect: async ({ locals, url, request, params }) =>
		inspectForm(requireUser(locals, url, recordInspection.roles), await request.formData(), params.poId),
	reverseReceipt: async ({ locals, url, request, params }) =>
		reverseReceiptForm(requireUser(locals, url, reverseReceipt.roles), await request.formData(), params.poId),
	reverseInspection: async ({ locals, url, request, params }) =>
		reverseInspectionForm(requireUser(locals, url, reverseInspection.roles), await request.formData(), params.poId)
};
