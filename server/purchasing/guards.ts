// Projector guards of the purchasing events: the commands' rules (purchasing/rules.ts) for events that
// arrive by ingest or import. Set-based: one query per batch and type (two where reason codes count).
// An event naming a purchase order the server has not seen yet is not refused: it waits for the
// order, as the projections allow (README, "Events may arrive out of order").
import type { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { FixedData } from '../events/catalogue.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { refuseEvent } from '../events/refusal.ts';
import { firstRefusal } from '../events/batch-check.ts';
import { unknownItem } from '../inventory/rules.ts';
import { guardReasons, reasonRequired } from '../sales/reason-guard.ts';
import { requisitionMachine, type RequisitionStatus } from './requisition-state.ts';
import { expediteRefusal, inspectionRefusal, receiptRefusal, unknownPoLine, unknownSupplier, type PoLineFacts } from './rules.ts';
import type {
	inspectionRecordedSchema,
	purchaseOrderConfirmedSchema,
	purchaseOrderDelayedSchema,
	purchaseOrderExpediteRequestedSchema,
	supplierItemUpsertedSchema
} from './schemas.ts';

/** Lines of these orders, locked as the commands lock them; orders no placement has named yet are absent. */
async function knownOrders(tx: Queryable, poIds: string[]): Promise<Map<string, Map<string, PoLineFacts>>> {
	const r = await tx.query<{ po_id: string; line_id: string; qty: number | null; received: number; inspected: number }>(
		`select po_id, line_id, qty::float8 as qty, received_qty::float8 as received, (accepted_qty + rejected_qty)::float8 as inspected
		from purchase_order_lines where po_id = any($1::text[]) order by po_id, line_id for update`,
		[[...new Set(poIds)].sort()]
	);
	const out = new Map<string, Map<string, PoLineFacts>>();
	for (const l of r.rows) {
		const lines = out.get(l.po_id) ?? new Map<string, PoLineFacts>();
		lines.set(l.line_id, { qty: l.qty, received: l.received, inspected: l.inspected });
		out.set(l.po_id, lines);
	}
	for (const [id, lines] of out) if (![...lines.values()].some((l) => l.qty !== null)) out.delete(id);
	return out;
}

/**
 * Receipts of a known order: a line it has, never beyond what was ordered — decided in batch order on
 * the lines as the receipts' own write returned them (lines of orders not known yet wait).
 */
export function checkReceipts(
	events: StoredEvent<FixedData<'goods.received'>>[],
	rows: { po_id: string; line_id: string; qty: number | null; received: number; known: boolean }[]
): void {
	const key = (poId: string, lineId: string) => poId + '\u0000' + lineId;
	const after = new Map(rows.filter((r) => r.known).map((r) => [key(r.po_id, r.line_id), { qty: r.qty, received: r.received, inspected: 0 }]));
	const byId = new Map(events.map((e) => [e.id, e]));
	const first = firstRefusal(
		events.map((e) => ({ eventId: e.id, key: key(e.data.poId, e.data.lineId), qty: e.data.qty })),
		after,
		(f) => f.received,
		(f, received) => ({ ...f, received }),
		(line, m) => {
			const e = byId.get(m.eventId)!;
			return receiptRefusal(line, m.qty, e.data.poId, e.data.lineId);
		}
	);
	if (first) refuseEvent(first.eventId, first.refusal);
}

type Inspected = z.infer<typeof inspectionRecordedSchema>;

/** Inspections: a reason for rejected goods, and never more than ordered and not yet inspected. */
export async function guardInspections(tx: Queryable, events: StoredEvent<Inspected>[]): Promise<void> {
	for (const e of events) if (e.data.rejectedQty > 0 && !e.data.reasonCode) refuseEvent(e.id, reasonRequired('for rejected goods'));
	await guardReasons(tx, events.filter((e) => e.data.rejectedQty > 0).map((e) => ({ eventId: e.id, list: 'scrap', code: e.data.reasonCode! })));
	const orders = await knownOrders(tx, events.map((e) => e.data.poId));
	for (const e of events) {
		const lines = orders.get(e.data.poId);
		if (!lines) continue;
		const line = lines.get(e.data.lineId);
		if (!line || line.qty === null) refuseEvent(e.id, unknownPoLine(e.data.poId, e.data.lineId));
		const inspecting = e.data.acceptedQty + e.data.rejectedQty;
		refuseEvent(e.id, inspectionRefusal(line!.qty! - line!.inspected, inspecting, 'ordered'));
		line!.inspected += inspecting;
	}
}

type Confirmed = z.infer<typeof purchaseOrderConfirmedSchema>;
type Delayed = z.infer<typeof purchaseOrderDelayedSchema>;

export async function guardConfirmations(tx: Queryable, events: StoredEvent<Confirmed>[]): Promise<void> {
	const orders = await knownOrders(tx, events.map((e) => e.data.poId));
	for (const e of events) {
		const lines = orders.get(e.data.poId);
		if (!lines) continue;
		e.data.lines.forEach((l, i) => {
			if (lines.get(l.lineId)?.qty == null) refuseEvent(e.id, unknownPoLine(e.data.poId, l.lineId, `lines.${i}.lineId`));
		});
	}
}

export async function guardDelays(tx: Queryable, events: StoredEvent<Delayed>[]): Promise<void> {
	await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'po_delay', code: e.data.reasonCode })));
	const orders = await knownOrders(tx, events.map((e) => e.data.poId));
	for (const e of events) {
		const lines = orders.get(e.data.poId);
		if (lines && lines.get(e.data.lineId)?.qty == null) refuseEvent(e.id, unknownPoLine(e.data.poId, e.data.lineId));
	}
}

/**
 * An expedite request names a line still to receive. Unlike a delay it does not wait for an order not
 * known yet: it is a request made here, about an order this installation shows.
 */
export async function guardExpediteRequests(tx: Queryable, events: StoredEvent<z.infer<typeof purchaseOrderExpediteRequestedSchema>>[]): Promise<void> {
	const orders = await knownOrders(tx, events.map((e) => e.data.poId));
	for (const e of events) refuseEvent(e.id, expediteRefusal(orders.get(e.data.poId)?.get(e.data.lineId), e.data.poId, e.data.lineId));
}

/**
 * Placements name a known supplier and known items; a requisition they name must not be closed to
 * ordering (rejected, or ordered on another purchase order). A pending one is accepted: it stays
 * pending and becomes ordered with its last approval (purchasing/requisition-state.ts).
 */
export async function guardPlacements(tx: Queryable, events: StoredEvent<FixedData<'purchase_order.placed'>>[]): Promise<void> {
	const reqIds = [...new Set(events.flatMap((e) => e.data.lines.flatMap((l) => (l.requisitionId ? [l.requisitionId] : []))))];
	const r = await tx.query<{ k: string; id: string; status: RequisitionStatus | null; po: string | null }>(
		`select 's' as k, supplier_id as id, null as status, null as po from suppliers where supplier_id = any($1::text[])
		union all select 'i', item_id, null, null from items where item_id = any($2::text[])
		union all select 'r', requisition_id, status, po_id from requisitions where requisition_id = any($3::text[])`,
		[[...new Set(events.map((e) => e.data.supplierId))], [...new Set(events.flatMap((e) => e.data.lines.map((l) => l.itemId)))], reqIds]
	);
	const suppliers = new Set(r.rows.filter((x) => x.k === 's').map((x) => x.id));
	const items = new Set(r.rows.filter((x) => x.k === 'i').map((x) => x.id));
	const reqs = new Map(r.rows.filter((x) => x.k === 'r').map((x) => [x.id, x]));
	for (const e of events) {
		if (!suppliers.has(e.data.supplierId)) refuseEvent(e.id, unknownSupplier(e.data.supplierId));
		e.data.lines.forEach((l, i) => {
			if (!items.has(l.itemId)) refuseEvent(e.id, unknownItem(l.itemId, `lines.${i}.itemId`));
			const req = l.requisitionId ? reqs.get(l.requisitionId) : undefined;
			if (!req || req.status === 'pending' || (req.status === 'ordered' && req.po === e.data.poId)) return;
			refuseEvent(e.id, requisitionMachine.refusal(req.status!, 'ordered', `lines.${i}.requisitionId`, l.requisitionId!));
		});
	}
}

/** Supplier terms name a known supplier and item. */
export async function guardSupplierItems(tx: Queryable, events: StoredEvent<z.infer<typeof supplierItemUpsertedSchema>>[]): Promise<void> {
	const r = await tx.query<{ k: string; id: string }>(
		`select 's' as k, supplier_id as id from suppliers where supplier_id = any($1::text[])
		union all select 'i', item_id from items where item_id = any($2::text[])`,
		[[...new Set(events.map((e) => e.data.supplierId))], [...new Set(events.map((e) => e.data.itemId))]]
	);
	const known = new Set(r.rows.map((x) => x.k + x.id));
	for (const e of events) {
		if (!known.has('s' + e.data.supplierId)) refuseEvent(e.id, unknownSupplier(e.data.supplierId));
		if (!known.has('i' + e.data.itemId)) refuseEvent(e.id, unknownItem(e.data.itemId));
	}
}
