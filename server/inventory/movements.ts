// What one event did to an item's stock, for the movement history: which locations gained or lost how
// much, why, and which order it belongs to. Pure: the event as stored in, the movement out. Mirrors the
// projectors (projectors.ts): receipts enter QC, inspections empty QC into MAIN and REJECTED, shipments
// leave their location (MAIN when not given), completions enter MAIN with the order's good quantity.
import { DEFAULT_LOCATION, QC_LOCATION, REJECTED_LOCATION } from './schemas.ts';

/** Event types that move stock, as the projectors apply them. */
export const MOVEMENT_TYPES = [
	'stock.adjusted',
	'stock.moved',
	'stock.issued',
	'goods.received',
	'inspection.recorded',
	'shipment.shipped',
	'production_order.completed',
	'shipment.reversed',
	'goods.receipt_reversed',
	'inspection.reversed',
	'production.report_reversed'
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

export const MOVEMENT_KINDS = ['adjustment', 'transfer', 'issue', 'receipt', 'inspection', 'shipment', 'production', 'shipment_reversal', 'receipt_reversal', 'inspection_reversal', 'report_reversal'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

const KIND: Record<MovementType, MovementKind> = {
	'stock.adjusted': 'adjustment',
	'stock.moved': 'transfer',
	'stock.issued': 'issue',
	'goods.received': 'receipt',
	'inspection.recorded': 'inspection',
	'shipment.shipped': 'shipment',
	'production_order.completed': 'production',
	'shipment.reversed': 'shipment_reversal',
	'goods.receipt_reversed': 'receipt_reversal',
	'inspection.reversed': 'inspection_reversal',
	'production.report_reversed': 'report_reversal'
};

/** Signed: positive arrived at the location, negative left it. */
export interface Move {
	locationId: string;
	qty: number;
}

export interface Movement {
	id: string;
	type: MovementType;
	kind: MovementKind;
	occurredAt: string;
	source: string;
	/** As the event log records it: "user:zhang.wei", "token:ERP", "system". */
	actor: string | null;
	/** The user's display name when the actor is a user of this installation. */
	actorName: string | null;
	moves: Move[];
	reasonCode?: string;
	note?: string;
	/** The order the movement belongs to (purchase, sales or production order). */
	reference?: { kind: 'po' | 'so' | 'mo'; id: string; lineId?: string };
	/** Issues: by hand, or backflushed at a report or at completion. */
	mode?: string;
}

export interface MovementEvent {
	id: string;
	type: MovementType;
	occurredAt: string;
	source: string;
	actor: string | null;
	actorName: string | null;
	data: Record<string, unknown>;
	/** The order's good quantity, for completions (their event carries only the order). */
	completedQty: number | null;
	/** The item whose movements these are: a corrected report returns several components. */
	itemId?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function movesOf(e: MovementEvent): Move[] {
	const d = e.data;
	switch (e.type) {
		case 'stock.adjusted':
			return [{ locationId: String(d.locationId), qty: num(d.qty) }];
		case 'stock.moved':
			return [
				{ locationId: String(d.fromLocationId), qty: -num(d.qty) },
				{ locationId: String(d.toLocationId), qty: num(d.qty) }
			];
		case 'stock.issued':
			return [{ locationId: String(d.locationId), qty: -num(d.qty) }];
		case 'goods.received':
			return [{ locationId: QC_LOCATION, qty: num(d.qty) }];
		case 'inspection.recorded': {
			const accepted = num(d.acceptedQty);
			const rejected = num(d.rejectedQty);
			const out: Move[] = [{ locationId: QC_LOCATION, qty: -(accepted + rejected) }];
			if (accepted > 0) out.push({ locationId: DEFAULT_LOCATION, qty: accepted });
			if (rejected > 0) out.push({ locationId: REJECTED_LOCATION, qty: rejected });
			return out;
		}
		case 'shipment.shipped':
			return [{ locationId: str(d.locationId) ?? DEFAULT_LOCATION, qty: -num(d.qty) }];
		case 'production_order.completed':
			return [{ locationId: DEFAULT_LOCATION, qty: e.completedQty ?? 0 }];
		// Corrections repeat what they take back: the shipped goods return, the received ones leave QC.
		case 'shipment.reversed':
			return [{ locationId: str(d.locationId) ?? DEFAULT_LOCATION, qty: num(d.qty) }];
		case 'goods.receipt_reversed':
			return [{ locationId: QC_LOCATION, qty: -num(d.qty) }];
		case 'inspection.reversed': {
			const accepted = num(d.acceptedQty);
			const rejected = num(d.rejectedQty);
			const out: Move[] = [];
			if (accepted > 0) out.push({ locationId: DEFAULT_LOCATION, qty: -accepted });
			if (rejected > 0) out.push({ locationId: REJECTED_LOCATION, qty: -rejected });
			out.push({ locationId: QC_LOCATION, qty: accepted + rejected });
			return out;
		}
		case 'production.report_reversed':
			return (Array.isArray(d.returns) ? (d.returns as Record<string, unknown>[]) : [])
				.filter((r) => e.itemId === undefined || r.itemId === e.itemId)
				.map((r) => ({ locationId: String(r.locationId), qty: num(r.qty) }));
	}
}

function referenceOf(e: MovementEvent): Movement['reference'] {
	const d = e.data;
	const lineId = str(d.lineId);
	if (str(d.poId)) return { kind: 'po', id: String(d.poId), ...(lineId ? { lineId } : {}) };
	if (str(d.orderId)) return { kind: 'so', id: String(d.orderId), ...(lineId ? { lineId } : {}) };
	if (str(d.productionOrderId)) return { kind: 'mo', id: String(d.productionOrderId) };
	return undefined;
}

export function toMovement(e: MovementEvent): Movement {
	const m: Movement = {
		id: e.id,
		type: e.type,
		kind: KIND[e.type],
		occurredAt: e.occurredAt,
		source: e.source,
		actor: e.actor,
		actorName: e.actorName,
		moves: movesOf(e)
	};
	const reasonCode = str(e.data.reasonCode);
	const note = str(e.data.note);
	const reference = referenceOf(e);
	const mode = str(e.data.mode);
	if (reasonCode) m.reasonCode = reasonCode;
	if (note) m.note = note;
	if (reference) m.reference = reference;
	if (mode) m.mode = mode;
	return m;
}
