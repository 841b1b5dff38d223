// Projector guards of the sales events: the commands' rules (sales/rules.ts) for events that arrive
// by ingest or import. Set-based: one query per batch and type. An event naming an order the server
// has not seen yet is not refused: it waits for its order, as projections allow (out-of-order arrival).
import type { Queryable } from '../db/db.ts';
import type { FixedData } from '../events/catalogue.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { refuseEvent } from '../events/refusal.ts';
import { firstRefusal } from '../events/batch-check.ts';
import { unknownItem } from '../inventory/rules.ts';
import { guardReasons } from './reason-guard.ts';
import { cancelRefusal, changeRefusal, promiseRefusal, shipmentRefusal, unknownCustomer, type SalesLineFacts } from './rules.ts';
import type { z } from 'zod';
import type { salesOrderCancelledSchema, salesOrderChangedSchema, salesOrderPromisedSchema } from './schemas.ts';

/** The lines of these orders, locked as the commands lock them; orders with no line of a known item are absent. */
async function knownOrders(tx: Queryable, orderIds: string[]): Promise<Map<string, Map<string, SalesLineFacts>>> {
	const r = await tx.query<{ order_id: string; line_id: string; qty: number | null; shipped: number; cancelled: boolean; placed: boolean }>(
		`select order_id, line_id, qty::float8 as qty, shipped_qty::float8 as shipped, cancelled_at is not null as cancelled, item_id is not null as placed
		from sales_order_lines where order_id = any($1::text[]) order by order_id, line_id for update`,
		[[...new Set(orderIds)].sort()]
	);
	const out = new Map<string, Map<string, SalesLineFacts>>();
	for (const l of r.rows) {
		const lines = out.get(l.order_id) ?? new Map<string, SalesLineFacts>();
		lines.set(l.line_id, { qty: l.qty, shipped: l.shipped, cancelled: l.cancelled });
		out.set(l.order_id, lines);
	}
	for (const [id, lines] of out) if (![...lines.values()].some((l) => l.qty !== null)) out.delete(id);
	return out;
}

/** Orders name a known customer and known items (master data comes first, as in the commands). */
export async function guardOrdersCreated(tx: Queryable, events: StoredEvent<FixedData<'sales_order.created'>>[]): Promise<void> {
	const r = await tx.query<{ k: string; id: string }>(
		`select 'c' as k, customer_id as id from customers where customer_id = any($1::text[])
		union all select 'i', item_id from items where item_id = any($2::text[])`,
		[[...new Set(events.map((e) => e.data.customerId))], [...new Set(events.flatMap((e) => e.data.lines.map((l) => l.itemId)))]]
	);
	const customers = new Set(r.rows.filter((x) => x.k === 'c').map((x) => x.id));
	const items = new Set(r.rows.filter((x) => x.k === 'i').map((x) => x.id));
	for (const e of events) {
		if (!customers.has(e.data.customerId)) refuseEvent(e.id, unknownCustomer(e.data.customerId));
		const i = e.data.lines.findIndex((l) => !items.has(l.itemId));
		if (i >= 0) refuseEvent(e.id, unknownItem(e.data.lines[i].itemId, `lines.${i}.itemId`));
	}
}

/**
 * Shipments of a known order: known line, not cancelled, no more than is open — decided in batch order
 * on the lines as the shipments' own write returned them (lines of orders not known yet wait).
 */
export function checkShipments(
	events: StoredEvent<FixedData<'shipment.shipped'>>[],
	rows: { order_id: string; line_id: string; qty: number | null; shipped: number; cancelled: boolean; known: boolean }[]
): void {
	const key = (orderId: string, lineId: string) => orderId + '\u0000' + lineId;
	const after = new Map(rows.filter((r) => r.known).map((r) => [key(r.order_id, r.line_id), { qty: r.qty, shipped: r.shipped, cancelled: r.cancelled }]));
	const byId = new Map(events.map((e) => [e.id, e]));
	const first = firstRefusal(
		events.map((e) => ({ eventId: e.id, key: key(e.data.orderId, e.data.lineId), qty: e.data.qty })),
		after,
		(f) => f.shipped,
		(f, shipped) => ({ ...f, shipped }),
		(line, m) => {
			const e = byId.get(m.eventId)!;
			return shipmentRefusal(line, m.qty, e.data.orderId, e.data.lineId);
		}
	);
	if (first) refuseEvent(first.eventId, first.refusal);
}

export async function guardChanges(tx: Queryable, events: StoredEvent<z.infer<typeof salesOrderChangedSchema>>[]): Promise<void> {
	await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'order_change', code: e.data.reasonCode })));
	const orders = await knownOrders(tx, events.map((e) => e.data.orderId));
	for (const e of events) {
		const lines = orders.get(e.data.orderId);
		if (lines) e.data.lines.forEach((l, i) => refuseEvent(e.id, changeRefusal(lines.get(l.lineId), l, i, e.data.orderId)));
	}
}

export async function guardCancellations(tx: Queryable, events: StoredEvent<z.infer<typeof salesOrderCancelledSchema>>[]): Promise<void> {
	await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'order_cancel', code: e.data.reasonCode })));
	const orders = await knownOrders(tx, events.map((e) => e.data.orderId));
	for (const e of events) {
		const lines = orders.get(e.data.orderId);
		if (!lines) continue;
		const ids = e.data.lineIds ?? [...lines.keys()];
		ids.forEach((id, i) => {
			const line = lines.get(id);
			refuseEvent(e.id, cancelRefusal(line, id, i, e.data.orderId));
			line!.cancelled = true;
		});
	}
}

export async function guardPromises(tx: Queryable, events: StoredEvent<z.infer<typeof salesOrderPromisedSchema>>[]): Promise<void> {
	const orders = await knownOrders(tx, events.map((e) => e.data.orderId));
	for (const e of events) {
		const lines = orders.get(e.data.orderId);
		if (lines) e.data.lines.forEach((l, i) => refuseEvent(e.id, promiseRefusal(lines.get(l.lineId), l.lineId, i, e.data.orderId)));
	}
}

/** A customer price names a known customer and item, whichever way it arrives. */
export async function guardCustomerPrices(tx: Queryable, events: StoredEvent<{ customerId: string; itemId: string }>[]): Promise<void> {
	const r = await tx.query<{ k: string; id: string }>(
		`select 'c' as k, customer_id as id from customers where customer_id = any($1::text[])
		union all select 'i', item_id from items where item_id = any($2::text[])`,
		[[...new Set(events.map((e) => e.data.customerId))], [...new Set(events.map((e) => e.data.itemId))]]
	);
	const known = new Set(r.rows.map((x) => x.k + x.id));
	for (const e of events) {
		if (!known.has('c' + e.data.customerId)) refuseEvent(e.id, unknownCustomer(e.data.customerId));
		if (!known.has('i' + e.data.itemId)) refuseEvent(e.id, unknownItem(e.data.itemId));
	}
}
