// Sales KPIs, one subject per sales order: on-time delivery per line (vs the promised date and vs the
// requested date), OTIF per order, and order response time. The formulas are pure functions of the
// order's current state and the ledger's horizon; the loader below reads that state in two queries
// for any number of orders.
import type { Queryable } from '../../db/db.ts';
import { factoryDate, addDays } from '../../shared/factory-date.ts';
import { withDims, type Contribution, type KpiFamily, type LedgerContext } from '../ledger.ts';
import { dayEnd, dayStart, floorMinute } from '../time.ts';

export interface SalesLineFacts {
	lineId: string;
	itemId: string;
	qty: number;
	requestedDate: string;
	promisedDate: string | null;
	cancelled: boolean;
	shippedQty: number;
	/** The latest shipment's business time: when a line shipped in full, the moment it became complete. */
	lastShippedAt: number | null;
}

export interface SalesOrderFacts {
	orderId: string;
	customerId: string;
	/** Business time of the order's first version: when it was entered. */
	enteredAt: number;
	/** Business time of its first promise, if any. */
	firstPromisedAt: number | null;
	lines: SalesLineFacts[];
}

/** When a line was complete (shipped in full), or null. Shipments beyond the ordered quantity are refused, so the last one completes it. */
export function completedAt(l: SalesLineFacts): number | null {
	return l.qty > 0 && l.shippedQty >= l.qty ? l.lastShippedAt : null;
}

/**
 * Delivery of one line against one due date (CONTRACTS.md `otd`): counted (den 1) once the line is
 * complete or its due date has ended at the horizon; on time (num 1) when shipped in full before the
 * end of the due date in the factory time zone. Bucketed at the start of the due date, so a window
 * holds exactly the lines due in it. Null: not counted (yet).
 */
export function deliveryOutcome(l: SalesLineFacts, due: string, ctx: LedgerContext): { bucket: number; num: number; den: number } | null {
	if (l.cancelled) return null;
	const end = dayEnd(due, ctx.timeZone);
	const done = completedAt(l);
	if (done === null && (ctx.horizon === null || ctx.horizon < end)) return null;
	return { bucket: dayStart(due, ctx.timeZone), num: done !== null && done < end ? 1 : 0, den: 1 };
}

export const lineDue = (l: SalesLineFacts) => l.promisedDate ?? l.requestedDate;

/** Pure: the contributions of one sales order. */
export function salesContributions(o: SalesOrderFacts, ctx: LedgerContext): Contribution[] {
	const out: Contribution[] = [];
	const live = o.lines.filter((l) => !l.cancelled);
	for (const l of live) {
		const record = `${o.orderId}/${l.lineId}`;
		const dims = { customer: o.customerId, item: l.itemId };
		for (const [kpi, due] of [
			['otd', lineDue(l)],
			['otd_requested', l.requestedDate]
		] as const) {
			const r = deliveryOutcome(l, due, ctx);
			if (r) out.push(...withDims({ subject: o.orderId, kpi, record, ...r }, dims));
		}
	}
	// OTIF: the order counts once every line is complete or its last due date has ended; it is on time in
	// full when every line shipped in full by the end of its own due date.
	if (live.length) {
		const lastDue = live.map(lineDue).sort().at(-1)!;
		const outcomes = live.map((l) => ({ l, end: dayEnd(lineDue(l), ctx.timeZone), done: completedAt(l) }));
		const allDone = outcomes.every((x) => x.done !== null);
		const lastEnd = dayEnd(lastDue, ctx.timeZone);
		if (allDone || (ctx.horizon !== null && ctx.horizon >= lastEnd)) {
			const ok = outcomes.every((x) => x.done !== null && x.done < x.end);
			out.push(...withDims({ subject: o.orderId, kpi: 'otif', record: o.orderId, bucket: dayStart(lastDue, ctx.timeZone), num: ok ? 1 : 0, den: 1 }, { customer: o.customerId }));
		}
	}
	// Order response time: hours from entry to the first promise, counted in the minute the order was entered.
	if (o.firstPromisedAt !== null && live.length) {
		const hours = Math.max(0, o.firstPromisedAt - o.enteredAt) / 3_600_000;
		out.push(...withDims({ subject: o.orderId, kpi: 'order_response_time', record: o.orderId, bucket: floorMinute(o.enteredAt), num: hours, den: 1 }, { customer: o.customerId }));
	}
	return out;
}

export async function loadSalesOrders(q: Queryable, ids: string[]): Promise<SalesOrderFacts[]> {
	// One statement: the lines, and per order its entry and first promise by business time (kept by the
	// sales projectors: a re-sent order or a new promise does not move them).
	const lines = await q.query<{
		order_id: string;
		customer_id: string;
		line_id: string;
		item_id: string;
		qty: number;
		requested: string;
		promised: string | null;
		cancelled: boolean;
		shipped: number;
		last_shipped: number | null;
		entered: number | null;
		first_promised: number | null;
	}>(
		`select l.order_id, h.customer_id, l.line_id, l.item_id, l.qty::float8 as qty, to_char(l.requested_date, 'YYYY-MM-DD') as requested,
			to_char(l.promised_date, 'YYYY-MM-DD') as promised, l.cancelled_at is not null as cancelled, l.shipped_qty::float8 as shipped,
			(extract(epoch from l.last_shipped_at) * 1000)::float8 as last_shipped, (extract(epoch from coalesce(h.entered_at, h.ordered_at)) * 1000)::float8 as entered,
			(extract(epoch from h.first_promised_at) * 1000)::float8 as first_promised
		from unnest($1::text[]) k(id) join sales_order_lines l on l.order_id = k.id join sales_orders h on h.order_id = l.order_id
		where l.item_id is not null and l.qty is not null and l.requested_date is not null
		order by l.order_id, l.line_id`,
		[ids]
	);
	const orders = new Map<string, SalesOrderFacts>();
	for (const r of lines.rows) {
		let o = orders.get(r.order_id);
		if (!o) {
			o = { orderId: r.order_id, customerId: r.customer_id, enteredAt: r.entered ?? 0, firstPromisedAt: r.first_promised, lines: [] };
			orders.set(r.order_id, o);
		}
		o.lines.push({
			lineId: r.line_id,
			itemId: r.item_id,
			qty: r.qty,
			requestedDate: r.requested,
			promisedDate: r.promised,
			cancelled: r.cancelled,
			shippedQty: r.shipped,
			lastShippedAt: r.last_shipped
		});
	}
	return [...orders.values()];
}

const orderIds = (events: { data: unknown }[]) => events.map((e) => (e.data as { orderId: string }).orderId);

export const salesFamily: KpiFamily = {
	name: 'sales_order',
	on: {
		'sales_order.created': orderIds,
		'sales_order.changed': orderIds,
		'sales_order.cancelled': orderIds,
		'sales_order.promised': orderIds,
		'shipment.shipped': orderIds,
		'shipment.reversed': orderIds
	},
	async contributions(q, ids, ctx) {
		return (await loadSalesOrders(q, ids)).flatMap((o) => salesContributions(o, ctx));
	},
	async all(q) {
		return (await q.query<{ order_id: string }>('select order_id from sales_orders order by order_id')).rows.map((r) => r.order_id);
	},
	// Orders with an open line and a line whose due date (promised or requested) may have ended between the two instants.
	async timeDriven(q, from, to, ctx) {
		const first = from === null ? '0001-01-01' : addDays(factoryDate(new Date(from), ctx.timeZone), -1);
		const last = factoryDate(new Date(to), ctx.timeZone);
		const r = await q.query<{ order_id: string }>(
			`select order_id from sales_order_lines
			where cancelled_at is null and item_id is not null and qty is not null and requested_date is not null
			group by order_id
			having bool_or(shipped_qty < qty)
				and bool_or(coalesce(promised_date, requested_date) between $1::date and $2::date or requested_date between $1::date and $2::date)`,
			[first, last]
		);
		return r.rows.map((x) => x.order_id);
	}
};
