// Reading customers and suppliers: the customer list (search, sort, page) and one record of either
// kind with its history from the event log. The supplier list counts and filters by the terms
// suppliers offer for items, which purchasing owns: it lives in server/purchasing/queries.ts.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { partnerListQuery, type PartnerListQuery } from './commands.ts';
import { parseListQuery, type ParsedQuery } from '../shared/list-query.ts';
import { customFilterSql, type CustomFilter } from '../shared/custom-filter.ts';

export type PartnerKind = 'customer' | 'supplier';

/** How to reach a partner and its payment terms (each null when not given). */
export interface PartnerContact {
	contactPerson: string | null;
	phone: string | null;
	email: string | null;
	address: string | null;
	paymentTerms: string | null;
}

export interface PartnerRow extends PartnerContact {
	id: string;
	name: string;
	/** A customer's default order currency (null: CNY); always null for suppliers. */
	currency: string | null;
	/** Values of no-code fields, by key. */
	custom: Record<string, unknown>;
	updatedAt: string;
}

export interface PartnerDetail {
	partner: PartnerRow;
	/** Events that created or changed the record, newest first (who, when, what). */
	history: StoredEvent[];
}

/** Table, key column and the event that writes each kind; fixed here, never taken from input. */
const PARTNER_TABLES = {
	customer: { table: 'customers', id: 'customer_id', key: 'customerId', event: 'customer.upserted' },
	supplier: { table: 'suppliers', id: 'supplier_id', key: 'supplierId', event: 'supplier.upserted' }
} as const satisfies Record<PartnerKind, { table: string; id: string; key: string; event: string }>;

const SORT_COLUMNS: Record<PartnerListQuery['sort'], string> = { id: 'customer_id', name: 'name', updatedAt: 'version_at' };

/** The contact columns of either table, as the row's fields. */
const CONTACT_COLUMNS = `contact_person as "contactPerson", phone, email, address, payment_terms as "paymentTerms"`;

type PartnerSqlRow = PartnerContact & { id: string; name: string; currency?: string | null; custom: Record<string, unknown> | null; updatedAt: Date | string };

const toPartnerRow = (r: PartnerSqlRow): PartnerRow => ({
	id: r.id,
	name: r.name,
	contactPerson: r.contactPerson,
	phone: r.phone,
	email: r.email,
	address: r.address,
	paymentTerms: r.paymentTerms,
	currency: r.currency ?? null,
	custom: r.custom ?? {},
	updatedAt: new Date(r.updatedAt).toISOString()
});

/** The customer list's URL query (the /customers page and GET /api/customers). */
export const parseCustomerQuery = (params: URLSearchParams): ParsedQuery<PartnerListQuery> => parseListQuery(partnerListQuery, params);

/** One page of customers, searched by code or name and filtered by no-code field values. */
export async function listCustomers(
	q: Queryable,
	query: PartnerListQuery,
	custom: readonly CustomFilter[] = []
): Promise<{ customers: PartnerRow[]; total: number }> {
	const conditions: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(`%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
		conditions.push(`(customer_id ilike $${params.length} or name ilike $${params.length})`);
	}
	conditions.push(...customFilterSql('custom', custom, params));
	const where = conditions.length ? 'where ' + conditions.join(' and ') : '';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from customers ${where}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const r = await q.query<PartnerSqlRow>(
		`select customer_id as id, name, ${CONTACT_COLUMNS}, currency, custom, version_at as "updatedAt" from customers ${where}
		order by ${SORT_COLUMNS[query.sort]} ${dir}, customer_id ${dir}
		limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { customers: r.rows.map(toPartnerRow), total };
}

/** The stored customer or supplier, or null when there is none with this code. */
export async function getPartnerRecord(q: Queryable, kind: PartnerKind, id: string): Promise<PartnerRow | null> {
	const t = PARTNER_TABLES[kind];
	const row = (
		await q.query<PartnerSqlRow>(
			`select ${t.id} as id, name, ${CONTACT_COLUMNS}, ${kind === 'customer' ? 'currency' : 'null as currency'}, custom, version_at as "updatedAt"
			from ${t.table} where ${t.id} = $1`,
			[id]
		)
	).rows[0];
	return row ? toPartnerRow(row) : null;
}

/** One customer or supplier with its history, or null when there is none with this code. */
export async function getPartner(q: Queryable, kind: PartnerKind, id: string): Promise<PartnerDetail | null> {
	const partner = await getPartnerRecord(q, kind, id);
	return partner && { partner, history: await partnerHistory(q, kind, id) };
}

/** The events that wrote this customer or supplier, newest first: its own only, through events_customer_key_idx / events_supplier_key_idx. */
export async function partnerHistory(q: Queryable, kind: PartnerKind, id: string, limit = 100): Promise<StoredEvent[]> {
	const t = PARTNER_TABLES[kind];
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where type = '${t.event}' and data->>'${t.key}' = $1
		order by occurred_at desc, seq desc limit $2`,
		[id, limit]
	);
	return r.rows.map(rowToEvent);
}
