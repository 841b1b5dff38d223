// Loads the planning engine's input (types.ts: PlanInput) from the projections: items with their
// planning parameters, bills of material, demands and existing supply, dated in day buckets of the
// factory's calendar (calendar.ts). Reads only; the engine (mrp.ts) never sees the database.
//
// Decisions, so the plan reads as planners expect:
// - A bought item's lead time, minimum and multiple come from its preferred supplier: the cheapest
//   supplier_items row, ties by lead time, then supplier id; the item's own lead time otherwise. The
//   supplier's MOQ raises the item's lot-sizing minimum, its order multiple replaces the item's.
// - Bills of material of bought items are not exploded: their components are the supplier's concern.
// - Dates before today give negative buckets: the engine counts them today, and calls a receipt
//   that should have arrived past due. Anything dated past the horizon is left out.
// - Usable stock is every location but QC and REJECTED. Goods waiting in QC arrive the day after their
//   last receipt (INSPECTION_DAYS: past due when that day has passed); rejected goods never.
// - Demand: open sales order lines (ordered less shipped, not cancelled) at their promised, else
//   requested date, and what open production orders still need of their components, dated at the
//   order's start (due date less the item's lead time). Further sources (a forecast) plug in as
//   DemandProvider's.
// - Supply: open purchase order lines (ordered less received) at their expected date (as confirmed or
//   delayed last), open production orders (ordered less good) at their due date, and approved
//   requisitions not yet ordered at their needed-by date.
import { componentQty } from '../shared/bom-quantity.ts';
import type { Queryable } from '../db/db.ts';
import { CONTROLLED_LOCATIONS } from '../inventory/schemas.ts';
import { ORDER_TRANSITIONS } from '../production/order-state.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { bucketOf, wholeDays, type PlanCalendar } from './calendar.ts';
import { shiftMinutes, type ShiftCalendar } from './capacity.ts';
import { addDays } from '../shared/factory-date.ts';
import type { BomLine, Demand, LotSizing, PlanInput, PlanItem, Receipt } from './types.ts';

/** Days between receiving goods and their inspection releasing them to usable stock. */
export const INSPECTION_DAYS = 1;

/** Production orders still to be worked on (not completed, not cancelled). */
export const OPEN_PRODUCTION_STATUSES = Object.entries(ORDER_TRANSITIONS)
	.filter(([, next]) => next.length > 0)
	.map(([status]) => status);

export interface LoadContext {
	q: Queryable;
	calendar: PlanCalendar;
	timeZone: string;
}

/** What a demand provider may use: the items and BOM already loaded. */
export interface DemandContext extends LoadContext {
	items: ReadonlyMap<string, PlanItem>;
	bom: readonly BomLine[];
}

/** One source of demand (sales orders, production order allocations, later a forecast). */
export interface DemandProvider {
	name: string;
	/** Demands within the horizon (bucket 0 … buckets-1), for known items only. */
	load(ctx: DemandContext): Promise<Demand[]>;
}

/** A date's bucket (negative before today: the engine counts it today, and a receipt is past due); null past the horizon. */
function bucketIn(cal: PlanCalendar, date: string): number | null {
	const b = bucketOf(cal, date);
	return b < cal.buckets ? b : null;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

interface ItemRow {
	id: string;
	kind: 'make' | 'buy';
	lead: number;
	safety: number;
	lot: LotSizing | null;
	supplier_lead: number | null;
	moq: number | null;
	multiple: number | null;
	on_hand: number;
}

function lotSizingOf(r: ItemRow): LotSizing {
	const lot: LotSizing = { ...(r.lot ?? { rule: 'LFL' }) };
	if (r.kind === 'buy') {
		if (r.moq !== null) lot.min = Math.max(lot.min ?? 0, r.moq);
		if (r.multiple !== null) lot.multiple = r.multiple;
	}
	for (const k of Object.keys(lot) as (keyof LotSizing)[]) if (lot[k] === undefined || lot[k] === null) delete lot[k];
	return lot;
}

export async function loadItems(q: Queryable): Promise<PlanItem[]> {
	const r = await q.query<ItemRow>(
		`select i.item_id as id, i.make_or_buy as kind, i.lead_time_days::float8 as lead, coalesce(i.safety_stock, 0)::float8 as safety,
			i.lot_sizing as lot, s.lead_time_days::float8 as supplier_lead, s.moq::float8 as moq, s.order_multiple::float8 as multiple,
			coalesce(st.on_hand, 0)::float8 as on_hand
		from items i
		left join lateral (
			select si.lead_time_days, si.moq, si.order_multiple from supplier_items si
			where si.item_id = i.item_id order by si.price, si.lead_time_days, si.supplier_id limit 1
		) s on i.make_or_buy = 'buy'
		left join (select item_id, sum(on_hand) as on_hand from stock where location_id <> all($1::text[]) group by item_id) st on st.item_id = i.item_id`,
		[CONTROLLED_LOCATIONS]
	);
	const processing = await loadProcessing(q);
	return r.rows
		.map((row) => {
			const p = row.kind === 'make' ? processing.get(row.id) : undefined;
			return {
				id: row.id,
				kind: row.kind,
				leadTime: wholeDays(row.kind === 'buy' && row.supplier_lead !== null ? row.supplier_lead : row.lead),
				onHand: row.on_hand,
				safetyStock: row.safety,
				lotSizing: lotSizingOf(row),
				...(p ? { processing: p } : {})
			};
		})
		.sort((a, b) => cmp(a.id, b.id));
}

/**
 * Each routed item's processing time (PlanItem.processing): every operation's setup and run minutes
 * in days of its work centre's shifts (a day's shift minutes). Left out for a routing with a work
 * centre that has no shift minutes: its time cannot be said.
 */
export async function loadProcessing(q: Queryable): Promise<Map<string, { setupDays: number; runDaysPerUnit: number }>> {
	const r = await q.query<{ item: string; operations: { workCenterId: string; setupMinutes?: number; runMinutesPerUnit?: number }[]; calendars: Record<string, ShiftCalendar> | null }>(
		`select r.item_id as item, r.operations,
			(select jsonb_object_agg(w.work_center_id, w.calendar) from work_centers w
				where w.work_center_id in (select o->>'workCenterId' from jsonb_array_elements(r.operations) o)) as calendars
		from routings r`
	);
	const out = new Map<string, { setupDays: number; runDaysPerUnit: number }>();
	for (const row of r.rows) {
		if (!row.operations.length) continue;
		let setupDays = 0;
		let runDaysPerUnit = 0;
		let known = true;
		for (const op of row.operations) {
			const cal = row.calendars?.[op.workCenterId];
			const perDay = cal ? cal.shifts.reduce((sum, s) => sum + shiftMinutes(s), 0) : 0;
			if (!(perDay > 0)) {
				known = false;
				break;
			}
			setupDays += (op.setupMinutes ?? 0) / perDay;
			runDaysPerUnit += (op.runMinutesPerUnit ?? 0) / perDay;
		}
		if (known) out.set(row.item, { setupDays, runDaysPerUnit });
	}
	return out;
}

export async function loadBom(q: Queryable): Promise<BomLine[]> {
	const r = await q.query<{ parent: string; child: string; qty: number; scrap: number }>(
		`select l.parent_item_id as parent, l.child_item_id as child, l.qty_per::float8 as qty, l.scrap_pct::float8 as scrap
		from bom_lines l
		join items p on p.item_id = l.parent_item_id and p.make_or_buy = 'make'
		join items c on c.item_id = l.child_item_id`
	);
	return r.rows
		.map((l) => (l.scrap > 0 ? { parent: l.parent, child: l.child, qty: l.qty, scrapPct: l.scrap } : { parent: l.parent, child: l.child, qty: l.qty }))
		.sort((a, b) => cmp(a.parent, b.parent) || cmp(a.child, b.child));
}

/** Open sales order lines at their promised, else requested date. */
export const salesOrderDemand: DemandProvider = {
	name: 'sales_orders',
	async load({ q, calendar, items }) {
		const r = await q.query<{ order_id: string; line_id: string; item_id: string; open: number; due: string }>(
			`select order_id, line_id, item_id, (qty - shipped_qty)::float8 as open,
				to_char(coalesce(promised_date, requested_date), 'YYYY-MM-DD') as due
			from sales_order_lines
			where cancelled_at is null and item_id is not null and qty is not null and shipped_qty < qty
				and coalesce(promised_date, requested_date) is not null`
		);
		const out: Demand[] = [];
		for (const l of r.rows) {
			const bucket = bucketIn(calendar, l.due);
			if (bucket === null || !items.has(l.item_id)) continue;
			out.push({ itemId: l.item_id, bucket, qty: l.open, source: { kind: 'sales_order_line', orderId: l.order_id, lineId: l.line_id } });
		}
		return out;
	}
};

/**
 * Components open production orders still need: for each BOM line, what the remaining quantity
 * (ordered less good) takes, but never more than what is still to issue to the order (its full
 * quantity's components less those issued already, by hand or by backflush). Scrap as the
 * production capability counts it when it issues (qty per × (1 + scrap %)). Dated at the order's start.
 */
export const productionOrderAllocations: DemandProvider = {
	name: 'production_orders',
	async load({ q, calendar, items, bom }) {
		const orders = (
			await q.query<{ id: string; item_id: string; qty: number; remaining: number; due: string }>(
				`select production_order_id as id, item_id, qty::float8 as qty, (qty - good_qty)::float8 as remaining, to_char(due_date, 'YYYY-MM-DD') as due
				from production_orders where status = any($1::text[]) and good_qty < qty`,
				[OPEN_PRODUCTION_STATUSES]
			)
		).rows.filter((o) => items.has(o.item_id));
		if (!orders.length) return [];
		const issued = new Map<string, number>();
		const ir = await q.query<{ id: string; item: string; qty: number }>(
			`select data->>'productionOrderId' as id, data->>'itemId' as item, sum((data->>'qty')::numeric)::float8 as qty
			from events where data ? 'productionOrderId' and data->>'productionOrderId' = any($1::text[]) and type = 'stock.issued'
			group by 1, 2`,
			[orders.map((o) => o.id)]
		);
		for (const row of ir.rows) issued.set(row.id + '\u0000' + row.item, row.qty);
		const children = new Map<string, BomLine[]>();
		for (const l of bom) children.set(l.parent, [...(children.get(l.parent) ?? []), l]);
		const out: Demand[] = [];
		for (const o of orders) {
			const bucket = bucketIn(calendar, addDays(o.due, -items.get(o.item_id)!.leadTime));
			if (bucket === null) continue;
			for (const l of children.get(o.item_id) ?? []) {
				const per = componentQty(1, l.qty, l.scrapPct);
				const toIssue = o.qty * per - (issued.get(o.id + '\u0000' + l.child) ?? 0);
				const qty = round6(Math.min(o.remaining * per, toIssue));
				if (qty > 0) out.push({ itemId: l.child, bucket, qty, source: { kind: 'production_order', id: o.id } });
			}
		}
		return out;
	}
};

/** The demand providers of the live plan, in this order. */
export const DEMAND_PROVIDERS: readonly DemandProvider[] = [salesOrderDemand, productionOrderAllocations];

/**
 * An inspection's reference: goods of one purchase order line waiting in QC. The engine knows a
 * reference by kind and id only, so the id names the line as people read it ("PO-7/10"); the input
 * keeps which order and line each such id is (LoadedInput.inspections) for the tables.
 */
export function inspectionId(poId: string, lineId: string): string {
	return `${poId}/${lineId}`;
}

/** The engine's input, and the purchase order line behind each inspection id in it. */
export interface LoadedInput extends PlanInput {
	inspections: Map<string, { poId: string; lineId: string }>;
}

export async function loadReceipts(
	ctx: LoadContext,
	items: ReadonlySet<string>,
	inspections: Map<string, { poId: string; lineId: string }> = new Map()
): Promise<Receipt[]> {
	const { q, calendar, timeZone } = ctx;
	const out: Receipt[] = [];
	const add = (itemId: string, date: string, qty: number, ref: Receipt['ref']) => {
		const bucket = bucketIn(calendar, date);
		if (bucket !== null && items.has(itemId) && qty > 0) out.push({ itemId, bucket, qty, ref });
	};

	const po = await q.query<{ po_id: string; line_id: string; item_id: string; open: number; due: string }>(
		`select l.po_id, l.line_id, l.item_id, (l.qty - l.received_qty)::float8 as open,
			to_char(coalesce(l.expected_date, l.confirmed_date), 'YYYY-MM-DD') as due
		from purchase_order_lines l join purchase_orders h on h.po_id = l.po_id
		where l.item_id is not null and l.qty is not null and l.received_qty < l.qty and coalesce(l.expected_date, l.confirmed_date) is not null`
	);
	for (const l of po.rows) add(l.item_id, l.due, l.open, { kind: 'purchase_order', id: l.po_id, lineId: l.line_id });

	const qc = await q.query<{ po_id: string; line_id: string; item_id: string; waiting: number; received_at: Date | string | null }>(
		`select po_id, line_id, item_id, (received_qty - accepted_qty - rejected_qty)::float8 as waiting, last_received_at as received_at
		from purchase_order_lines where item_id is not null and received_qty > accepted_qty + rejected_qty`
	);
	for (const l of qc.rows) {
		const received = l.received_at === null ? calendar.startDate : factoryDate(new Date(l.received_at), timeZone);
		const id = inspectionId(l.po_id, l.line_id);
		inspections.set(id, { poId: l.po_id, lineId: l.line_id });
		add(l.item_id, addDays(received, INSPECTION_DAYS), l.waiting, { kind: 'inspection', id });
	}

	const mo = await q.query<{ id: string; item_id: string; open: number; due: string }>(
		`select production_order_id as id, item_id, (qty - good_qty)::float8 as open, to_char(due_date, 'YYYY-MM-DD') as due
		from production_orders where status = any($1::text[]) and good_qty < qty`,
		[OPEN_PRODUCTION_STATUSES]
	);
	for (const o of mo.rows) add(o.item_id, o.due, o.open, { kind: 'production_order', id: o.id });

	const pr = await q.query<{ id: string; item_id: string; qty: number; due: string }>(
		`select requisition_id as id, item_id, qty::float8 as qty, to_char(needed_by, 'YYYY-MM-DD') as due
		from requisitions where status = 'approved' and po_id is null`
	);
	for (const r of pr.rows) add(r.item_id, r.due, r.qty, { kind: 'requisition', id: r.id });

	return out.sort((a, b) => cmp(a.itemId, b.itemId) || a.bucket - b.bucket || cmp(refKey(a.ref), refKey(b.ref)));
}

export function refKey(ref: Receipt['ref']): string {
	return ref.kind === 'purchase_order' ? `${ref.kind}\u0000${ref.id}\u0000${ref.lineId}` : `${ref.kind}\u0000${ref.id}`;
}

export function demandKey(d: Demand): string {
	const s = d.source;
	switch (s.kind) {
		case 'sales_order_line':
			return `${s.kind}\u0000${s.orderId}\u0000${s.lineId}`;
		case 'forecast':
			return `${s.kind}\u0000${s.date}`;
		case 'safety_stock':
			return s.kind;
		default:
			return `${s.kind}\u0000${s.id}`;
	}
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The engine's whole input as the database has it now. Reads outside a transaction: a change that
 * commits while it reads is an event that asks for the next run, which sees it whole.
 */
export async function loadPlanInput(
	ctx: LoadContext,
	providers: readonly DemandProvider[] = DEMAND_PROVIDERS
): Promise<LoadedInput> {
	const items = await loadItems(ctx.q);
	const byId = new Map(items.map((i) => [i.id, i]));
	const bom = await loadBom(ctx.q);
	const demands: Demand[] = [];
	for (const p of providers) demands.push(...(await p.load({ ...ctx, items: byId, bom })));
	demands.sort((a, b) => cmp(a.itemId, b.itemId) || a.bucket - b.bucket || cmp(demandKey(a), demandKey(b)));
	const inspections = new Map<string, { poId: string; lineId: string }>();
	const receipts = await loadReceipts(ctx, new Set(byId.keys()), inspections);
	return { buckets: ctx.calendar.buckets, items, bom, demands, receipts, inspections };
}
