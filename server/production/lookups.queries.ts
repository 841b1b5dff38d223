// What the production forms offer to choose from: work centres, items made here, sales orders with
// lines to make for, and the next number of the plain "MO-n" series. Read-only; the lists themselves are kept by
// their own capabilities (reason codes: server/shared/reason-codes.ts).
import type { Queryable } from '../db/db.ts';

/** Something to choose in a form: a code and its name. */
export interface Choice {
	id: string;
	name: string;
}

export async function workCenterChoices(q: Queryable): Promise<(Choice & { status: string })[]> {
	return (await q.query<Choice & { status: string }>('select work_center_id as id, name, status from work_centers order by work_center_id')).rows;
}

/**
 * Items made here (the only ones a production order can be for), products first, and whether each has
 * a routing. The forms embed these suggestions in the page, so their number is bounded; any item made
 * here can be typed by its code.
 */
export async function madeItemChoices(q: Queryable, limit = 500): Promise<(Choice & { uom: string; routed: boolean })[]> {
	const r = await q.query<Choice & { uom: string; routed: boolean }>(
		`select i.item_id as id, i.name, i.uom, exists (select 1 from routings r where r.item_id = i.item_id) as routed
		from items i where i.make_or_buy = 'make' order by i.kind <> 'product', i.item_id limit $1`,
		[limit]
	);
	return r.rows;
}

/** Sales orders with a line still to ship, newest first, named by their customer. */
export async function openSalesOrderChoices(q: Queryable, limit = 200): Promise<Choice[]> {
	const r = await q.query<Choice>(
		`select o.order_id as id, coalesce(c.name, o.customer_id) as name from sales_orders o left join customers c on c.customer_id = o.customer_id
		where exists (select 1 from sales_order_lines l where l.order_id = o.order_id and l.cancelled_at is null and l.shipped_qty < coalesce(l.qty, 0))
		order by o.ordered_at desc limit $1`,
		[limit]
	);
	return r.rows;
}

/**
 * The number after the highest "MO-n" in use. An order saved without a number is numbered by its
 * pattern (server/numbering/) instead; this reads the plain "MO-n" series some factories type by hand.
 * The number is indexed as written here (migration *_purchasing_production_reads): read from the index's end.
 */
export async function nextOrderNumber(q: Queryable): Promise<string> {
	const r = await q.query<{ n: number | null }>(
		`select max(substring(production_order_id from '^MO-(\\d{1,15})$')::numeric)::float8 as n from production_orders where production_order_id ~ '^MO-\\d{1,15}$'`
	);
	return `MO-${(r.rows[0].n ?? 0) + 1}`;
}
