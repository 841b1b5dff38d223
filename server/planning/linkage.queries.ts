// Reads of automatic linkage: the category settings, planned orders as the plan run stored them
// (planned_orders + plan_pegs, with their item's category), suppliers' terms, the documents firmed
// from planned orders, and the demand a requisition or production order serves, followed upward
// through the pegging tree to independent demand. Read-only.
import type { Queryable } from '../db/db.ts';
import type { CategorySetting, CategorySettings, FirmedDocument, LinkMode, PegDemand, PegRecord, PlannedOrderRecord, PlanSnapshot, SupplierTerms } from './linkage.ts';
import { DEFAULT_SETTING } from './linkage.ts';

// ---- category settings ----

/** The key of the default row in planning_categories. */
export const DEFAULT_CATEGORY = '';

export async function loadCategorySettings(q: Queryable): Promise<CategorySettings> {
	const r = await q.query<{ category: string; mode: LinkMode; windowDays: number }>(
		'select category, mode, window_days as "windowDays" from planning_categories'
	);
	const byCategory = new Map<string, CategorySetting>();
	let fallback: CategorySetting = DEFAULT_SETTING;
	for (const row of r.rows) {
		const s = { mode: row.mode, windowDays: row.windowDays };
		if (row.category === DEFAULT_CATEGORY) fallback = s;
		else byCategory.set(row.category, s);
	}
	return { byCategory, fallback };
}

export interface CategorySettingRow extends CategorySetting {
	/** null: the default row. */
	category: string | null;
	/** Whether a setting was saved for it (else it follows the default row). */
	saved: boolean;
	/** Items of this category (default row: items without one). */
	items: number;
	updatedBy: string | null;
	updatedAt: string | null;
}

/** The default row first, then every category that items use or that has a setting, by name. */
export async function listCategorySettings(q: Queryable): Promise<CategorySettingRow[]> {
	const r = await q.query<{ category: string; mode: LinkMode | null; windowDays: number | null; items: number; updatedBy: string | null; updatedAt: Date | string | null }>(
		`with used as (select coalesce(category, '') as category, count(*)::int as items from items group by 1),
		keys as (select category from used union select category from planning_categories union select '')
		select k.category, p.mode, p.window_days as "windowDays", coalesce(u.items, 0) as items, p.updated_by as "updatedBy", p.version_at as "updatedAt"
		from keys k left join planning_categories p on p.category = k.category left join used u on u.category = k.category
		order by k.category <> '', k.category`
	);
	const fallback = r.rows.find((x) => x.category === DEFAULT_CATEGORY);
	const base: CategorySetting = fallback?.mode ? { mode: fallback.mode, windowDays: fallback.windowDays! } : DEFAULT_SETTING;
	return r.rows.map((x) => ({
		category: x.category === DEFAULT_CATEGORY ? null : x.category,
		mode: x.mode ?? base.mode,
		windowDays: x.windowDays ?? base.windowDays,
		saved: x.mode !== null,
		items: x.items,
		updatedBy: x.updatedBy,
		updatedAt: x.updatedAt === null ? null : new Date(x.updatedAt).toISOString()
	}));
}

// ---- planned orders as stored by the plan run ----

interface PegRow {
	supply_id: string;
	qty: number;
	demand_kind: string;
	demand_id: string;
	demand_line_id: string;
	need_date: string | null;
}

/** A plan_pegs row's demand in the shape of the engine's DemandSource; null for a kind not known here. */
export function pegDemand(kind: string, id: string, lineId: string, needDate: string | null): PegDemand | null {
	switch (kind) {
		case 'sales_order_line':
			return { kind, orderId: id, lineId };
		case 'safety_stock':
		case 'stock':
			return { kind };
		case 'forecast':
			return { kind, date: id || needDate || '' };
		case 'planned_order':
		case 'production_order':
			return { kind, id };
		default:
			return null;
	}
}

function toPeg(r: PegRow): PegRecord | null {
	const demand = pegDemand(r.demand_kind, r.demand_id, r.demand_line_id, r.need_date);
	if (!demand) return null;
	return r.need_date ? { qty: r.qty, demand, needDate: r.need_date } : { qty: r.qty, demand };
}

const PEG_COLUMNS = `supply_id, qty::float8 as qty, demand_kind, demand_id, demand_line_id, to_char(need_date, 'YYYY-MM-DD') as need_date`;

async function pegsOf(q: Queryable, supplyKind: string, ids: readonly string[]): Promise<Map<string, PegRecord[]>> {
	const out = new Map<string, PegRecord[]>();
	if (!ids.length) return out;
	const r = await q.query<PegRow>(
		`select ${PEG_COLUMNS} from plan_pegs where supply_kind = $1 and supply_id = any($2::text[]) order by supply_id, supply_line_id, seq`,
		[supplyKind, ids]
	);
	for (const row of r.rows) {
		const peg = toPeg(row);
		if (!peg) continue;
		const list = out.get(row.supply_id) ?? [];
		list.push(peg);
		out.set(row.supply_id, list);
	}
	return out;
}

type OrderRow = Omit<PlannedOrderRecord, 'pegs'>;

const ORDER_COLUMNS = `o.id, o.item_id as "itemId", i.category, o.kind, o.qty::float8 as qty,
	to_char(o.release_date, 'YYYY-MM-DD') as "releaseDate", to_char(o.due_date, 'YYYY-MM-DD') as "dueDate"`;

async function withPegs(q: Queryable, rows: OrderRow[]): Promise<PlannedOrderRecord[]> {
	const pegs = await pegsOf(q, 'planned_order', rows.map((o) => o.id));
	return rows.map((o) => ({ ...o, pegs: pegs.get(o.id) ?? [] }));
}

/** One planned order of the stored plan; null when the plan no longer has it (stale). Locks its row. */
export async function loadPlannedOrder(q: Queryable, id: string): Promise<PlannedOrderRecord | null> {
	const r = await q.query<OrderRow>(`select ${ORDER_COLUMNS} from planned_orders o left join items i on i.item_id = o.item_id where o.id = $1 for update of o`, [id]);
	return r.rows[0] ? (await withPegs(q, r.rows))[0] : null;
}

/** The stored plan's planned orders releasing on or before `releaseBy` (all when absent); null when no plan ran yet. */
export async function loadPlanSnapshot(q: Queryable, releaseBy?: string): Promise<PlanSnapshot | null> {
	const state = (await q.query<{ generatedAt: Date | string }>('select generated_at as "generatedAt" from plan_state')).rows[0];
	if (!state) return null;
	const r = await q.query<OrderRow>(
		`select ${ORDER_COLUMNS} from planned_orders o left join items i on i.item_id = o.item_id
		where o.kind in ('buy', 'make') and ($1::date is null or o.release_date <= $1::date) order by o.release_date, o.id`,
		[releaseBy ?? null]
	);
	return { generatedAt: new Date(state.generatedAt).toISOString(), orders: await withPegs(q, r.rows) };
}

// ---- firming ----

export async function supplierTerms(q: Queryable, itemId: string): Promise<SupplierTerms[]> {
	const r = await q.query<SupplierTerms>(
		`select supplier_id as "supplierId", price::float8 as price, lead_time_days::float8 as "leadTimeDays" from supplier_items where item_id = $1`,
		[itemId]
	);
	return r.rows;
}

/** Documents firmed from these planned orders, requisitions and production orders alike. */
export async function firmedDocuments(q: Queryable, plannedOrderIds: readonly string[]): Promise<FirmedDocument[]> {
	if (!plannedOrderIds.length) return [];
	const r = await q.query<Omit<FirmedDocument, 'createdAt'> & { createdAt: Date | string }>(
		`select planned_order_id as "plannedOrderId", 'requisition' as kind, requisition_id as id, status, created_at as "createdAt"
			from requisitions where planned_order_id = any($1::text[])
		union all
		select planned_order_id, 'production_order', production_order_id, status, created_at
			from production_orders where planned_order_id = any($1::text[])
		order by 1, 5, 3`,
		[plannedOrderIds]
	);
	return r.rows.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString() }));
}

// ---- what a document serves ----

export type SupplyKind = 'requisition' | 'production_order';

export type ServedDemand =
	| { kind: 'sales_order_line'; orderId: string; lineId: string; customerId: string | null; customerName: string | null; requestedDate: string | null }
	| { kind: 'safety_stock' }
	| { kind: 'forecast'; date: string }
	| { kind: 'stock' };

export interface Serving {
	/** The planned order it was firmed from, when it was. */
	plannedOrderId: string | null;
	/** Independent demand it serves, through its parents: sales order lines first. */
	demands: ServedDemand[];
}

/** How far up the pegging tree a read follows parents (a BOM deeper than this is not a factory's). */
const MAX_LEVELS = 30;

type Node = { kind: 'planned_order' | SupplyKind; id: string };

/** A document's own pegs, as firmed: [] when it has none. */
async function storedPegs(q: Queryable, kind: SupplyKind, id: string): Promise<{ plannedOrderId: string | null; pegs: PegRecord[] } | null> {
	const sql =
		kind === 'requisition'
			? 'select planned_order_id as "plannedOrderId", pegs from requisitions where requisition_id = $1'
			: 'select planned_order_id as "plannedOrderId", pegs from production_orders where production_order_id = $1';
	const row = (await q.query<{ plannedOrderId: string | null; pegs: PegRecord[] | null }>(sql, [id])).rows[0];
	return row ? { plannedOrderId: row.plannedOrderId, pegs: row.pegs ?? [] } : null;
}

/**
 * The pegs of one supply: the current plan's when it pegged this supply, else what the document
 * carries from its firming. A planned order the plan no longer has was firmed (or dropped): its
 * production order, when one was firmed from it, stands in for it.
 */
async function pegsOfNode(q: Queryable, node: Node): Promise<PegRecord[]> {
	const planned = (await pegsOf(q, node.kind, [node.id])).get(node.id);
	if (planned?.length) return planned;
	if (node.kind === 'planned_order') {
		const doc = (
			await q.query<{ id: string }>(
				`select production_order_id as id from production_orders where planned_order_id = $1 and status <> 'cancelled' order by created_at desc limit 1`,
				[node.id]
			)
		).rows[0];
		return doc ? pegsOfNode(q, { kind: 'production_order', id: doc.id }) : [];
	}
	return (await storedPegs(q, node.kind, node.id))?.pegs ?? [];
}

/** What a requisition or production order serves; null when there is no such document. */
export async function servedDemands(q: Queryable, kind: SupplyKind, id: string): Promise<Serving | null> {
	const own = await storedPegs(q, kind, id);
	if (!own) return null;
	const seen = new Set<string>([`${kind}:${id}`]);
	const found = new Map<string, PegDemand>();
	let frontier: PegRecord[] = await pegsOfNode(q, { kind, id });
	for (let level = 0; frontier.length && level < MAX_LEVELS; level++) {
		const next: PegRecord[] = [];
		for (const p of frontier) {
			const d = p.demand;
			if (d.kind === 'planned_order' || d.kind === 'production_order') {
				const key = `${d.kind}:${d.id}`;
				if (seen.has(key)) continue;
				seen.add(key);
				next.push(...(await pegsOfNode(q, d)));
			} else {
				found.set(demandKey(d), d);
			}
		}
		frontier = next;
	}
	return { plannedOrderId: own.plannedOrderId, demands: await describe(q, [...found.values()]) };
}

function demandKey(d: PegDemand): string {
	switch (d.kind) {
		case 'sales_order_line':
			return `so:${d.orderId}\u0000${d.lineId}`;
		case 'forecast':
			return `fc:${d.date}`;
		default:
			return d.kind;
	}
}

const RANK: Record<ServedDemand['kind'], number> = { sales_order_line: 0, forecast: 1, safety_stock: 2, stock: 3 };

async function describe(q: Queryable, demands: PegDemand[]): Promise<ServedDemand[]> {
	const lines = demands.flatMap((d) => (d.kind === 'sales_order_line' ? [d] : []));
	const info = new Map<string, { customerId: string | null; customerName: string | null; requestedDate: string | null }>();
	if (lines.length) {
		const r = await q.query<{ orderId: string; lineId: string; customerId: string | null; customerName: string | null; requestedDate: string | null }>(
			`select x."orderId", x."lineId", o.customer_id as "customerId", c.name as "customerName", to_char(l.requested_date, 'YYYY-MM-DD') as "requestedDate"
			from jsonb_to_recordset($1::jsonb) as x("orderId" text, "lineId" text)
			left join sales_orders o on o.order_id = x."orderId"
			left join customers c on c.customer_id = o.customer_id
			left join sales_order_lines l on l.order_id = x."orderId" and l.line_id = x."lineId"`,
			[JSON.stringify(lines.map((l) => ({ orderId: l.orderId, lineId: l.lineId })))]
		);
		for (const row of r.rows) info.set(`${row.orderId}\u0000${row.lineId}`, row);
	}
	const out: ServedDemand[] = demands.flatMap((d): ServedDemand[] => {
		switch (d.kind) {
			case 'sales_order_line': {
				const i = info.get(`${d.orderId}\u0000${d.lineId}`);
				return [{ kind: d.kind, orderId: d.orderId, lineId: d.lineId, customerId: i?.customerId ?? null, customerName: i?.customerName ?? null, requestedDate: i?.requestedDate ?? null }];
			}
			case 'forecast':
				return [{ kind: d.kind, date: d.date }];
			case 'safety_stock':
			case 'stock':
				return [{ kind: d.kind }];
			default:
				return [];
		}
	});
	return out.sort((a, b) => RANK[a.kind] - RANK[b.kind] || sortKey(a).localeCompare(sortKey(b)));
}

const sortKey = (d: ServedDemand) => (d.kind === 'sales_order_line' ? `${d.requestedDate ?? ''}\u0000${d.orderId}\u0000${d.lineId}` : d.kind === 'forecast' ? d.date : '');
