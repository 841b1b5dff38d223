import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { mergeHistories } from '$lib/components/partners/timeline';
import { getPartner } from '$server/masterdata/partner-queries.ts';
import { listSupplierItems, supplierItemHistory } from '$server/purchasing/queries.ts';
import type { RequestHandler } from './$types';

// One supplier with the items it offers (its terms) and its history, the record's and its terms'
// together (newest first).
export const GET: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const detail = await getPartner(rt.db, 'supplier', params.supplierId);
	if (!detail) throw new AppError('ERR_NOT_FOUND', `no supplier "${params.supplierId}"`);
	const items = await listSupplierItems(rt.db, params.supplierId);
	const itemHistory = await supplierItemHistory(rt.db, params.supplierId);
	return json({ supplier: detail.partner, items, history: mergeHistories(detail.history, itemHistory) });
}, runtime);
