import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { parseListQuery } from '$server/shared/list-query.ts';
import { customerLines, peggingDown, peggingUp, planHeader } from '$server/planning/workbench.queries.ts';
import type { PageServerLoad } from './$types';

// The pegging tree of one demand or supply, named in the URL (`kind`, `id`, `line`): down from a sales
// order line through every level of supply; up from a purchase order line, requisition, production or
// planned order to the customer orders it serves (and, for an order that is made, down to the
// supplies of its components too). Without parameters the page shows only its form.
const PEG_KINDS = ['sales_order_line', 'purchase_order', 'requisition', 'production_order', 'planned_order', 'inspection', 'stock'] as const;

const pegQuery = z.strictObject({
	kind: z.enum(PEG_KINDS).default('sales_order_line'),
	id: z.string().trim().max(200).optional(),
	line: z.string().trim().max(100).optional()
});

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const { query, issues } = parseListQuery(pegQuery, url.searchParams, { custom: false });
	if (!query) error(400, { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const header = await planHeader(rt.db);
	if (!query.id) return { query, header, down: null, up: null, customers: [] };
	const root = { kind: query.kind, id: query.id, lineId: query.line ?? '' };
	if (query.kind === 'sales_order_line') return { query, header, down: await peggingDown(rt.db, root), up: null, customers: [] };
	const up = await peggingUp(rt.db, root);
	const down = query.kind === 'production_order' || query.kind === 'planned_order' ? await peggingDown(rt.db, root) : null;
	return { query, header, up, down, customers: customerLines(up) };
};
