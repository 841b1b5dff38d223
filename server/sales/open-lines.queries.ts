// The order lines still to ship, as the warehouse's shipping list and the sales desk's "to promise"
// list read them: every line not cancelled and not shipped in full, with its order's customer and
// department, in one query. Reads the projections only.
import type { Queryable } from '../db/db.ts';

export interface OpenOrderLine {
	orderId: string;
	lineId: string;
	customerId: string;
	department: string | null;
	itemId: string;
	qty: number;
	shippedQty: number;
	requestedDate: string;
	promisedDate: string | null;
	/** 1 most urgent … 9. */
	priority: number;
	/** When the order was entered (business time). */
	orderedAt: string;
}

/** Lines not cancelled and not shipped in full, by order and line; `unpromised`: only those without a promised date. */
export async function openOrderLines(q: Queryable, opts: { unpromised?: boolean } = {}): Promise<OpenOrderLine[]> {
	const r = await q.query<Omit<OpenOrderLine, 'orderedAt'> & { orderedAt: Date | string }>(
		`select l.order_id as "orderId", l.line_id as "lineId", h.customer_id as "customerId", h.department, l.item_id as "itemId",
			l.qty::float8 as qty, l.shipped_qty::float8 as "shippedQty", to_char(l.requested_date, 'YYYY-MM-DD') as "requestedDate",
			to_char(l.promised_date, 'YYYY-MM-DD') as "promisedDate", coalesce(l.priority, 5)::int as priority, h.ordered_at as "orderedAt"
		from sales_order_lines l join sales_orders h on h.order_id = l.order_id
		where l.cancelled_at is null and l.item_id is not null and l.qty is not null and l.requested_date is not null and l.shipped_qty < l.qty
			${opts.unpromised ? 'and l.promised_date is null' : ''}
		order by l.order_id, l.line_id`
	);
	return r.rows.map((l) => ({ ...l, orderedAt: new Date(l.orderedAt).toISOString() }));
}
