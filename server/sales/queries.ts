// Reading sales orders with their lines' derived status and progress, and an order's history.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { deriveLineStatus, lineProgress, type LineStatus } from './line-status.ts';

export interface SalesLine {
	lineId: string;
	itemId: string | null;
	qty: number | null;
	requestedDate: string | null;
	promisedDate: string | null;
	priority: number | null;
	shippedQty: number;
	cancelled: boolean;
	cancelReason: string | null;
	status: LineStatus;
	progress: number;
}

export interface SalesOrder {
	orderId: string;
	customerId: string;
	orderedAt: string;
	lines: SalesLine[];
}

interface LineRow {
	order_id: string;
	line_id: string;
	item_id: string | null;
	qty: number | null;
	requested_date: string | null;
	promised_date: string | null;
	priority: number | null;
	shipped: number;
	cancelled: boolean;
	cancel_reason: string | null;
}

const LINE_SQL = `select order_id, line_id, item_id, qty::float8 as qty, to_char(requested_date, 'YYYY-MM-DD') as requested_date,
	to_char(promised_date, 'YYYY-MM-DD') as promised_date, priority, shipped_qty::float8 as shipped,
	cancelled_at is not null as cancelled, cancel_reason
	from sales_order_lines`;

function toLine(r: LineRow, today: string): SalesLine {
	const facts = {
		qty: r.qty ?? 0,
		shippedQty: r.shipped,
		requestedDate: r.requested_date,
		promisedDate: r.promised_date,
		cancelled: r.cancelled,
		today
	};
	return {
		lineId: r.line_id,
		itemId: r.item_id,
		qty: r.qty,
		requestedDate: r.requested_date,
		promisedDate: r.promised_date,
		priority: r.priority,
		shippedQty: r.shipped,
		cancelled: r.cancelled,
		cancelReason: r.cancel_reason,
		status: deriveLineStatus(facts),
		progress: lineProgress(facts)
	};
}

export async function getSalesOrder(q: Queryable, orderId: string, today: string): Promise<(SalesOrder & { history: StoredEvent[] }) | null> {
	const h = await q.query<{ customer_id: string; ordered_at: Date | string }>('select customer_id, ordered_at from sales_orders where order_id = $1', [orderId]);
	if (!h.rows[0]) return null;
	const lines = await q.query<LineRow>(`${LINE_SQL} where order_id = $1 order by line_id`, [orderId]);
	const history = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, data from events
		where data->>'orderId' = $1 and type in ('sales_order.created', 'sales_order.changed', 'sales_order.cancelled', 'sales_order.promised', 'shipment.shipped')
		order by occurred_at desc, seq desc limit 200`,
		[orderId]
	);
	return {
		orderId,
		customerId: h.rows[0].customer_id,
		orderedAt: new Date(h.rows[0].ordered_at).toISOString(),
		lines: lines.rows.map((r) => toLine(r, today)),
		history: history.rows.map(rowToEvent)
	};
}
