// What the planner's workbench reads from the stored plan (plan_state, planned_orders, plan_pegs,
// plan_exceptions, plan_records) joined with the names and dates of the orders they talk about: the
// items with their plan at a glance, one item's time-phased record, the pegging tree down from a
// sales order line or up from any supply, and the exception list with what each one lets the planner
// do. Reads only; the plan itself is written by the planning run, orders by their commands.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { containing } from '../shared/like-pattern.ts';
import { addDays } from '../shared/factory-date.ts';

export interface PlanHeader {
	planId: string;
	generatedAt: string;
	mode: string;
	/** Bucket 0 of the plan, YYYY-MM-DD at the factory. */
	startDate: string;
	buckets: number;
}

/** The latest plan run; null before the first. */
export async function planHeader(q: Queryable): Promise<PlanHeader | null> {
	const r = await q.query<{ planId: string; generatedAt: Date | string; mode: string; startDate: string; buckets: number }>(
		`select plan_id::text as "planId", generated_at as "generatedAt", mode, to_char(start_date, 'YYYY-MM-DD') as "startDate", buckets
		from plan_state where id = 1`
	);
	const h = r.rows[0];
	return h ? { ...h, generatedAt: new Date(h.generatedAt).toISOString() } : null;
}

// ---- items ----

export const itemSearchQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	/** Only items with exception messages. */
	exceptions: z.enum(['1']).optional(),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type ItemSearchQuery = z.infer<typeof itemSearchQuery>;

export interface LotSizingRule {
	rule: 'LFL' | 'FOQ' | 'POQ';
	qty?: number;
	periods?: number;
	min?: number;
	multiple?: number;
}

export interface PlanItemSummary {
	itemId: string;
	name: string;
	kind: string;
	uom: string;
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	safetyStock: number | null;
	lotSizing: LotSizingRule | null;
	/** From the last plan; null when the item is not in it. */
	lowLevelCode: number | null;
	exceptions: number;
	plannedOrders: number;
}

const ITEM_COLUMNS = `i.item_id as "itemId", i.name, i.kind, i.uom, i.make_or_buy as "makeOrBuy", i.lead_time_days::float8 as "leadTimeDays",
	i.safety_stock::float8 as "safetyStock", i.lot_sizing as "lotSizing", r.low_level_code as "lowLevelCode",
	(select count(*)::int from plan_exceptions x where x.item_id = i.item_id) as exceptions,
	(select count(*)::int from planned_orders p where p.item_id = i.item_id) as "plannedOrders"`;

/** Items by code or name, those with exceptions first, then by low-level code (finished goods first). */
export async function searchPlanItems(q: Queryable, query: ItemSearchQuery): Promise<{ items: PlanItemSummary[]; total: number }> {
	const params: unknown[] = [];
	const where: string[] = [];
	if (query.q) {
		params.push(containing(query.q));
		where.push(`(i.item_id ilike $${params.length} or i.name ilike $${params.length})`);
	}
	if (query.exceptions) where.push('exists (select 1 from plan_exceptions x where x.item_id = i.item_id)');
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from items i ${w}`, params)).rows[0].n;
	const n = params.length;
	const r = await q.query<PlanItemSummary>(
		`select ${ITEM_COLUMNS} from items i left join plan_records r on r.item_id = i.item_id ${w}
		order by exceptions desc, r.low_level_code nulls last, i.item_id limit $${n + 1} offset $${n + 2}`,
		[...params, query.pageSize, (query.page - 1) * query.pageSize]
	);
	return { items: r.rows, total };
}

// ---- one item's record ----

/** One day of the time-phased record; `date` null is the past-due column (everything before bucket 0). */
export interface RecordDay {
	date: string | null;
	grossRequirements: number;
	scheduledReceipts: number;
	/** At the end of the day. */
	projectedOnHand: number;
	netRequirements: number;
	plannedOrderReceipts: number;
	plannedOrderReleases: number;
}

/**
 * The record as the planning run stores it: parallel arrays over the days where something happens,
 * by date (YYYY-MM-DD) or by bucket index from the plan's start date.
 */
const storedRecord = z.object({
	dates: z.array(z.string()).optional(),
	buckets: z.array(z.number()).optional(),
	grossRequirements: z.array(z.number()),
	scheduledReceipts: z.array(z.number()),
	projectedOnHand: z.array(z.number()),
	netRequirements: z.array(z.number()),
	plannedOrderReceipts: z.array(z.number()),
	plannedOrderReleases: z.array(z.number())
});

/** The sparse stored record as days; days before `startDate` fold into one past-due day (date null). */
export function recordDays(raw: unknown, startDate: string): RecordDay[] {
	const r = storedRecord.parse(raw);
	const dates = r.dates ?? (r.buckets ?? []).map((b) => addDays(startDate, b));
	const out: RecordDay[] = [];
	let pastDue: RecordDay | null = null;
	dates.forEach((d, i) => {
		const day: RecordDay = {
			date: d < startDate ? null : d,
			grossRequirements: r.grossRequirements[i] ?? 0,
			scheduledReceipts: r.scheduledReceipts[i] ?? 0,
			projectedOnHand: r.projectedOnHand[i] ?? 0,
			netRequirements: r.netRequirements[i] ?? 0,
			plannedOrderReceipts: r.plannedOrderReceipts[i] ?? 0,
			plannedOrderReleases: r.plannedOrderReleases[i] ?? 0
		};
		if (day.date !== null) {
			out.push(day);
			return;
		}
		if (!pastDue) {
			pastDue = day;
			return;
		}
		pastDue.grossRequirements += day.grossRequirements;
		pastDue.scheduledReceipts += day.scheduledReceipts;
		pastDue.netRequirements += day.netRequirements;
		pastDue.plannedOrderReceipts += day.plannedOrderReceipts;
		pastDue.plannedOrderReleases += day.plannedOrderReleases;
		pastDue.projectedOnHand = day.projectedOnHand;
	});
	return pastDue ? [pastDue, ...out] : out;
}

export interface PlannedOrderRow {
	id: string;
	itemId: string;
	kind: 'make' | 'buy';
	qty: number;
	releaseDate: string;
	dueDate: string;
	/**
	 * A document already firmed from it that the plan does not count yet (a requisition waiting for
	 * approval): firming again would order twice.
	 */
	firmedAs: { kind: 'requisition'; id: string; status: string } | null;
}

/** An existing supply of the item as the plan uses it: what it is, when it comes, how much of it is pegged. */
export interface ScheduledReceipt {
	kind: string;
	id: string;
	lineId: string;
	date: string | null;
	qty: number;
}

export interface ItemPlan {
	item: PlanItemSummary & { onHand: number };
	/** Null when the last plan has no record of the item (or there is no plan yet). */
	days: RecordDay[] | null;
	plannedOrders: PlannedOrderRow[];
	receipts: ScheduledReceipt[];
	exceptions: ExceptionRow[];
}

const PLANNED_ORDER_COLUMNS = `p.id, p.item_id as "itemId", p.kind, p.qty::float8 as qty,
	to_char(p.release_date, 'YYYY-MM-DD') as "releaseDate", to_char(p.due_date, 'YYYY-MM-DD') as "dueDate"`;

/** One item's plan: master data, the record as days, its planned orders, existing supplies and exceptions; null when unknown. */
export async function itemPlan(q: Queryable, itemId: string, header: PlanHeader | null): Promise<ItemPlan | null> {
	const item = (
		await q.query<PlanItemSummary & { onHand: number }>(
			`select ${ITEM_COLUMNS}, coalesce((select sum(s.on_hand) from stock s where s.item_id = i.item_id), 0)::float8 as "onHand"
			from items i left join plan_records r on r.item_id = i.item_id where i.item_id = $1`,
			[itemId]
		)
	).rows[0];
	if (!item) return null;
	const rec = (await q.query<{ record: unknown }>('select record from plan_records where item_id = $1', [itemId])).rows[0];
	// Approved requisitions and production orders are supply, so the plan drops their planned orders; a
	// requisition still waiting for approval is not, and its planned order stays: say it was firmed.
	const plannedOrders = (
		await q.query<PlannedOrderRow>(
			`select ${PLANNED_ORDER_COLUMNS},
				(select json_build_object('kind', 'requisition', 'id', r.requisition_id, 'status', r.status) from requisitions r
				where r.planned_order_id = p.id and r.status = 'pending' order by r.created_at desc limit 1) as "firmedAs"
			from planned_orders p where p.item_id = $1 order by p.due_date, p.id`,
			[itemId]
		)
	).rows;
	const receipts = (
		await q.query<ScheduledReceipt>(
			`select supply_kind as kind, supply_id as id, supply_line_id as "lineId", sum(qty)::float8 as qty,
				to_char(min(need_date), 'YYYY-MM-DD') as date
			from plan_pegs where item_id = $1 and supply_kind <> 'planned_order'
			group by supply_kind, supply_id, supply_line_id order by supply_kind, supply_id, supply_line_id`,
			[itemId]
		)
	).rows;
	return {
		item,
		days: rec && header ? recordDays(rec.record, header.startDate) : null,
		plannedOrders,
		receipts,
		exceptions: (await listExceptions(q, { itemId })).exceptions
	};
}

// ---- pegging ----

/** A node of the pegging tree: a demand or a supply, with what the plan says of it and of the link above. */
export interface PegNode {
	/** sales_order_line, planned_order, production_order, purchase_order, requisition, inspection, stock, safety_stock, forecast… */
	kind: string;
	id: string;
	lineId: string;
	itemId: string | null;
	itemName: string | null;
	/** The quantity pegged on the link to the parent node (the whole order's quantity at the root). */
	qty: number | null;
	/** When the demand needs it (need date of the link). */
	needDate: string | null;
	/** The node's own date: due date of an order, expected date of a PO line, requested date of a sales line. */
	date: string | null;
	/** Status or party words the page shows: customer, supplier, production order status. */
	party: string | null;
	status: string | null;
	/** A planned order's release date. */
	releaseDate?: string | null;
	/**
	 * Upward, at a parent order: what it takes of the component below (`qty` is then the order's own
	 * quantity, in its own item's unit, not the component's).
	 */
	uses?: { itemId: string; qty: number };
	children: PegNode[];
	/** The tree stops here because this node already appears above it (a cycle) or the depth limit. */
	truncated?: boolean;
}

interface PegRow {
	supply_kind: string;
	supply_id: string;
	supply_line_id: string;
	item_id: string;
	qty: number;
	demand_kind: string;
	demand_id: string;
	demand_line_id: string;
	need_date: string | null;
}

const PEG_COLUMNS = `supply_kind, supply_id, supply_line_id, item_id, qty::float8 as qty, demand_kind, demand_id, demand_line_id,
	to_char(need_date, 'YYYY-MM-DD') as need_date`;

/** Supplies whose pegs show what they are made of: their components' pegs name them as demand. */
const PARENT_KINDS = new Set(['planned_order', 'production_order']);
const MAX_DEPTH = 25;

const keyOf = (kind: string, id: string, lineId = '') => `${kind}\u0000${id}\u0000${lineId}`;

interface NodeFacts {
	itemId: string | null;
	itemName: string | null;
	qty: number | null;
	date: string | null;
	party: string | null;
	status: string | null;
	releaseDate?: string | null;
}

/** Names, dates and statuses of the orders the nodes name, a few queries for the whole tree. */
async function nodeFacts(q: Queryable, refs: { kind: string; id: string; lineId: string }[]): Promise<Map<string, NodeFacts>> {
	const ids = (kind: string) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
	const out = new Map<string, NodeFacts>();
	const put = (rows: (NodeFacts & { kind: string; id: string; lineId: string })[]) => {
		for (const { kind, id, lineId, ...f } of rows) out.set(keyOf(kind, id, lineId), f);
	};
	const so = ids('sales_order_line');
	if (so.length) {
		put(
			(
				await q.query<NodeFacts & { kind: string; id: string; lineId: string }>(
					`select 'sales_order_line' as kind, l.order_id as id, l.line_id as "lineId", l.item_id as "itemId", i.name as "itemName",
						l.qty::float8 as qty, to_char(coalesce(l.promised_date, l.requested_date), 'YYYY-MM-DD') as date,
						coalesce(c.name, o.customer_id) as party, null as status
					from sales_order_lines l join sales_orders o on o.order_id = l.order_id left join customers c on c.customer_id = o.customer_id
					left join items i on i.item_id = l.item_id where l.order_id = any($1::text[])`,
					[so]
				)
			).rows
		);
	}
	// Goods in inspection are a purchase order line's too (the plan stores them by order and line).
	const po = [...new Set([...ids('purchase_order'), ...ids('inspection')])];
	if (po.length) {
		const rows = (
			await q.query<NodeFacts & { kind: string; id: string; lineId: string }>(
				`select 'purchase_order' as kind, l.po_id as id, l.line_id as "lineId", l.item_id as "itemId", i.name as "itemName",
					l.qty::float8 as qty, to_char(l.expected_date, 'YYYY-MM-DD') as date, coalesce(s.name, o.supplier_id) as party,
					case when l.expedite_requested_at is not null and l.received_qty < l.qty then 'expedite_requested' end as status
				from purchase_order_lines l join purchase_orders o on o.po_id = l.po_id left join suppliers s on s.supplier_id = o.supplier_id
				left join items i on i.item_id = l.item_id where l.po_id = any($1::text[])`,
				[po]
			)
		).rows;
		put(rows);
		put(rows.map((r) => ({ ...r, kind: 'inspection', status: null })));
	}
	const mo = ids('production_order');
	if (mo.length) {
		put(
			(
				await q.query<NodeFacts & { kind: string; id: string; lineId: string }>(
					`select 'production_order' as kind, o.production_order_id as id, '' as "lineId", o.item_id as "itemId", i.name as "itemName",
						o.qty::float8 as qty, to_char(o.due_date, 'YYYY-MM-DD') as date, null as party, o.status
					from production_orders o left join items i on i.item_id = o.item_id where o.production_order_id = any($1::text[])`,
					[mo]
				)
			).rows
		);
	}
	const pr = ids('requisition');
	if (pr.length) {
		put(
			(
				await q.query<NodeFacts & { kind: string; id: string; lineId: string }>(
					`select 'requisition' as kind, r.requisition_id as id, '' as "lineId", r.item_id as "itemId", i.name as "itemName",
						r.qty::float8 as qty, to_char(r.needed_by, 'YYYY-MM-DD') as date, coalesce(s.name, r.supplier_id) as party, r.status
					from requisitions r left join items i on i.item_id = r.item_id left join suppliers s on s.supplier_id = r.supplier_id
					where r.requisition_id = any($1::text[])`,
					[pr]
				)
			).rows
		);
	}
	const pl = ids('planned_order');
	if (pl.length) {
		put(
			(
				await q.query<NodeFacts & { kind: string; id: string; lineId: string }>(
					`select 'planned_order' as kind, p.id, '' as "lineId", p.item_id as "itemId", i.name as "itemName", p.qty::float8 as qty,
						to_char(p.due_date, 'YYYY-MM-DD') as date, null as party, p.kind as status,
						to_char(p.release_date, 'YYYY-MM-DD') as "releaseDate"
					from planned_orders p left join items i on i.item_id = p.item_id where p.id = any($1::text[])`,
					[pl]
				)
			).rows
		);
	}
	return out;
}

/** Item names for nodes the order tables do not describe (stock, inspection, safety stock). */
async function itemNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
	if (!ids.length) return new Map();
	const r = await q.query<{ id: string; name: string }>('select item_id as id, name from items where item_id = any($1::text[])', [[...new Set(ids)]]);
	return new Map(r.rows.map((x) => [x.id, x.name]));
}

/**
 * Pegs level by level: `next(frontier)` reads the pegs one step further from every node of the
 * frontier in one query. Answers, per node key, the pegs that continue from it.
 */
async function walk(
	frontier: string[],
	next: (keys: { kind: string; id: string; lineId: string }[]) => Promise<PegRow[]>,
	from: (p: PegRow) => string,
	to: (p: PegRow) => { kind: string; id: string; lineId: string } | null
): Promise<Map<string, PegRow[]>> {
	const byNode = new Map<string, PegRow[]>();
	const seen = new Set(frontier);
	let level = frontier;
	for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
		const refs = level.map((k) => {
			const [kind, id, lineId] = k.split('\u0000');
			return { kind, id, lineId };
		});
		const rows = await next(refs);
		const following: string[] = [];
		for (const p of rows) {
			const k = from(p);
			const list = byNode.get(k) ?? [];
			list.push(p);
			byNode.set(k, list);
			const t = to(p);
			if (t) {
				const tk = keyOf(t.kind, t.id, t.lineId);
				if (!seen.has(tk)) {
					seen.add(tk);
					following.push(tk);
				}
			}
		}
		level = following;
	}
	return byNode;
}

const refArrays = (refs: { kind: string; id: string; lineId: string }[]) => [refs.map((r) => r.kind), refs.map((r) => r.id), refs.map((r) => r.lineId)];

/**
 * Down from a demand (a sales order line, or a parent order's components): the supplies pegged to it,
 * and below every planned or production order the supplies of its components, to purchases and stock.
 */
export async function peggingDown(q: Queryable, root: { kind: string; id: string; lineId?: string }): Promise<PegNode> {
	const rootKey = keyOf(root.kind, root.id, root.lineId ?? '');
	const byDemand = await walk(
		[rootKey],
		async (refs) =>
			(
				await q.query<PegRow>(
					`select ${PEG_COLUMNS} from plan_pegs p
					join unnest($1::text[], $2::text[], $3::text[]) as f(kind, id, line) on p.demand_kind = f.kind and p.demand_id = f.id and p.demand_line_id = f.line
					order by p.need_date nulls first, p.supply_kind, p.supply_id, p.supply_line_id, p.seq`,
					refArrays(refs)
				)
			).rows,
		(p) => keyOf(p.demand_kind, p.demand_id, p.demand_line_id),
		// A supply's components name it as demand without a line.
		(p) => (PARENT_KINDS.has(p.supply_kind) ? { kind: p.supply_kind, id: p.supply_id, lineId: '' } : null)
	);
	const rows = [...byDemand.values()].flat();
	const facts = await nodeFacts(q, [
		{ kind: root.kind, id: root.id, lineId: root.lineId ?? '' },
		...rows.map((p) => ({ kind: p.supply_kind, id: p.supply_id, lineId: p.supply_line_id }))
	]);
	const names = await itemNames(q, rows.map((p) => p.item_id));
	const build = (p: PegRow, path: Set<string>): PegNode => {
		const f = facts.get(keyOf(p.supply_kind, p.supply_id, p.supply_line_id));
		const childKey = keyOf(p.supply_kind, p.supply_id, '');
		const node: PegNode = {
			kind: p.supply_kind,
			id: p.supply_id,
			lineId: p.supply_line_id,
			itemId: p.item_id,
			itemName: f?.itemName ?? names.get(p.item_id) ?? null,
			qty: p.qty,
			needDate: p.need_date,
			date: f?.date ?? null,
			party: f?.party ?? null,
			status: f?.status ?? null,
			releaseDate: f?.releaseDate ?? null,
			children: []
		};
		if (!PARENT_KINDS.has(p.supply_kind)) return node;
		if (path.has(childKey) || path.size >= MAX_DEPTH) return { ...node, truncated: (byDemand.get(childKey) ?? []).length > 0 };
		const below = new Set(path).add(childKey);
		node.children = (byDemand.get(childKey) ?? []).map((c) => build(c, below));
		return node;
	};
	const rf = facts.get(rootKey);
	return {
		kind: root.kind,
		id: root.id,
		lineId: root.lineId ?? '',
		itemId: rf?.itemId ?? null,
		itemName: rf?.itemName ?? null,
		qty: rf?.qty ?? null,
		needDate: null,
		date: rf?.date ?? null,
		party: rf?.party ?? null,
		status: rf?.status ?? null,
		releaseDate: rf?.releaseDate ?? null,
		children: (byDemand.get(rootKey) ?? []).map((p) => build(p, new Set([rootKey])))
	};
}

/**
 * Up from a supply (a purchase order line, requisition, production or planned order): the demands it
 * serves, and above every parent order the demands that order serves, to the customer orders,
 * forecasts and safety stock at the top.
 */
export async function peggingUp(q: Queryable, root: { kind: string; id: string; lineId?: string }): Promise<PegNode> {
	const rootKey = keyOf(root.kind, root.id, root.lineId ?? '');
	const bySupply = await walk(
		[rootKey],
		async (refs) =>
			(
				await q.query<PegRow>(
					`select ${PEG_COLUMNS} from plan_pegs p
					join unnest($1::text[], $2::text[], $3::text[]) as f(kind, id, line) on p.supply_kind = f.kind and p.supply_id = f.id and p.supply_line_id = f.line
					order by p.need_date nulls last, p.demand_kind, p.demand_id, p.demand_line_id, p.seq`,
					refArrays(refs)
				)
			).rows,
		(p) => keyOf(p.supply_kind, p.supply_id, p.supply_line_id),
		(p) => (PARENT_KINDS.has(p.demand_kind) ? { kind: p.demand_kind, id: p.demand_id, lineId: '' } : null)
	);
	const rows = [...bySupply.values()].flat();
	const facts = await nodeFacts(q, [
		{ kind: root.kind, id: root.id, lineId: root.lineId ?? '' },
		...rows.map((p) => ({ kind: p.demand_kind, id: p.demand_id, lineId: p.demand_line_id }))
	]);
	const build = (p: PegRow, path: Set<string>): PegNode => {
		const f = facts.get(keyOf(p.demand_kind, p.demand_id, p.demand_line_id));
		const parentKey = keyOf(p.demand_kind, p.demand_id, '');
		const node: PegNode = {
			kind: p.demand_kind,
			id: p.demand_id,
			lineId: p.demand_line_id,
			itemId: f?.itemId ?? (PARENT_KINDS.has(p.demand_kind) ? null : p.item_id),
			itemName: f?.itemName ?? null,
			qty: PARENT_KINDS.has(p.demand_kind) ? (f?.qty ?? null) : p.qty,
			...(PARENT_KINDS.has(p.demand_kind) ? { uses: { itemId: p.item_id, qty: p.qty } } : {}),
			needDate: p.need_date,
			date: f?.date ?? (p.demand_kind === 'forecast' ? p.demand_id : null),
			party: f?.party ?? null,
			status: f?.status ?? null,
			releaseDate: f?.releaseDate ?? null,
			children: []
		};
		if (!PARENT_KINDS.has(p.demand_kind)) return node;
		if (path.has(parentKey) || path.size >= MAX_DEPTH) return { ...node, truncated: (bySupply.get(parentKey) ?? []).length > 0 };
		const above = new Set(path).add(parentKey);
		node.children = (bySupply.get(parentKey) ?? []).map((c) => build(c, above));
		return node;
	};
	const rootRows = bySupply.get(rootKey) ?? [];
	const rf = facts.get(rootKey);
	const names = await itemNames(q, rootRows.map((p) => p.item_id));
	const itemId = rf?.itemId ?? rootRows[0]?.item_id ?? null;
	return {
		kind: root.kind,
		id: root.id,
		lineId: root.lineId ?? '',
		itemId,
		itemName: rf?.itemName ?? (itemId ? (names.get(itemId) ?? null) : null),
		qty: rf?.qty ?? null,
		needDate: null,
		date: rf?.date ?? null,
		party: rf?.party ?? null,
		status: rf?.status ?? null,
		releaseDate: rf?.releaseDate ?? null,
		children: rootRows.map((p) => build(p, new Set([rootKey])))
	};
}

/** The customer orders (sales order lines) a supply serves in the end, from its tree upward. */
export function customerLines(tree: PegNode): { orderId: string; lineId: string; party: string | null; qty: number | null }[] {
	const out = new Map<string, { orderId: string; lineId: string; party: string | null; qty: number | null }>();
	const visit = (n: PegNode) => {
		if (n.kind === 'sales_order_line') out.set(keyOf(n.kind, n.id, n.lineId), { orderId: n.id, lineId: n.lineId, party: n.party, qty: n.qty });
		n.children.forEach(visit);
	};
	tree.children.forEach(visit);
	return [...out.values()];
}

// ---- exceptions ----

export const EXCEPTION_KINDS = ['past_due', 'shortage', 'expedite', 'defer', 'cancel'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const exceptionQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	kind: z.enum(EXCEPTION_KINDS).optional(),
	itemId: z.string().max(100).optional(),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(500).default(100)
});
export type ExceptionQuery = z.input<typeof exceptionQuery>;

/** What one click on the exception list does: firm a planned order, move a production order, flag a PO line. */
export type ExceptionAction =
	| { kind: 'firm'; plannedOrderId: string }
	| { kind: 'reschedule'; productionOrderId: string; from: string | null; to: string }
	| { kind: 'expedite'; poId: string; lineId: string; requestedAt: string | null };

export interface ExceptionRow {
	id: string;
	kind: string;
	itemId: string;
	itemName: string | null;
	makeOrBuy: string | null;
	ref: { kind: string; id: string; lineId: string | null } | null;
	plannedOrderId: string | null;
	/** expedite/defer: when it is needed; past_due: the release date missed; shortage: first short day. */
	date: string | null;
	/** expedite/defer: days to move; past_due: days late. */
	days: number | null;
	/** shortage: the quantity short. */
	qty: number | null;
	/** The order's own date now: a PO line's expected date, a production or planned order's due date. */
	refDate: string | null;
	/** A production order's status, a requisition's status. */
	refStatus: string | null;
	/** The supplier of a PO line or requisition. */
	party: string | null;
	action: ExceptionAction | null;
}

const KIND_ORDER = `case x.kind ${EXCEPTION_KINDS.map((k, i) => `when '${k}' then ${i}`).join(' ')} else 9 end`;

interface ExceptionDbRow extends Omit<ExceptionRow, 'ref' | 'action'> {
	refKind: string | null;
	refId: string | null;
	refLineId: string | null;
	expediteAt: Date | string | null;
	open: boolean | null;
}

function actionOf(r: ExceptionDbRow): ExceptionAction | null {
	// A planned order whose release date has passed: firm it now (the engine moves planned orders itself otherwise).
	if (r.plannedOrderId && r.kind === 'past_due') return { kind: 'firm', plannedOrderId: r.plannedOrderId };
	// Moved already (the next plan has not run yet): nothing left to click.
	if (r.refKind === 'production_order' && r.refId && r.date && r.date !== r.refDate && (r.kind === 'expedite' || r.kind === 'defer') && r.refStatus && !['completed', 'cancelled'].includes(r.refStatus)) {
		return { kind: 'reschedule', productionOrderId: r.refId, from: r.refDate, to: r.date };
	}
	if (r.refKind === 'purchase_order' && r.refId && r.refLineId && r.kind === 'expedite' && r.open) {
		return { kind: 'expedite', poId: r.refId, lineId: r.refLineId, requestedAt: r.expediteAt === null ? null : new Date(r.expediteAt).toISOString() };
	}
	return null;
}

/** The plan's exception messages, most urgent kinds first, then by date; with the order each names and its one-click answer. */
export async function listExceptions(q: Queryable, query: ExceptionQuery = {}): Promise<{ exceptions: ExceptionRow[]; total: number }> {
	const parsed = exceptionQuery.parse(query);
	const params: unknown[] = [];
	const where: string[] = [];
	if (parsed.q) {
		params.push(containing(parsed.q));
		const p = `$${params.length}`;
		where.push(`(x.item_id ilike ${p} or i.name ilike ${p} or x.ref_id ilike ${p} or x.planned_order_id ilike ${p})`);
	}
	if (parsed.kind) {
		params.push(parsed.kind);
		where.push(`x.kind = $${params.length}`);
	}
	if (parsed.itemId) {
		params.push(parsed.itemId);
		where.push(`x.item_id = $${params.length}`);
	}
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const from = 'from plan_exceptions x left join items i on i.item_id = x.item_id';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n ${from} ${w}`, params)).rows[0].n;
	const n = params.length;
	const r = await q.query<ExceptionDbRow>(
		`select x.id, x.kind, x.item_id as "itemId", i.name as "itemName", i.make_or_buy as "makeOrBuy",
			x.ref_kind as "refKind", x.ref_id as "refId", x.ref_line_id as "refLineId", x.planned_order_id as "plannedOrderId",
			to_char(x.date, 'YYYY-MM-DD') as date, x.days::float8 as days, x.qty::float8 as qty,
			to_char(coalesce(pl.expected_date, mo.due_date, po.due_date, rq.needed_by), 'YYYY-MM-DD') as "refDate",
			coalesce(mo.status, rq.status) as "refStatus", coalesce(s.name, ph.supplier_id, rs.name, rq.supplier_id) as party,
			pl.expedite_requested_at as "expediteAt", pl.received_qty < pl.qty as open
		${from}
		left join purchase_order_lines pl on x.ref_kind = 'purchase_order' and pl.po_id = x.ref_id and pl.line_id = x.ref_line_id
		left join purchase_orders ph on ph.po_id = pl.po_id
		left join suppliers s on s.supplier_id = ph.supplier_id
		left join production_orders mo on x.ref_kind = 'production_order' and mo.production_order_id = x.ref_id
		left join requisitions rq on x.ref_kind = 'requisition' and rq.requisition_id = x.ref_id
		left join suppliers rs on rs.supplier_id = rq.supplier_id
		left join planned_orders po on po.id = x.planned_order_id
		${w}
		order by ${KIND_ORDER}, x.date nulls last, x.item_id, x.id
		limit $${n + 1} offset $${n + 2}`,
		[...params, parsed.pageSize, (parsed.page - 1) * parsed.pageSize]
	);
	const exceptions = r.rows.map(({ refKind, refId, refLineId, expediteAt, open, ...row }) => ({
		...row,
		ref: refKind && refId ? { kind: refKind, id: refId, lineId: refLineId } : null,
		action: actionOf({ ...row, refKind, refId, refLineId, expediteAt, open })
	}));
	return { exceptions, total };
}

