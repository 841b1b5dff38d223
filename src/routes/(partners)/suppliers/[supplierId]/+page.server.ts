import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { customFieldsOf } from '$lib/server/custom-fields';
import { mergeHistories } from '$lib/components/partners/timeline';
import { hasAnyRole } from '$server/auth/roles.ts';
import { saveSupplier } from '$server/masterdata/commands.ts';
import { getPartner } from '$server/masterdata/partner-queries.ts';
import { saveSupplierItem } from '$server/purchasing/commands.ts';
import { listSupplierItems, supplierItemHistory } from '$server/purchasing/queries.ts';
import { savePartnerForm, saveSupplierItemForm } from '../../partner-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One supplier: its fields, the items it offers with its terms, and one history of both. Everyone
// signed in may look; the forms are for the roles that may run their commands.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const detail = await getPartner(rt.db, 'supplier', params.supplierId);
	if (!detail) error(404, { message: `no supplier "${params.supplierId}"`, code: 'ERR_NOT_FOUND' });
	const items = await listSupplierItems(rt.db, params.supplierId);
	const itemHistory = await supplierItemHistory(rt.db, params.supplierId);
	return {
		partner: detail.partner,
		items,
		history: mergeHistories(detail.history, itemHistory),
		customFields: await customFieldsOf(rt.db, 'supplier'),
		canEdit: hasAnyRole(user.roles, saveSupplier.roles),
		canEditItems: hasAnyRole(user.roles, saveSupplierItem.roles)
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request, params }) =>
		savePartnerForm('supplier', requireUser(locals, url, saveSupplier.roles), await request.formData(), params.supplierId),
	item: async ({ locals, url, request, params }) =>
		saveSupplierItemForm(requireUser(locals, url, saveSupplierItem.roles), await request.formData(), params.supplierId)
};
