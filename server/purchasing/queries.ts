// Reading suppliers as purchasing sees them: the supplier list with how many items each offers (and
// who offers a given item), a supplier's terms per item, and the history of those terms. The
// supplier record itself and its own history are master data (server/masterdata/partner-queries.ts).
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { code } from '../events/primitives.ts';
import { partnerListQuery } from '../masterdata/commands.ts';
import { customFilterSql, type CustomFilter } from '../shared/custom-filter.ts';

export const supplierListQuery = partnerListQuery.extend({
	/** Only suppliers that offer this item. */
	item: code.optional(),
	sort: z.enum(['id', 'name', 'items', 'updatedAt']).default('id')
});
export type SupplierListQuery = z.infer<typeof supplierListQuery>;

export interface SupplierRow {
	supplierId: string;
	name: string;
	/** How many items the supplier has terms for. */
	items: number;
	custom: Record<string, unknown>;
	updatedAt: string;
}

export interface SupplierItemRow {
	itemId: string;
	/** Null when the item is not (or no longer) known to master data. */
	itemName: string | null;
	uom: string | null;
	price: number;
	leadTimeDays: number;
	moq: number | null;
	orderMultiple: number | null;
	updatedAt: string;
}

const SORT_COLUMNS: Record<SupplierListQuery['sort'], string> = {
	id: 's.supplier_id',
	name: 's.name',
	items: 'items',
	updatedAt: 's.version_at'
};

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * One page of suppliers, searched by code or name, optionally only those offering an item, and
 * filtered by no-code field values.
 */
export async function listSuppliers(
	q: Queryable,
	query: SupplierListQuery,
	custom: readonly CustomFilter[] = []
): Promise<{ suppliers: SupplierRow[]; total: number }> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(`%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
		where.push(`(s.supplier_id ilike $${params.length} or s.name ilike $${params.length})`);
	}
	if (query.item) {
		params.push(query.item);
		where.push(`exists (select 1 from supplier_items f where f.supplier_id = s.supplier_id and f.item_id = $${params.length})`);
	}
	where.push(...customFilterSql('s.custom', custom, params));
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from suppliers s ${w}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const r = await q.query<Omit<SupplierRow, 'updatedAt'> & { updatedAt: Date | string }>(
		`select s.supplier_id as "supplierId", s.name, s.custom, s.version_at as "updatedAt",
			(select count(*)::int from supplier_items i where i.supplier_id = s.supplier_id) as items
		from suppliers s ${w}
		order by ${SORT_COLUMNS[query.sort]} ${dir}, s.supplier_id ${dir}
		limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { suppliers: r.rows.map((s) => ({ ...s, custom: s.custom ?? {}, updatedAt: iso(s.updatedAt) })), total };
}

/** The items a supplier has terms for, by item code. */
export async function listSupplierItems(q: Queryable, supplierId: string): Promise<SupplierItemRow[]> {
	const r = await q.query<Omit<SupplierItemRow, 'updatedAt'> & { updatedAt: Date | string }>(
		`select f.item_id as "itemId", i.name as "itemName", i.uom, f.price::float8 as price, f.lead_time_days::float8 as "leadTimeDays",
			f.moq::float8 as moq, f.order_multiple::float8 as "orderMultiple", f.version_at as "updatedAt"
		from supplier_items f left join items i on i.item_id = f.item_id
		where f.supplier_id = $1 order by f.item_id`,
		[supplierId]
	);
	return r.rows.map((f) => ({ ...f, updatedAt: iso(f.updatedAt) }));
}

/** Events that set this supplier's terms for its items, newest first. */
export async function supplierItemHistory(q: Queryable, supplierId: string, limit = 100): Promise<StoredEvent[]> {
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where type = 'supplier_item.upserted' and data->>'supplierId' = $1
		order by occurred_at desc, seq desc limit $2`,
		[supplierId, limit]
	);
	return r.rows.map(rowToEvent);
}
