// Routings as pages and later scheduling read them: the items that have one (search, pages), and one
// item's routing with its history. Reads the projections and the event log, never writes.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { containing } from '../shared/like-pattern.ts';
import { recordHistory } from './record-history.queries.ts';

export const routingListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type RoutingListQuery = z.infer<typeof routingListQuery>;

/** One operation of a routing, as `routing.replaced` carries it. */
export interface Operation {
	seq: number;
	workCenterId: string;
	setupMinutes: number;
	runMinutesPerUnit: number;
	description?: string;
}

export interface RoutingSummary {
	itemId: string;
	itemName: string | null;
	operations: { seq: number; workCenterId: string }[];
	/** Minutes of setup in all, and of run per unit in all. */
	setupMinutes: number;
	runMinutesPerUnit: number;
	updatedAt: string;
}

interface Row {
	itemId: string;
	itemName: string | null;
	operations: Operation[];
	updatedAt: Date | string;
}

export async function listRoutings(q: Queryable, query: RoutingListQuery): Promise<{ routings: RoutingSummary[]; total: number }> {
	const params: unknown[] = [];
	let where = '';
	if (query.q) {
		params.push(containing(query.q));
		where = 'where (r.item_id ilike $1 or i.name ilike $1)';
	}
	const from = 'from routings r left join items i on i.item_id = r.item_id';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n ${from} ${where}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const r = await q.query<Row>(
		`select r.item_id as "itemId", i.name as "itemName", r.operations, r.version_at as "updatedAt" ${from} ${where}
		order by r.item_id limit $${params.length - 1} offset $${params.length}`,
		params
	);
	const routings = r.rows.map((row) => {
		const ops = [...row.operations].sort((a, b) => a.seq - b.seq);
		return {
			itemId: row.itemId,
			itemName: row.itemName,
			operations: ops.map((o) => ({ seq: o.seq, workCenterId: o.workCenterId })),
			setupMinutes: ops.reduce((s, o) => s + o.setupMinutes, 0),
			runMinutesPerUnit: ops.reduce((s, o) => s + o.runMinutesPerUnit, 0),
			updatedAt: new Date(row.updatedAt).toISOString()
		};
	});
	return { routings, total };
}

export interface RoutingDetail {
	item: { itemId: string; name: string; uom: string; makeOrBuy: string };
	/** In the order they run; empty when the item has no routing (yet). */
	operations: Operation[];
	history: StoredEvent[];
}

/** The item and its routing; null when there is no such item. */
export async function getRouting(q: Queryable, itemId: string): Promise<RoutingDetail | null> {
	const item = (
		await q.query<RoutingDetail['item']>('select item_id as "itemId", name, uom, make_or_buy as "makeOrBuy" from items where item_id = $1', [itemId])
	).rows[0];
	if (!item) return null;
	const r = (await q.query<{ operations: Operation[] }>('select operations from routings where item_id = $1', [itemId])).rows[0];
	return {
		item,
		operations: [...(r?.operations ?? [])].sort((a, b) => a.seq - b.seq),
		history: await recordHistory(q, 'routing', itemId)
	};
}
