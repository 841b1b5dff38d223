// Sales rules as pure decisions over an order line's facts (server/events/refusal.ts): the commands
// call them before they emit, the projector guards (sales/guards.ts) when an event arrives by ingest.
import { QTY_EPSILON, type Refusal } from '../events/refusal.ts';
import type { ReversalRule } from '../events/reversal.ts';
import { DEFAULT_LOCATION } from '../inventory/schemas.ts';

export interface SalesLineFacts {
	/** Null while only a shipment that arrived before its order made the line. */
	qty: number | null;
	shipped: number;
	cancelled: boolean;
}

const unknownLine = (orderId: string, lineId: string, path: string): Refusal => ({
	code: 'ERR_SO_UNKNOWN_LINE',
	path,
	message: `order ${orderId} has no line "${lineId}"`,
	params: { lineId }
});

export function unknownCustomer(customerId: string): Refusal {
	return { code: 'ERR_UNKNOWN_CUSTOMER', path: 'customerId', message: `unknown customer "${customerId}"`, params: { customerId } };
}

/** A shipment: the line exists, is not cancelled, and keeps shipped ≤ ordered. */
export function shipmentRefusal(line: SalesLineFacts | undefined, qty: number, orderId: string, lineId: string): Refusal | null {
	if (!line || line.qty === null) return unknownLine(orderId, lineId, 'lineId');
	if (line.cancelled) return { code: 'ERR_SO_LINE_CANCELLED', path: 'lineId', message: `line ${lineId} is cancelled`, params: { lineId } };
	const open = line.qty - line.shipped;
	if (qty > open + QTY_EPSILON) return { code: 'ERR_SO_OVER_SHIPMENT', path: 'qty', message: `only ${open} open on this line`, params: { open } };
	return null;
}

/** A change of line `i`: the line exists, is not cancelled, and its new quantity is not below what shipped. */
export function changeRefusal(line: SalesLineFacts | undefined, change: { lineId: string; qty?: number }, i: number, orderId: string): Refusal | null {
	if (!line || line.qty === null) return unknownLine(orderId, change.lineId, `lines.${i}.lineId`);
	if (line.cancelled) return { code: 'ERR_SO_LINE_CANCELLED', path: `lines.${i}.lineId`, message: `line ${change.lineId} is cancelled`, params: { lineId: change.lineId } };
	if (change.qty !== undefined && change.qty < line.shipped) {
		return { code: 'ERR_SO_QTY_BELOW_SHIPPED', path: `lines.${i}.qty`, message: `${line.shipped} have been shipped already`, params: { shipped: line.shipped } };
	}
	return null;
}

/** Cancelling line `i` of the list: it exists, is not cancelled already, and is not shipped in full. */
export function cancelRefusal(line: SalesLineFacts | undefined, lineId: string, i: number, orderId: string): Refusal | null {
	const path = `lineIds.${i}`;
	if (!line || line.qty === null) return unknownLine(orderId, lineId, path);
	if (line.cancelled) return { code: 'ERR_SO_LINE_CANCELLED', path, message: `line ${lineId} is cancelled already`, params: { lineId } };
	if (line.shipped >= line.qty) return { code: 'ERR_SO_LINE_SHIPPED', path, message: `line ${lineId} has been shipped in full`, params: { lineId } };
	return null;
}

/** A promise date for line `i`: the line exists. */
export function promiseRefusal(line: SalesLineFacts | undefined, lineId: string, i: number, orderId: string): Refusal | null {
	return line && line.qty !== null ? null : unknownLine(orderId, lineId, `lines.${i}.lineId`);
}

/** A shipment's correction repeats the shipment's order, line, quantity, and item and location when given. */
export const SHIPMENT_REVERSAL: ReversalRule = {
	reverses: 'shipment.shipped',
	idField: 'shipmentId',
	repeats: [{ field: 'orderId' }, { field: 'lineId' }, { field: 'qty' }, { field: 'itemId' }, { field: 'locationId', fallback: DEFAULT_LOCATION }]
};
