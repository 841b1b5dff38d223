// What the purchasing forms offer to choose from (suppliers, items), and the next number of the plain
// "PR-n"/"PO-n" series. Read-only; the lists are kept by their own capabilities.
import type { Queryable } from '../db/db.ts';

/** Something to choose in a form: a code and its name. */
export interface Choice {
	id: string;
	name: string;
}

export async function supplierChoices(q: Queryable): Promise<Choice[]> {
	return (await q.query<Choice>('select supplier_id as id, name from suppliers order by name, supplier_id')).rows;
}

/**
 * Bought items first, as they are what is mostly ordered; any item can be typed by its code. The
 * forms embed these suggestions in the page, so their number is bounded whatever the item count.
 */
export async function itemChoices(q: Queryable, limit = 500): Promise<(Choice & { uom: string })[]> {
	const r = await q.query<Choice & { uom: string }>(
		`select item_id as id, name, uom from items order by make_or_buy <> 'buy', item_id limit $1`,
		[limit]
	);
	return r.rows;
}

// The number of each "PR-n" / "PO-n" is indexed as written here (migration *_purchasing_production_reads),
// so the highest is read from the index's end, not from every row.
const NUMBERED = {
	requisition: {
		prefix: 'PR-',
		sql: `select max(substring(requisition_id from '^PR-(\\d{1,15})$')::numeric)::float8 as n from requisitions where requisition_id ~ '^PR-\\d{1,15}$'`
	},
	order: {
		prefix: 'PO-',
		sql: `select max(substring(po_id from '^PO-(\\d{1,15})$')::numeric)::float8 as n from purchase_orders where po_id ~ '^PO-\\d{1,15}$'`
	}
} as const;

/**
 * The number after the highest "PR-n" (or "PO-n") in use: the demo's purchasing desk numbers its orders
 * so. Documents saved without a number are numbered by their pattern (server/numbering/).
 */
export async function nextNumber(q: Queryable, kind: keyof typeof NUMBERED): Promise<string> {
	const { prefix, sql } = NUMBERED[kind];
	const r = await q.query<{ n: number | null }>(sql);
	return `${prefix}${(r.rows[0].n ?? 0) + 1}`;
}
