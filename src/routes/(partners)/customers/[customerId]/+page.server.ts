import { error, fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { hasAnyRole } from '$server/auth/roles.ts';
import { saveCustomer } from '$server/masterdata/commands.ts';
import { getPartner } from '$server/masterdata/partner-queries.ts';
import { listOrders } from '$server/sales/order-list.queries.ts';
import { removeCustomerPriceForm, saveCustomerPriceForm, savePartnerForm } from '../../partner-actions.server.ts';
import { listCustomerPrices } from '$server/sales/customer-prices.queries.ts';
import { saveCustomerPrice } from '$server/sales/customer-price.commands.ts';
import { salesScope } from '$server/auth/scope.ts';
import { createTrackingLink, revokeTrackingLink, trackingLinksOf } from '$server/sales/tracking.ts';
import { execute } from '$server/commands/command.ts';
import { userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** How many open orders the page lists; the sales list has them all. */
const OPEN_SHOWN = 20;

// One customer: its fields, its open sales orders, and its history. Everyone signed in may look;
// sales and managers (and admins) get the form.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const detail = await getPartner(rt.db, 'customer', params.customerId);
	if (!detail) error(404, { message: `no customer "${params.customerId}"`, code: 'ERR_NOT_FOUND' });
	// Sorted by due date, orders with something left to ship come first (a finished order has no due
	// date and sorts last), so the first page holds the open ones.
	const { orders } = await listOrders(
		rt.db,
		{ customer: params.customerId, sort: 'due', dir: 'asc', page: 1, pageSize: OPEN_SHOWN + 1 },
		{ now: rt.clock.now(), timeZone: rt.config.timeZone },
		// A sales user of a department sees that department's orders of the customer only.
		{ name: `user:${user.username}`, scope: salesScope(user) }
	);
	const open = orders.filter((o) => o.earliestDue !== null);
	return {
		...detail,
		openOrders: open.slice(0, OPEN_SHOWN),
		moreOpen: open.length > OPEN_SHOWN,
		customFields: await customFieldsOf(rt.db, 'customer'),
		canEdit: hasAnyRole(user.roles, saveCustomer.roles),
		prices: await listCustomerPrices(rt.db, params.customerId),
		canPrice: hasAnyRole(user.roles, saveCustomerPrice.roles),
		// Share links of the customer's tracking page: sales and managers make and revoke them.
		canShare: hasAnyRole(user.roles, createTrackingLink.roles),
		trackingLinks: hasAnyRole(user.roles, createTrackingLink.roles) ? await trackingLinksOf(rt.db, params.customerId) : []
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request, params }) =>
		savePartnerForm('customer', requireUser(locals, url, saveCustomer.roles), await request.formData(), params.customerId),
	price: async ({ locals, url, request, params }) =>
		saveCustomerPriceForm(requireUser(locals, url, saveCustomerPrice.roles), await request.formData(), params.customerId),
	unprice: async ({ locals, url, request, params }) =>
		removeCustomerPriceForm(requireUser(locals, url, saveCustomerPrice.roles), await request.formData(), params.customerId),
	/** A new tracking link: its URL is shown once, here, and never again. */
	share: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, createTrackingLink.roles);
		const f = await request.formData();
		const rt = await runtime();
		const label = String(f.get('label') ?? '').trim();
		const out = await attempt(() =>
			execute(rt, createTrackingLink, { customerId: params.customerId, locale: f.get('locale') || undefined, ...(label ? { label } : {}) }, userActor(user))
		);
		if ('issues' in out) return fail(out.status, { share: { issues: out.issues } });
		return { share: { url: new URL(out.result.path, url.origin).toString(), linkId: out.result.linkId } };
	},
	unshare: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, revokeTrackingLink.roles);
		const f = await request.formData();
		const rt = await runtime();
		const out = await attempt(() => execute(rt, revokeTrackingLink, { linkId: String(f.get('linkId') ?? '') }, userActor(user)));
		if ('issues' in out) return fail(out.status, { share: { issues: out.issues } });
		return { unshared: out.result.linkId };
	}
};
