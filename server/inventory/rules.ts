// Inventory rules as pure decisions (server/events/refusal.ts): shared by the commands and by the
// projector guards that hold them for ingested and imported events.
import { QTY_EPSILON, type Refusal } from '../events/refusal.ts';
import { CONTROLLED_LOCATIONS } from './schemas.ts';

export interface StockFacts {
	onHand: number;
	/** The item may go below zero (items.allow_negative). */
	allow: boolean;
}

/**
 * Stock left after a movement must not be negative unless the item allows it. `itemId` null leaves the
 * item out of the message, where the form already names it (the inventory pages read that wording).
 */
export function stockRefusal(s: StockFacts, change: number, itemId: string | null, locationId: string, path = 'qty'): Refusal | null {
	if (s.allow || change >= 0 || s.onHand + change >= -QTY_EPSILON) return null;
	return { code: 'ERR_STOCK_NEGATIVE', path, message: `only ${s.onHand}${itemId === null ? '' : ` of ${itemId}`} on hand at ${locationId}`, params: { itemId: itemId ?? '', onHand: s.onHand, locationId } };
}

export function unknownItem(itemId: string, path = 'itemId'): Refusal {
	return { code: 'ERR_UNKNOWN_ITEM', path, message: `unknown item "${itemId}"`, params: { itemId } };
}

/** Goods in QC or REJECTED leave only through an inspection, and enter only through receipts and inspections. */
export function transferRefusal(fromLocationId: string, toLocationId: string): Refusal | null {
	if (CONTROLLED_LOCATIONS.includes(fromLocationId)) {
		return { code: 'ERR_LOCATION_CONTROLLED', path: 'fromLocationId', message: `goods in ${fromLocationId} leave only through an inspection`, params: { locationId: fromLocationId, move: 'leave' } };
	}
	if (CONTROLLED_LOCATIONS.includes(toLocationId)) {
		return { code: 'ERR_LOCATION_CONTROLLED', path: 'toLocationId', message: `goods enter ${toLocationId} only through receipts and inspections`, params: { locationId: toLocationId, move: 'enter' } };
	}
	return null;
}

/** Goods in a controlled location are not usable: they cannot be issued. */
export function issueLocationRefusal(locationId: string): Refusal | null {
	return CONTROLLED_LOCATIONS.includes(locationId) ? { code: 'ERR_LOCATION_CONTROLLED', path: 'locationId', message: `goods in ${locationId} are not usable`, params: { locationId, move: 'use' } } : null;
}
