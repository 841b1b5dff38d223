// Reading master data: item lists (search, filter, sort, page), one item with its BOM, where it is
// used, and its history from the event log.
import type { Queryable } from '../db/db.ts';
import { customFilterSql, type CustomFilter } from '../shared/custom-filter.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { itemListQuery, type ItemListQuery } from './commands.ts';
import { parseListQuery, type ParsedQuery } from '../shared/list-query.ts';

export interface ItemRow {
	itemId: string;
	name: string;
	kind: 'product' | 'semi' | 'material';
	uom: string;
	unitCost: number;
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	safetyStock: number | null;
	lotSizing: Record<string, unknown> | null;
	category: string | null;
	backflush: string | null;
	allowNegativeStock: boolean;
	overProductionPct: number;
	/** What customers pay in CNY unless a customer price says otherwise; null: none. */
	listPrice: number | null;
	/** Values of no-code fields, by key. */
	custom: Record<string, unknown>;
	updatedAt: string;
}

const ITEM_COLUMNS = `item_id as "itemId", name, kind, uom, unit_cost::float8 as "unitCost", make_or_buy as "makeOrBuy",
	lead_time_days::float8 as "leadTimeDays", safety_stock::float8 as "safetyStock", lot_sizing as "lotSizing",
	category, backflush, allow_negative as "allowNegativeStock", over_production_pct::float8 as "overProductionPct",
	list_price::float8 as "listPrice", custom, version_at as "updatedAt"`;

const SORT_COLUMNS: Record<ItemListQuery['sort'], string> = {
	itemId: 'item_id',
	name: 'name',
	kind: 'kind',
	unitCost: 'unit_cost',
	leadTimeDays: 'lead_time_days'
};

const fixDate = <T extends { updatedAt: unknown }>(r: T): T => ({ ...r, updatedAt: new Date(r.updatedAt as string).toISOString() });

/** One page of items; `custom` filters on no-code field values (checked by parseCustomFilters). */
/** The item list's URL query (the /items page and GET /api/items). */
export const parseItemQuery = (params: URLSearchParams): ParsedQuery<ItemListQuery> => parseListQuery(itemListQuery, params);

export async function listItems(q: Queryable, query: ItemListQuery, custom: readonly CustomFilter[] = []): Promise<{ items: ItemRow[]; total: number }> {
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
	where.push(...customFilterSql('custom', custom, params));
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from items ${w}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const r = await q.query<ItemRow>(
		`select ${ITEM_COLUMNS} from items ${w}
		order by ${SORT_COLUMNS[query.sort]} ${query.dir === 'desc' ? 'desc' : 'asc'}, item_id
		limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { items: r.rows.map(fixDate), total };
}

export interface BomLine {
	lineNo: number;
	childItemId: string;
	childName: string | null;
	uom: string | null;
	qtyPer: number;
	scrapPct: number;
}

export interface ItemDetail {
	item: ItemRow;
	bom: BomLine[];
	usedIn: { parentItemId: string; name: string | null; qtyPer: number }[];
	history: StoredEvent[];
}

export async function getItem(q: Queryable, itemId: string): Promise<ItemDetail | null> {
	const item = (await q.query<ItemRow>(`select ${ITEM_COLUMNS} from items where item_id = $1`, [itemId])).rows[0];
	if (!item) return null;
	const bom = (
		await q.query<BomLine>(
			`select l.line_no as "lineNo", l.child_item_id as "childItemId", i.name as "childName", i.uom,
				l.qty_per::float8 as "qtyPer", l.scrap_pct::float8 as "scrapPct"
			from bom_lines l left join items i on i.item_id = l.child_item_id
			where l.parent_item_id = $1 order by l.line_no`,
			[itemId]
		)
	).rows;
	const usedIn = (
		await q.query<{ parentItemId: string; name: string | null; qtyPer: number }>(
			`select l.parent_item_id as "parentItemId", i.name, l.qty_per::float8 as "qtyPer"
			from bom_lines l left join items i on i.item_id = l.parent_item_id
			where l.child_item_id = $1 order by l.parent_item_id`,
			[itemId]
		)
	).rows;
	return { item: fixDate(item), bom, usedIn, history: await itemHistory(q, itemId) };
}

/** Events that changed this item or its BOM, newest first (the record's timeline, with actors). */
export async function itemHistory(q: Queryable, itemId: string, limit = 100): Promise<StoredEvent[]> {
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where (type = 'item.upserted' and data->>'itemId' = $1) or (type = 'bom.replaced' and data->>'parentItemId' = $1)
		order by occurred_at desc, seq desc limit $2`,
		[itemId, limit]
	);
	return r.rows.map(rowToEvent);
}
