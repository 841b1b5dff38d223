// Loads what promising needs (promise.ts) for one request: the item and everything below it in the
// BOM, their preferred suppliers, routings, the work centres those use and the minutes open production
// orders still need there, and the free supply — the last plan's pegs to `stock` (quantities no
// demand takes), or, before any plan has run, usable stock less open sales demand and safety stock.
// Reads only; answers the request or a 400 naming the field.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { zodIssues, type Issue } from '../commands/command.ts';
import { code, isoDate, qty } from '../events/primitives.ts';
import { factoryDate } from '../shared/factory-date.ts';
import type { BookedLoad, ShiftCalendar } from './capacity.ts';
import { inLanguage, preferredSupplier, promise, type CapacityMemo, type FreeSupply, type Lang, type PromiseAnswer, type PromiseInput, type PromiseRequest, type RoutingStep, type SupplyKind } from './promise.ts';
import type { BomLine } from './types.ts';

export const promiseRequestSchema = z.strictObject({ itemId: code, qty, requestedDate: isoDate.optional() });

/**
 * Answers POST /api/planning/promise: the request checked (400 with the field's path), loaded and
 * promised, its reasons said in `lang`.
 */
export async function answerPromise(q: Queryable, raw: unknown, now: Date, timeZone: string, lang: Lang = 'en'): Promise<PromiseAnswer> {
	const parsed = promiseRequestSchema.safeParse(raw);
	if (!parsed.success) throw new AppError('ERR_VALIDATION', 'invalid promise request', { issues: zodIssues(parsed.error, 0, raw) });
	return (await answerPromises(q, [parsed.data], now, timeZone, lang))[0];
}

/**
 * Answers several checked requests from one read of what they need (loadPromiseInputs), each as
 * answerPromise would alone; an unknown item is refused as there, naming its request's index.
 */
export async function answerPromises(q: Queryable, requests: readonly PromiseRequest[], now: Date, timeZone: string, lang: Lang = 'en'): Promise<PromiseAnswer[]> {
	const today = factoryDate(now, timeZone);
	const inputs = await loadPromiseInputs(q, requests, today);
	// One read: the work centres' minutes are the same for every request.
	const memo: CapacityMemo = new Map();
	return inputs.map((input, index) => {
		if (!input) {
			const { itemId } = requests[index];
			const issue: Issue = { index, path: 'itemId', message: `no item "${itemId}"`, code: 'ERR_UNKNOWN_ITEM', params: { itemId } };
			throw new AppError('ERR_VALIDATION', `no item "${itemId}"`, { issues: [issue] });
		}
		return inLanguage(promise(input, memo), lang, today);
	});
}

interface ItemRow {
	itemId: string;
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	safetyStock: number | null;
}

/** Everything promise() reads for the request, or null when the item is unknown. */
export async function loadPromiseInput(q: Queryable, request: PromiseRequest, today: string): Promise<PromiseInput | null> {
	return (await loadPromiseInputs(q, [request], today))[0];
}

/**
 * What promise() reads for each of several requests (null where the item is unknown), read once for
 * all of them: the same statements as for one request, over every request's items, each input then
 * cut to its own item's tree, exactly as loadPromiseInput would read it alone. A desk promising an
 * order of many lines asks once.
 */
export async function loadPromiseInputs(q: Queryable, requests: readonly PromiseRequest[], today: string): Promise<(PromiseInput | null)[]> {
	if (!requests.length) return [];
	const roots = [...new Set(requests.map((r) => r.itemId))];
	// Each root item and every item below it; `union` drops repeats, so a shared component is read once per root.
	const tree = await q.query<ItemRow & { root: string }>(
		`with recursive tree(root, item_id) as (
			select r, r from unnest($1::text[]) r
			union
			select t.root, l.child_item_id from bom_lines l join tree t on l.parent_item_id = t.item_id
		)
		select t.root, i.item_id as "itemId", i.make_or_buy as "makeOrBuy", i.lead_time_days::float8 as "leadTimeDays", i.safety_stock::float8 as "safetyStock"
		from tree t join items i on i.item_id = t.item_id`,
		[roots]
	);
	const trees = new Map<string, ItemRow[]>();
	for (const { root, ...item } of tree.rows) {
		const rows = trees.get(root);
		if (rows) rows.push(item);
		else trees.set(root, [item]);
	}
	const known = roots.filter((r) => trees.get(r)?.some((i) => i.itemId === r));
	if (!known.length) return requests.map(() => null);
	const all = [...new Set(known.flatMap((r) => trees.get(r)!.map((i) => i.itemId)))];

	const bom = await q.query<BomLine>(
		`select parent_item_id as parent, child_item_id as child, qty_per::float8 as qty, scrap_pct::float8 as "scrapPct"
		from bom_lines where parent_item_id = any($1::text[]) order by parent_item_id, line_no`,
		[all]
	);
	const offers = await q.query<{ itemId: string; supplierId: string; price: number; leadTimeDays: number }>(
		`select item_id as "itemId", supplier_id as "supplierId", price::float8 as price, lead_time_days::float8 as "leadTimeDays"
		from supplier_items where item_id = any($1::text[])`,
		[all]
	);
	const routings = await q.query<{ itemId: string; operations: RoutingStep[] }>(
		`select item_id as "itemId", operations from routings where item_id = any($1::text[])`,
		[all]
	);
	const plan = await q.query<{ generatedAt: Date | string }>('select generated_at as "generatedAt" from plan_state');
	const allWcIds = [...new Set(routings.rows.flatMap((r) => r.operations.map((o) => o.workCenterId)))];
	const allWorkCenters = await loadWorkCenters(q, allWcIds);
	const allBooked = await bookedLoad(q, allWcIds);
	const stateRow = plan.rows[0];
	const allFree = stateRow ? await planFree(q, all, today) : await stockFree(q, [...new Map(tree.rows.map((i) => [i.itemId, i])).values()], today);

	const inputs = new Map<string, Omit<PromiseInput, 'request'>>();
	for (const root of known) {
		const rows = trees.get(root)!;
		const ids = new Set(rows.map((i) => i.itemId));
		const items = rows.map((i) => {
			const supplier = i.makeOrBuy === 'buy' ? preferredSupplier(offers.rows.filter((o) => o.itemId === i.itemId)) : undefined;
			return {
				itemId: i.itemId,
				makeOrBuy: i.makeOrBuy,
				leadTimeDays: i.leadTimeDays,
				...(supplier ? { supplier: { supplierId: supplier.supplierId, leadTimeDays: supplier.leadTimeDays } } : {})
			};
		});
		const own = routings.rows.filter((r) => ids.has(r.itemId));
		const wcIds = new Set(own.flatMap((r) => r.operations.map((o) => o.workCenterId)));
		inputs.set(root, {
			today,
			plan: stateRow ? { generatedAt: new Date(stateRow.generatedAt).toISOString() } : null,
			items,
			bom: bom.rows.filter((l) => ids.has(l.parent)),
			free: allFree.filter((f) => ids.has(f.itemId)),
			routings: own,
			workCenters: allWorkCenters.filter((w) => wcIds.has(w.workCenterId)),
			booked: allBooked.filter((b) => wcIds.has(b.workCenterId))
		});
	}
	return requests.map((request) => {
		const input = inputs.get(request.itemId);
		return input ? { ...input, request } : null;
	});
}

export async function loadWorkCenters(q: Queryable, ids: string[]) {
	if (!ids.length) return [];
	const r = await q.query<{ workCenterId: string; calendar: ShiftCalendar; status: string }>(
		`select work_center_id as "workCenterId", calendar, status from work_centers where work_center_id = any($1::text[])`,
		[ids]
	);
	return r.rows;
}

/**
 * Minutes open production orders (created, released, in progress) still need at these work centres:
 * per operation not done, its run minutes for the units it has not yet processed, plus its setup when
 * it has not started; with each order's due date.
 */
export async function bookedLoad(q: Queryable, ids: string[]): Promise<BookedLoad[]> {
	if (!ids.length) return [];
	// One JSON document: every promise asks this, and on the embedded database a value per column and
	// row costs more than the grouping.
	const r = await q.query<{ load: [string, string, number][] | null }>(
		`select json_agg(json_build_array(wc, due, minutes)) as load
		from (select p.work_center_id as wc, o.due_date as due,
				sum(case when p.status = 'waiting' then p.setup_minutes else 0 end
					+ p.run_minutes_per_unit * greatest(o.qty - p.good_qty - p.scrap_qty, 0)) as minutes
			from production_operations p join production_orders o on o.production_order_id = p.production_order_id
			where o.status in ('created', 'released', 'in_progress') and p.status <> 'done' and p.work_center_id = any($1::text[])
			group by p.work_center_id, o.production_order_id, o.due_date) x`,
		[ids]
	);
	return (r.rows[0]?.load ?? []).map(([workCenterId, dueDate, minutes]) => ({ workCenterId, dueDate, minutes })).filter((b) => b.minutes > 0);
}

// The plan's supply kinds (plan_pegs.supply_kind, server/planning/store.ts) as promise.ts names them;
// on-hand stock is pegged as `stock` with the item as its id, no document.
const SUPPLY_KINDS: Record<string, SupplyKind> = {
	stock: 'stock',
	planned_order: 'planned_order',
	purchase_order: 'purchase_order',
	production_order: 'production_order',
	requisition: 'requisition',
	inspection: 'inspection'
};

/** The last plan's free quantities: supply pegged to `stock`, free from its need date. */
async function planFree(q: Queryable, ids: string[], today: string): Promise<FreeSupply[]> {
	const r = await q.query<{ itemId: string; kind: string; id: string; lineId: string; qty: number; date: string | null }>(
		`select item_id as "itemId", supply_kind as kind, supply_id as id, supply_line_id as "lineId", qty::float8 as qty,
			to_char(need_date, 'YYYY-MM-DD') as date
		from plan_pegs where demand_kind = 'stock' and item_id = any($1::text[]) and qty > 0
		order by item_id, need_date, supply_kind, supply_id, supply_line_id, seq`,
		[ids]
	);
	return r.rows.map((p) => {
		const supply = SUPPLY_KINDS[p.kind] ?? 'planned_order';
		const ref = supply === 'stock' || !p.id ? undefined : { kind: supply, id: p.id, ...(p.lineId ? { lineId: p.lineId } : {}) };
		return { itemId: p.itemId, qty: p.qty, date: p.date ?? today, supply, ...(ref ? { ref } : {}) };
	});
}

/** Before any plan: usable stock (not in QC or REJECTED) less open sales order quantities and safety stock. */
async function stockFree(q: Queryable, items: readonly ItemRow[], today: string): Promise<FreeSupply[]> {
	const ids = items.map((i) => i.itemId);
	const r = await q.query<{ itemId: string; usable: number; allocated: number }>(
		`select i.item_id as "itemId",
			coalesce((select sum(on_hand) from stock s where s.item_id = i.item_id and s.location_id not in ('QC', 'REJECTED')), 0)::float8 as usable,
			coalesce((select sum(l.qty - l.shipped_qty) from sales_order_lines l
				where l.item_id = i.item_id and l.cancelled_at is null and l.shipped_qty < l.qty), 0)::float8 as allocated
		from items i where i.item_id = any($1::text[])`,
		[ids]
	);
	const safety = new Map(items.map((i) => [i.itemId, i.safetyStock ?? 0]));
	return r.rows
		.map((s) => ({ itemId: s.itemId, qty: s.usable - s.allocated - (safety.get(s.itemId) ?? 0), date: today, supply: 'stock' as const }))
		.filter((s) => s.qty > 0);
}
