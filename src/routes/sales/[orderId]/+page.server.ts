import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { cancelSalesOrder, changeSalesOrder, promiseSalesOrder, reverseShipment, shipSalesOrderLine } from '$server/sales/commands.ts';
import { getSalesOrder } from '$server/sales/queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { salesScope } from '$server/auth/scope.ts';
import { customerName, itemNames } from '$server/sales/lookups.queries.ts';
import { reasonChoices } from '$server/shared/reason-codes.ts';
import { causeMessage, type CauseParams } from '$server/planning/risk-messages.ts';
import { cancelForm, changeForm, promiseForm, reverseShipmentForm, shipForm } from '../order-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One order: its lines with their derived status, and its history. Everyone signed in may look; the
// forms are those the user's roles allow (the actions check again).
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	const order = await getSalesOrder(rt.db, params.orderId, today, salesScope(user));
	if (!order) error(404, { message: `no sales order "${params.orderId}"`, code: 'ERR_NOT_FOUND' });
	// Line ids are codes; "2" comes before "10" for people.
	order.lines.sort((a, b) => a.lineId.localeCompare(b.lineId, 'en', { numeric: true }));
	// Risk causes are stored in English with their parameters; say them in the reader's language.
	const lang = locals.locale === 'en' ? 'en' : 'zh-CN';
	for (const line of order.lines) {
		if (!line.risk) continue;
		line.risk.causes = line.risk.causes.map((c) => (c.params ? { ...c, message: causeMessage(c.code, c.params as unknown as CauseParams, lang, c.ref?.kind) } : c));
	}
	const items = await itemNames(rt.db, order.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])));
	const may = (roles: readonly Role[]) => hasAnyRole(user.roles, roles);
	return {
		order,
		today,
		orderedOn: factoryDate(new Date(order.orderedAt), rt.config.timeZone),
		customerName: await customerName(rt.db, order.customerId),
		customFields: await customFieldsOf(rt.db, 'sales_order'),
		items,
		reasons: {
			order_change: await reasonChoices(rt.db, 'order_change', locals.locale),
			order_cancel: await reasonChoices(rt.db, 'order_cancel', locals.locale),
			correction: await reasonChoices(rt.db, 'correction', locals.locale)
		},
		can: {
			change: may(changeSalesOrder.roles),
			cancel: may(cancelSalesOrder.roles),
			promise: may(promiseSalesOrder.roles),
			ship: may(shipSalesOrderLine.roles),
			correct: may(reverseShipment.roles)
		}
	};
};

export const actions: Actions = {
	ship: async ({ locals, url, request, params }) =>
		shipForm(requireUser(locals, url, shipSalesOrderLine.roles), await request.formData(), params.orderId),
	promise: async ({ locals, url, request, params }) =>
		promiseForm(requireUser(locals, url, promiseSalesOrder.roles), await request.formData(), params.orderId),
	change: async ({ locals, url, request, params }) =>
		changeForm(requireUser(locals, url, changeSalesOrder.roles), await request.formData(), params.orderId),
	cancel: async ({ locals, url, request, params }) =>
		cancelForm(requireUser(locals, url, cancelSalesOrder.roles), await request.formData(), params.orderId),
	reverseShipment: async ({ locals, url, request, params }) =>
		reverseShipmentForm(requireUser(locals, url, reverseShipment.roles), await request.formData(), params.orderId)
};
