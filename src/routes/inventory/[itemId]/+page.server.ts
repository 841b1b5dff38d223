import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { zodIssues } from '$server/commands/command.ts';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { adjustStock, issueStock, transferStock } from '$server/inventory/commands.ts';
import { itemStock, movementPageQuery, stockLocations, stockMovements } from '$server/inventory/queries.ts';
import { openOrderChoices } from '$server/inventory/lookups.queries.ts';
import { reasonChoices } from '$server/shared/reason-codes.ts';
import { adjustForm, issueForm, transferForm } from '../inventory-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One item's stock: per location, availability, and its movements (paged by `page`). Everyone signed
// in may look; the forms are those the user's roles allow (the actions check again): warehouse
// adjusts and transfers, warehouse and production issue to production orders.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const parsed = movementPageQuery.safeParse({ page: url.searchParams.get('page') || undefined });
	if (!parsed.success) error(400, { message: zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const stock = await itemStock(rt.db, params.itemId);
	if (!stock) error(404, { message: `no item "${params.itemId}"`, code: 'ERR_NOT_FOUND' });
	const may = (roles: readonly Role[]) => hasAnyRole(user.roles, roles);
	const can = { adjust: may(adjustStock.roles), transfer: may(transferStock.roles), issue: may(issueStock.roles) };
	const { movements, total } = await stockMovements(rt.db, params.itemId, parsed.data);
	return {
		...stock,
		movements,
		movementPage: { page: parsed.data.page, pageSize: parsed.data.pageSize, total },
		reasons: await reasonChoices(rt.db, 'stock_adjust', locals.locale),
		knownLocations: await stockLocations(rt.db),
		orders: can.issue ? await openOrderChoices(rt.db, params.itemId) : [],
		can
	};
};

export const actions: Actions = {
	adjust: async ({ locals, url, request, params }) => adjustForm(requireUser(locals, url, adjustStock.roles), await request.formData(), params.itemId),
	transfer: async ({ locals, url, request, params }) => transferForm(requireUser(locals, url, transferStock.roles), await request.formData(), params.itemId),
	issue: async ({ locals, url, request, params }) => issueForm(requireUser(locals, url, issueStock.roles), await request.formData(), params.itemId)
};
