// Reading stock: on hand and value per item and location, availability (usable stock less open sales
// demand), the stock list with its filters, and an item's movement history from the event log.
// QC and REJECTED hold goods that are on the books (counted in value) but never usable.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { code } from '../events/primitives.ts';
import { parseListQuery, type ParsedQuery } from '../shared/list-query.ts';
import { toMovement, type Movement, type MovementEvent } from './movements.ts';
import { CONTROLLED_LOCATIONS, DEFAULT_LOCATION } from './schemas.ts';

export interface StockRow {
	itemId: string;
	locationId: string;
	onHand: number;
	value: number;
	averageCost: number | null;
}

export async function stockOf(q: Queryable, itemId: string): Promise<StockRow[]> {
	const r = await q.query<StockRow>(
		`select item_id as "itemId", location_id as "locationId", on_hand::float8 as "onHand", value::float8 as value,
			case when on_hand > 0 then (value / on_hand)::float8 end as "averageCost"
		from stock where item_id = $1 order by location_id`,
		[itemId]
	);
	return r.rows;
}

export interface Availability {
	itemId: string;
	/** Usable stock: every location but QC and REJECTED. */
	onHand: number;
	/** Promised away: open quantities of sales order lines not cancelled. */
	allocated: number;
	available: number;
	inInspection: number;
	rejected: number;
}

export async function availability(q: Queryable, itemId: string): Promise<Availability> {
	const r = (
		await q.query<{ usable: number; qc: number; rejected: number; allocated: number }>(
			`select
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id not in ('QC', 'REJECTED')), 0)::float8 as usable,
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id = 'QC'), 0)::float8 as qc,
				coalesce((select sum(on_hand) from stock where item_id = $1 and location_id = 'REJECTED'), 0)::float8 as rejected,
				coalesce((select sum(qty - shipped_qty) from sales_order_lines where item_id = $1 and cancelled_at is null and shipped_qty < qty), 0)::float8 as allocated`,
			[itemId]
		)
	).rows[0];
	return { itemId, onHand: r.usable, allocated: r.allocated, available: r.usable - r.allocated, inInspection: r.qc, rejected: r.rejected };
}

export const STOCK_SORTS = ['itemId', 'name', 'kind', 'onHand', 'inInspection', 'rejected', 'allocated', 'available', 'value'] as const;

/** The stock list's query (the /inventory page and GET /api/stock): search, filters, sort and page. */
export const stockListQuery = z.strictObject({
	/** Part of the item's code or name. */
	q: z.string().trim().max(100).optional(),
	/** Only items with stock (on hand other than 0) at this location. */
	location: code.optional(),
	kind: z.enum(['product', 'semi', 'material']).optional(),
	/** Only items whose available quantity is below their safety stock. */
	belowSafety: z.stringbool({ error: 'must be true or false' }).optional(),
	/** Only items with stock somewhere (QC and REJECTED included). */
	withStock: z.stringbool({ error: 'must be true or false' }).optional(),
	sort: z.enum(STOCK_SORTS).default('itemId'),
	dir: z.enum(['asc', 'desc']).default('asc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type StockListQuery = z.infer<typeof stockListQuery>;

/** The stock list's URL query: the list has no no-code fields, so `custom.*` is as unknown as any other parameter. */
export const parseStockQuery = (params: URLSearchParams): ParsedQuery<StockListQuery> => parseListQuery(stockListQuery, params, { custom: false });

export interface LocationStock {
	locationId: string;
	onHand: number;
	value: number;
}

export interface StockListRow {
	itemId: string;
	name: string;
	kind: 'product' | 'semi' | 'material';
	uom: string;
	safetyStock: number | null;
	/** Usable stock: every location but QC and REJECTED. */
	onHand: number;
	inInspection: number;
	rejected: number;
	allocated: number;
	/** Usable less allocated: an item-level figure, as sales demand is not allocated per location. */
	available: number;
	/** Every location's value at its moving average cost, QC and REJECTED included (they are on the books). */
	value: number;
	belowSafety: boolean;
	/** Where the item is, locations with stock only, by code. */
	locations: LocationStock[];
}

const CONTROLLED_SQL = CONTROLLED_LOCATIONS.map((l) => `'${l}'`).join(', ');

/**
 * One row per item of `items` (a table or a CTE with the items table's columns) with its stock
 * figures; the filters and sorting work on these columns. Allocation counts lines with a quantity
 * still to ship (the others add nothing), through sales_order_lines_to_ship_idx.
 */
const stockRows = (items: string) => `s as (
		select item_id,
			sum(on_hand) filter (where location_id not in (${CONTROLLED_SQL})) as usable,
			sum(on_hand) filter (where location_id = 'QC') as qc,
			sum(on_hand) filter (where location_id = 'REJECTED') as rejected,
			sum(value) as value,
			bool_or(on_hand <> 0) as has_stock,
			jsonb_agg(jsonb_build_object('locationId', location_id, 'onHand', on_hand::float8, 'value', value::float8) order by location_id)
				filter (where on_hand <> 0) as locations
		from stock where item_id in (select item_id from ${items}) group by item_id
	),
	a as (
		select item_id, sum(qty - shipped_qty) as allocated
		from sales_order_lines where cancelled_at is null and shipped_qty < qty and item_id in (select item_id from ${items}) group by item_id
	),
	r as (
		select i.item_id, i.name, i.kind, i.uom, i.safety_stock,
			coalesce(s.usable, 0) as usable, coalesce(s.qc, 0) as qc, coalesce(s.rejected, 0) as rejected,
			coalesce(a.allocated, 0) as allocated, coalesce(s.usable, 0) - coalesce(a.allocated, 0) as available,
			coalesce(s.value, 0) as value, coalesce(s.has_stock, false) as has_stock, coalesce(s.locations, '[]'::jsonb) as locations
		from ${items} i left join s on s.item_id = i.item_id left join a on a.item_id = i.item_id
	)`;

const STOCK_SORT_COLUMNS: Record<StockListQuery['sort'], string> = {
	itemId: 'item_id',
	name: 'name',
	kind: 'kind',
	onHand: 'usable',
	inInspection: 'qc',
	rejected: 'rejected',
	allocated: 'allocated',
	available: 'available',
	value: 'value'
};

const BELOW_SAFETY = 'safety_stock > 0 and available < safety_stock';

/** Sorts on the item's own columns: the page can be cut from `items` before any stock is summed. */
const ITEM_SORTS: ReadonlySet<StockListQuery['sort']> = new Set(['itemId', 'name', 'kind']);

const ROW_COLUMNS = `item_id as "itemId", name, kind, uom, safety_stock::float8 as "safetyStock",
	usable::float8 as "onHand", qc::float8 as "inInspection", rejected::float8 as rejected,
	allocated::float8 as allocated, available::float8 as available, value::float8 as value,
	coalesce(${BELOW_SAFETY}, false) as "belowSafety", locations`;

/**
 * One page of the stock list. Searching by code or name and by kind, sorted on the item's columns (the
 * default), cuts the page from the items first and sums the stock and demand of its items only; a
 * filter or sort on the figures themselves sums them for every item.
 */
export async function listStock(q: Queryable, query: StockListQuery): Promise<{ rows: StockListRow[]; total: number }> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(`%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
		where.push(`(item_id ilike $${params.length} or name ilike $${params.length})`);
	}
	if (query.kind) {
		params.push(query.kind);
		where.push(`kind = $${params.length}`);
	}
	const order = `order by ${STOCK_SORT_COLUMNS[query.sort]} ${query.dir === 'desc' ? 'desc' : 'asc'}, item_id`;
	const pageFirst = ITEM_SORTS.has(query.sort) && !query.location && !query.belowSafety && !query.withStock;
	if (pageFirst) {
		const w = where.length ? 'where ' + where.join(' and ') : '';
		const total = (await q.query<{ n: number }>(`select count(*)::int as n from items ${w}`, params)).rows[0].n;
		params.push(query.pageSize, (query.page - 1) * query.pageSize);
		const page = `select item_id, name, kind, uom, safety_stock from items ${w} ${order} limit $${params.length - 1} offset $${params.length}`;
		const rows = await q.query<StockListRow>(`with p as (${page}), ${stockRows('p')} select ${ROW_COLUMNS} from r ${order}`, params);
		return { rows: rows.rows, total };
	}
	if (query.location) {
		params.push(query.location);
		where.push(`exists (select 1 from stock x where x.item_id = r.item_id and x.location_id = $${params.length} and x.on_hand <> 0)`);
	}
	if (query.belowSafety) where.push(BELOW_SAFETY);
	if (query.withStock) where.push('has_stock');
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const all = `with ${stockRows('items')}`;
	const total = (await q.query<{ n: number }>(`${all} select count(*)::int as n from r ${w}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const rows = await q.query<StockListRow>(`${all} select ${ROW_COLUMNS} from r ${w} ${order} limit $${params.length - 1} offset $${params.length}`, params);
	return { rows: rows.rows, total };
}

/** Locations that hold or held stock, and MAIN, QC and REJECTED always: what the filters and forms offer. */
export async function stockLocations(q: Queryable): Promise<string[]> {
	const r = await q.query<{ location_id: string }>('select distinct location_id from stock');
	const known = new Set([DEFAULT_LOCATION, ...CONTROLLED_LOCATIONS, ...r.rows.map((x) => x.location_id)]);
	return [...known].sort((a, b) => (a === DEFAULT_LOCATION ? -1 : b === DEFAULT_LOCATION ? 1 : a.localeCompare(b)));
}

export interface ItemStock {
	item: { itemId: string; name: string; kind: string; uom: string; safetyStock: number | null; allowNegativeStock: boolean };
	availability: Availability;
	/** Value of all its stock, QC and REJECTED included. */
	value: number;
	/** Locations with stock, or that had some (on hand 0 now). */
	locations: StockRow[];
}

/** One item's stock for its inventory page; null when the item is unknown. */
export async function itemStock(q: Queryable, itemId: string): Promise<ItemStock | null> {
	const item = (
		await q.query<ItemStock['item']>(
			`select item_id as "itemId", name, kind, uom, safety_stock::float8 as "safetyStock", allow_negative as "allowNegativeStock"
			from items where item_id = $1`,
			[itemId]
		)
	).rows[0];
	if (!item) return null;
	const locations = await stockOf(q, itemId);
	return { item, availability: await availability(q, itemId), value: locations.reduce((sum, l) => sum + l.value, 0), locations };
}

const ITEM_MOVEMENT_TYPES = `'stock.adjusted', 'stock.moved', 'stock.issued', 'goods.received', 'inspection.recorded', 'shipment.shipped',
	'shipment.reversed', 'goods.receipt_reversed', 'inspection.reversed'`;

/**
 * Events that moved the item's stock: those naming the item (through events_stock_item_idx, whose
 * type list this repeats), receipts, inspections and shipments sent without it through their order
 * line, and completions of the item's production orders that made something. Each order line looks up
 * its own events by key (`offset 0` keeps the planner from trading that for a scan of every shipment).
 */
const ITEM_MOVEMENTS = `with m as (
		select e.id, null::float8 as completed from events e
		where e.type in (${ITEM_MOVEMENT_TYPES}) and e.data->>'itemId' = $1
		union all
		select e.id, null from purchase_order_lines l, lateral (select e.id from events e
			where e.data ? 'poId' and e.data->>'poId' = l.po_id and e.data->>'lineId' = l.line_id
				and e.type in ('goods.received', 'inspection.recorded', 'goods.receipt_reversed', 'inspection.reversed') and not e.data ? 'itemId' offset 0) e
		where l.item_id = $1
		union all
		select e.id, null from sales_order_lines l, lateral (select e.id from events e
			where e.type in ('shipment.shipped', 'shipment.reversed') and e.data->>'orderId' = l.order_id and e.data->>'lineId' = l.line_id
				and not e.data ? 'itemId' offset 0) e
		where l.item_id = $1
		union all
		select e.id, null from events e
		where e.type = 'production.report_reversed' and jsonb_path_query_array(e.data, '$.returns[*].itemId') @> jsonb_build_array($1::text)
		union all
		select e.id, o.good_qty::float8 from production_orders o
			join events e on e.data ? 'productionOrderId' and e.data->>'productionOrderId' = o.production_order_id
		where o.item_id = $1 and o.good_qty > 0 and e.type = 'production_order.completed'
	)`;

export const movementPageQuery = z.strictObject({
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(25)
});
export type MovementPageQuery = z.infer<typeof movementPageQuery>;

/** The item's stock movements, newest first (business time), a page at a time, with who made them. */
export async function stockMovements(q: Queryable, itemId: string, page: MovementPageQuery): Promise<{ movements: Movement[]; total: number }> {
	const total = (await q.query<{ n: number }>(`${ITEM_MOVEMENTS} select count(*)::int as n from m`, [itemId])).rows[0].n;
	const r = await q.query<{
		id: string;
		type: MovementEvent['type'];
		occurred_at: Date | string;
		source: string;
		actor: string | null;
		actor_name: string | null;
		data: Record<string, unknown>;
		completed: number | null;
	}>(
		`${ITEM_MOVEMENTS}
		select e.id, e.type, e.occurred_at, e.source, e.actor, u.display_name as actor_name, e.data, m.completed
		from m join events e on e.id = m.id
			left join users u on e.actor like 'user:%' and u.username = substr(e.actor, 6)
		order by e.occurred_at desc, e.seq desc
		limit $2 offset $3`,
		[itemId, page.pageSize, (page.page - 1) * page.pageSize]
	);
	const movements = r.rows.map((x) =>
		toMovement({
			id: x.id,
			type: x.type,
			occurredAt: new Date(x.occurred_at).toISOString(),
			source: x.source,
			actor: x.actor,
			actorName: x.actor_name,
			data: x.data,
			completedQty: x.completed,
			itemId
		})
	);
	return { movements, total };
}
