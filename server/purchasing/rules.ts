// Purchasing rules as pure decisions over a purchase order line's facts (server/events/refusal.ts):
// the commands call them before they emit, the projector guards (purchasing/guards.ts) when an event
// arrives by ingest or import, so both refuse with the same code and path.
import { QTY_EPSILON, type Refusal } from '../events/refusal.ts';
import type { ReversalRule } from '../events/reversal.ts';

export interface PoLineFacts {
	/** Null while only receipts or inspections that arrived before the order made the line. */
	qty: number | null;
	received: number;
	/** Accepted plus rejected. */
	inspected: number;
}

export function unknownPoLine(poId: string, lineId: string, path = 'lineId'): Refusal {
	return { code: 'ERR_PO_UNKNOWN_LINE', path, message: `purchase order ${poId} has no line "${lineId}"`, params: { poId, lineId } };
}

export function unknownSupplier(supplierId: string, path = 'supplierId'): Refusal {
	return { code: 'ERR_UNKNOWN_SUPPLIER', path, message: `unknown supplier "${supplierId}"`, params: { supplierId } };
}

/** Only a line with something still to receive can be hurried (an expedite request). */
export function expediteRefusal(line: PoLineFacts | undefined, poId: string, lineId: string): Refusal | null {
	if (!line || line.qty === null) return unknownPoLine(poId, lineId);
	return line.received >= line.qty - QTY_EPSILON
		? { code: 'ERR_PO_LINE_RECEIVED', path: 'lineId', message: `line ${lineId} of ${poId} is fully received`, params: { poId, lineId } }
		: null;
}

/** A receipt never takes a line beyond what was ordered. */
export function receiptRefusal(line: PoLineFacts | undefined, qty: number, poId: string, lineId: string): Refusal | null {
	if (!line || line.qty === null) return unknownPoLine(poId, lineId);
	const open = line.qty - line.received;
	return qty > open + QTY_EPSILON ? { code: 'ERR_PO_OVER_RECEIPT', path: 'qty', message: `only ${open} still to receive on this line`, params: { open } } : null;
}

/**
 * An inspection never covers more than is waiting for one. `waiting` is what was received and not yet
 * inspected (commands); guards, which may see an inspection before the receipt it follows, bound it
 * by what was ordered and not yet inspected (receipts can never exceed the order).
 */
export function inspectionRefusal(waiting: number, inspecting: number, what = 'received'): Refusal | null {
	return inspecting > waiting + QTY_EPSILON
		? { code: 'ERR_INSPECTION_EXCEEDS_RECEIPT', path: 'acceptedQty', message: `only ${waiting} ${what} and not yet inspected`, params: { waiting } }
		: null;
}

/** A receipt's correction repeats the receipt's order, line and quantity, and its item when given. */
export const RECEIPT_REVERSAL: ReversalRule = {
	reverses: 'goods.received',
	idField: 'receiptId',
	repeats: [{ field: 'poId' }, { field: 'lineId' }, { field: 'qty' }, { field: 'itemId' }]
};

/** Taking a receipt back leaves the line with no more inspected than received: inspected goods are corrected first. */
export function receiptReversalRefusal(line: { received: number; inspected: number }, qty: number): Refusal | null {
	const uninspected = line.received - line.inspected;
	return qty > uninspected + QTY_EPSILON
		? { code: 'ERR_RECEIPT_INSPECTED', path: 'qty', message: `only ${uninspected} of this line is waiting for inspection`, params: { uninspected } }
		: null;
}

/** An inspection's correction repeats the inspection's order, line and quantities, and its item when given. */
export const INSPECTION_REVERSAL: ReversalRule = {
	reverses: 'inspection.recorded',
	idField: 'inspectionId',
	repeats: [{ field: 'poId' }, { field: 'lineId' }, { field: 'acceptedQty' }, { field: 'rejectedQty' }, { field: 'itemId' }]
};
