import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { cancelProductionOrder, completeProductionOrder, releaseProductionOrder, reportProduction, reverseProductionReport, startOperation } from '$server/production/commands.ts';
import { canTransition } from '$server/production/order-state.ts';
import { inScope, shopFloorScope } from '$server/auth/scope.ts';
import { issueStock } from '$server/inventory/commands.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { reasonChoices } from '$server/shared/reason-codes.ts';
import { getOrder } from '$server/production/production-order.queries.ts';
import { servedDemands } from '$server/planning/linkage.queries.ts';
import { cancelForm, completeForm, issueForm, releaseForm, reportForm, reverseReportForm, startForm } from '../../production-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One production order: its header, operations, components and history. Everyone signed in may look;
// the steps are those the user's roles allow (the actions check again): planners and production
// release, production starts, reports and completes, warehouse and production issue components,
// planners cancel an order that the state machine still lets close without completing.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const order = await getOrder(rt.db, params.id, factoryDate(rt.clock.now(), rt.config.timeZone));
	if (!order) error(404, { message: `no production order "${params.id}"`, code: 'ERR_NOT_FOUND' });
	const may = (roles: readonly Role[]) => hasAnyRole(user.roles, roles);
	// A shop-floor user of a workshop starts and reports only at its work centres: no forms elsewhere.
	const workshop = shopFloorScope(user);
	return {
		order,
		serving: await servedDemands(rt.db, 'production_order', params.id),
		atMyWorkshop: order.operations.filter((op) => inScope(workshop, op.workCenterDepartment)).map((op) => op.seq),
		reasons: {
			scrap: await reasonChoices(rt.db, 'scrap', locals.locale),
			wc_stop: await reasonChoices(rt.db, 'wc_stop', locals.locale),
			order_cancel: await reasonChoices(rt.db, 'order_cancel', locals.locale),
			correction: await reasonChoices(rt.db, 'correction', locals.locale),
			over_production: await reasonChoices(rt.db, 'over_production', locals.locale)
		},
		can: {
			release: may(releaseProductionOrder.roles),
			start: may(startOperation.roles),
			report: may(reportProduction.roles),
			complete: may(completeProductionOrder.roles),
			issue: may(issueStock.roles),
			cancel: may(cancelProductionOrder.roles) && canTransition(order.status, 'cancelled'),
			// Reports leave an open order only: a completed order's goods are in stock already.
			correct: may(reverseProductionReport.roles) && (order.status === 'released' || order.status === 'in_progress')
		}
	};
};

export const actions: Actions = {
	release: async ({ locals, url, params }) => releaseForm(requireUser(locals, url, releaseProductionOrder.roles), params.id),
	start: async ({ locals, url, request, params }) => startForm(requireUser(locals, url, startOperation.roles), await request.formData(), params.id),
	report: async ({ locals, url, request, params }) => reportForm(requireUser(locals, url, reportProduction.roles), await request.formData(), params.id),
	issue: async ({ locals, url, request, params }) => issueForm(requireUser(locals, url, issueStock.roles), await request.formData(), params.id),
	complete: async ({ locals, url, params }) => completeForm(requireUser(locals, url, completeProductionOrder.roles), params.id),
	cancel: async ({ locals, url, request, params }) => cancelForm(requireUser(locals, url, cancelProductionOrder.roles), await request.formData(), params.id),
	reverseReport: async ({ locals, url, request, params }) =>
		reverseReportForm(requireUser(locals, url, reverseProductionReport.roles), await request.formData(), params.id)
};
