import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { approveRequisition, placePurchaseOrder, rejectRequisition } from '$server/purchasing/commands.ts';
import { getRequisition } from '$server/purchasing/requisition.queries.ts';
import { stepStates } from '$server/purchasing/requisition-status.ts';
import { servedDemands } from '$server/planning/linkage.queries.ts';
import { roleNames } from '../../role-names.server.ts';
import { decideForm } from '../../purchasing-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One requisition: what is asked for, the rule that decided its approval, each step (who approved,
// when), and its history. Everyone signed in may look; the step's role (or admin) gets the decision,
// buyers get "place an order" once it is approved. The actions check again.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const detail = await getRequisition(rt.db, params.id);
	if (!detail) error(404, { message: `no requisition "${params.id}"`, code: 'ERR_NOT_FOUND' });
	const { pending, status } = detail.requisition;
	return {
		...detail,
		steps: stepStates(detail.requisition, detail.rejection),
		roleNames: roleNames(locals.locale),
		serving: await servedDemands(rt.db, 'requisition', params.id),
		can: {
			decide: pending !== null && hasAnyRole(user.roles, [pending.role as Role]) && hasAnyRole(user.roles, approveRequisition.roles),
			order: status === 'approved' && hasAnyRole(user.roles, placePurchaseOrder.roles)
		}
	};
};

export const actions: Actions = {
	approve: async ({ locals, url, request, params }) =>
		decideForm(requireUser(locals, url, approveRequisition.roles), await request.formData(), params.id, 'approve'),
	reject: async ({ locals, url, request, params }) =>
		decideForm(requireUser(locals, url, rejectRequisition.roles), await request.formData(), params.id, 'reject')
};
