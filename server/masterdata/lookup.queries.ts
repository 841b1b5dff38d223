// What the forms' pickers offer as one types: items, customers, suppliers, work centres and stock
// locations matching a term, codes that start with it first, then names that contain it, at most a
// few dozen. Read-only; the lists and records of each kind stay with their own queries.
// Work centres follow the shop-floor department rule (server/auth/scope.ts): a production user of a
// department is offered that department's work centres and those of none. The other kinds belong to
// no department, so every reader is offered all of them.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { shopFloorScope, type ScopeSubject } from '../auth/scope.ts';
import { DEFAULT_LOCATION, QC_LOCATION, REJECTED_LOCATION } from '../inventory/schemas.ts';

export const LOOKUP_KINDS = ['item', 'customer', 'supplier', 'work-center', 'location'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export const MAX_LOOKUP = 50;

/** GET /api/lookup/<kind>: the term, how many to answer, and what to offer first (items only). */
export const lookupQuery = z.strictObject({
	q: z.string().trim().max(100).default(''),
	limit: z.coerce.number().int().min(1).max(MAX_LOOKUP).default(20),
	/** Items this supplier offers (supplier_items) come first. */
	supplierId: z.string().trim().max(64).optional(),
	/** Items made, or bought, come first. */
	makeOrBuy: z.enum(['make', 'buy']).optional()
});
export type LookupQuery = z.infer<typeof lookupQuery>;

export interface LookupOption {
	code: string;
	name: string;
	/** A word that tells similar records apart: an item's unit, a work centre's department. */
	detail: string | null;
}

/** Table and columns of each kind; fixed here, never taken from input. */
const SOURCES = {
	item: { table: 'items', code: 'item_id', detail: 'uom' },
	customer: { table: 'customers', code: 'customer_id', detail: 'null::text' },
	supplier: { table: 'suppliers', code: 'supplier_id', detail: 'null::text' },
	'work-center': { table: 'work_centers', code: 'work_center_id', detail: 'department' }
} as const satisfies Record<Exclude<LookupKind, 'location'>, { table: string; code: string; detail: string }>;

/** The term as LIKE patterns on lower-cased text, its own wildcards taken literally. */
export function likePatterns(term: string): { prefix: string; inside: string } {
	const s = term.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c);
	return { prefix: `${s}%`, inside: `%${s}%` };
}

/**
 * Records matching the term: code starting with it (case-insensitive), then name containing it, each
 * group by code. Items the supplier offers, then items of the preferred make-or-buy, come before the
 * rest. An empty term offers the first records by code.
 */
export async function lookup(q: Queryable, kind: LookupKind, query: LookupQuery, reader: ScopeSubject): Promise<LookupOption[]> {
	if (kind === 'location') return lookupLocations(q, query);
	const src = SOURCES[kind];
	const { prefix, inside } = likePatterns(query.q);
	// Candidates are found through the code index (prefix) and a bounded scan of names, then ordered;
	// more than asked, so the items offered first are among them.
	const cap = Math.min(query.limit * 10, 500);
	const params: unknown[] = [prefix, inside, cap, query.limit];
	const scope: string[] = [];
	const dept = kind === 'work-center' ? shopFloorScope(reader) : null;
	if (dept) {
		params.push(dept);
		scope.push(`(t.department is null or t.department = $${params.length})`);
	}
	const also = scope.map((s) => ` and ${s}`).join('');
	const code = `lower(t.${src.code})`;
	let offered = '';
	const first: string[] = [];
	if (kind === 'item' && query.supplierId) {
		params.push(query.supplierId);
		const sup = `$${params.length}`;
		offered = `union all
			(select t.item_id, case when ${code} like $1 then 0 else 1 end, 1 from supplier_items s join items t on t.item_id = s.item_id
			where s.supplier_id = ${sup} and (${code} like $1 or lower(t.name) like $2) order by 2, t.item_id limit $3)`;
	}
	if (kind === 'item' && query.makeOrBuy) {
		params.push(query.makeOrBuy);
		first.push(`(t.make_or_buy = $${params.length}) desc`);
	}
	const r = await q.query<LookupOption>(
		`with hits as (
			(select t.${src.code} as code, 0 as rank, 0 as offered from ${src.table} t where ${code} like $1${also} order by ${code} limit $3)
			union all
			(select t.${src.code}, 1, 0 from ${src.table} t where lower(t.name) like $2 and ${code} not like $1${also} order by t.${src.code} limit $3)
			${offered}
		), best as (select code, min(rank) as rank, max(offered) as offered from hits group by code)
		select t.${src.code} as code, t.name, ${src.detail.startsWith('null') ? src.detail : `t.${src.detail}`} as detail
		from best b join ${src.table} t on t.${src.code} = b.code
		order by b.offered desc, ${first.map((f) => f + ', ').join('')}b.rank, t.${src.code}
		limit $4`,
		params
	);
	return r.rows;
}

/** Locations are the ones stock is kept at, plus the three every factory has. */
async function lookupLocations(q: Queryable, query: LookupQuery): Promise<LookupOption[]> {
	const { prefix, inside } = likePatterns(query.q);
	const r = await q.query<{ code: string }>(
		`select code from (select distinct location_id as code from stock union select unnest($3::text[])) l
		where lower(code) like $2
		order by lower(code) like $1 desc, code = $4 desc, code
		limit $5`,
		[prefix, inside, [DEFAULT_LOCATION, QC_LOCATION, REJECTED_LOCATION], DEFAULT_LOCATION, query.limit]
	);
	return r.rows.map((x) => ({ code: x.code, name: '', detail: null }));
}
