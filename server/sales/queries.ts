// Reading sales orders with their lines' derived status and progress, and an order's history.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { inScope } from '../auth/scope.ts';
import { deriveLineStatus, lineProgress, type LineStatus } from './line-status.ts';
import { lineValue, total, type Total } from '../shared/money.ts';

/** What an order is worth: its lines' values, a cancelled line for the part shipped before. */
export function orderTotal(lines: readonly { qty: number | null; shippedQty: number; cancelled: boolean; unitPrice: number | null }[]): Total {
	return total(lines.map((l) => lineValue(l.cancelled ? Math.min(l.qty ?? 0, l.shippedQty) : l.qty, l.unitPrice)));
}

export interface SalesLine {
	lineId: string;
	itemId: string | null;
	qty: number | null;
	requestedDate: string | null;
	promisedDate: string | null;
	priority: number | null;
	/** In the order's currency; null: the line has no price. */
	unitPrice: number | null;
	/** qty × unitPrice (null without a price). */
	value: number | null;
	shippedQty: number;
	cancelled: boolean;
	cancelReason: string | null;
	status: LineStatus;
	progress: number;
	/** The plan expects the line to miss its date (sales_order_line.at_risk), with when and why; else null. */
	risk: LineRisk | null;
}

export interface LineRisk {
	expectedDate: string;
	daysLate: number;
	/** In words (English) with the code and parameters pages translate from. */
	causes: Array<{ code: string; message: string; params?: Record<string, string>; ref?: { kind: string; id: string; lineId?: string } }>;
}

export interface SalesOrder {
	orderId: string;
	customerId: string;
	orderedAt: string;
	department: string | null;
	/** The actor who entered it ("user:…", "token:…"). */
	enteredBy: string | null;
	/** Values of no-code fields, by key. */
	custom: Record<string, unknown>;
	currency: string;
	lines: SalesLine[];
	/** The values of the lines not cancelled (a cancelled line counts for what was shipped of it). */
	total: Total;
}

interface LineRow {
	in_production: boolean;
	ready: boolean;
	order_id: string;
	line_id: string;
	item_id: string | null;
	qty: number | null;
	requested_date: string | null;
	promised_date: string | null;
	priority: number | null;
	unit_price: number | null;
	shipped: number;
	cancelled: boolean;
	cancel_reason: string | null;
	risk: LineRisk | null;
}

/**
 * SQL for the production facts of the sales order line aliased `l`: in production while an order made
 * for it is released or running; ready once completed orders made for it cover what is still to ship.
 */
export const LINE_IN_PRODUCTION_SQL = `exists (select 1 from production_orders p where p.sales_order_id = l.order_id
	and p.sales_line_id = l.line_id and p.status in ('released', 'in_progress'))`;
export const LINE_READY_SQL = `(l.shipped_qty < coalesce(l.qty, 0)
	and exists (select 1 from production_orders p where p.sales_order_id = l.order_id and p.sales_line_id = l.line_id and p.status = 'completed')
	and coalesce((select sum(p.good_qty) from production_orders p where p.sales_order_id = l.order_id
		and p.sales_line_id = l.line_id and p.status = 'completed'), 0) >= coalesce(l.qty, 0) - l.shipped_qty)`;

const LINE_SQL = `select l.order_id, l.line_id, l.item_id, l.qty::float8 as qty, to_char(l.requested_date, 'YYYY-MM-DD') as requested_date,
	to_char(l.promised_date, 'YYYY-MM-DD') as promised_date, l.priority, l.unit_price::float8 as unit_price, l.shipped_qty::float8 as shipped,
	l.cancelled_at is not null as cancelled, l.cancel_reason,
	${LINE_IN_PRODUCTION_SQL} as in_production, ${LINE_READY_SQL} as ready,
	case when r.order_id is null then null else json_build_object('expectedDate', to_char(r.expected_date, 'YYYY-MM-DD'),
		'daysLate', r.days_late, 'causes', r.causes) end as risk
	from sales_order_lines l left join sales_order_line_risks r on r.order_id = l.order_id and r.line_id = l.line_id`;

function toLine(r: LineRow, today: string): SalesLine {
	const facts = {
		qty: r.qty ?? 0,
		shippedQty: r.shipped,
		requestedDate: r.requested_date,
		promisedDate: r.promised_date,
		cancelled: r.cancelled,
		today,
		inProduction: r.in_production,
		ready: r.ready
	};
	return {
		lineId: r.line_id,
		itemId: r.item_id,
		qty: r.qty,
		requestedDate: r.requested_date,
		promisedDate: r.promised_date,
		priority: r.priority,
		unitPrice: r.unit_price,
		value: lineValue(r.qty, r.unit_price),
		shippedQty: r.shipped,
		cancelled: r.cancelled,
		cancelReason: r.cancel_reason,
		status: deriveLineStatus(facts),
		progress: lineProgress(facts),
		risk: r.risk
	};
}

/** An order with its lines and history; null when there is none, or none the reader's department scope shows. */
export async function getSalesOrder(
	q: Queryable,
	orderId: string,
	today: string,
	scope: string | null = null
): Promise<(SalesOrder & { history: StoredEvent[] }) | null> {
	const h = await q.query<{ customer_id: string; ordered_at: Date | string; department: string | null; entered_by: string | null; custom: Record<string, unknown>; currency: string }>(
		'select customer_id, ordered_at, department, entered_by, custom, currency from sales_orders where order_id = $1',
		[orderId]
	);
	if (!h.rows[0] || !inScope(scope, h.rows[0].department)) return null;
	const lines = await q.query<LineRow>(`${LINE_SQL} where l.order_id = $1 order by l.line_id`, [orderId]);
	const history = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where data->>'orderId' = $1 and type in ('sales_order.created', 'sales_order.changed', 'sales_order.cancelled', 'sales_order.promised', 'shipment.shipped',
			'shipment.reversed')
		order by occurred_at desc, seq desc limit 200`,
		[orderId]
	);
	const salesLines = lines.rows.map((r) => toLine(r, today));
	return {
		orderId,
		customerId: h.rows[0].customer_id,
		orderedAt: new Date(h.rows[0].ordered_at).toISOString(),
		department: h.rows[0].department,
		enteredBy: h.rows[0].entered_by,
		custom: h.rows[0].custom,
		currency: h.rows[0].currency,
		lines: salesLines,
		total: orderTotal(salesLines),
		history: history.rows.map(rowToEvent)
	};
}
