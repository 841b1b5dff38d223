// What the sales forms offer and name: customers, items, an order's lines as stored (to tell what a
// change form changed). Read-only; customers and items are master data, read here as plain rows.
import type { Queryable } from '../db/db.ts';

export interface Choice {
	id: string;
	name: string;
}

export async function customerChoices(q: Queryable): Promise<Choice[]> {
	return (await q.query<Choice>('select customer_id as id, name from customers order by name, customer_id')).rows;
}

/** Products first, as they are what customers mostly order; any item can be typed by its code. */
export async function itemChoices(q: Queryable, limit = 2000): Promise<(Choice & { uom: string })[]> {
	const r = await q.query<Choice & { uom: string }>(`select item_id as id, name, uom from items order by kind <> 'product', item_id limit $1`, [limit]);
	return r.rows;
}

/** Names and units of the given items (an order's lines). */
export async function itemNames(q: Queryable, itemIds: readonly string[]): Promise<Record<string, { name: string; uom: string }>> {
	const r = await q.query<Choice & { uom: string }>('select item_id as id, name, uom from items where item_id = any($1::text[])', [itemIds]);
	return Object.fromEntries(r.rows.map((i) => [i.id, { name: i.name, uom: i.uom }]));
}

export async function customerName(q: Queryable, customerId: string): Promise<string | null> {
	return (await q.query<{ name: string }>('select name from customers where customer_id = $1', [customerId])).rows[0]?.name ?? null;
}

export interface StoredLine {
	lineId: string;
	qty: number | null;
	requestedDate: string | null;
	priority: number | null;
}

/** An order's lines as stored, to tell what a change form changed. */
export async function storedLines(q: Queryable, orderId: string): Promise<StoredLine[]> {
	const r = await q.query<StoredLine>(
		`select line_id as "lineId", qty::float8 as qty, to_char(requested_date, 'YYYY-MM-DD') as "requestedDate", priority
		from sales_order_lines where order_id = $1`,
		[orderId]
	);
	return r.rows;
}
