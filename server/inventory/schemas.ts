// Inventory event types: stock adjustments (counts, damage, opening balances). Shipments and
// receipts move stock too, through their own events.
import { z } from 'zod';
import { code, MAX_AMOUNT, MIN_QTY, nonNegative, text } from '../events/primitives.ts';
import { coded } from '../events/issue-codes.ts';

export const DEFAULT_LOCATION = 'MAIN';
/** Received goods wait here until inspected. */
export const QC_LOCATION = 'QC';
/** Rejected goods: on the books, never usable. */
export const REJECTED_LOCATION = 'REJECTED';

export const stockAdjustedSchema = z.strictObject({
	itemId: code,
	locationId: code,
	/** Signed: positive adds stock, negative removes it. */
	qty: z
		.number({ message: 'must be a number' })
		.min(-MAX_AMOUNT)
		.max(MAX_AMOUNT)
		.refine((v) => Math.abs(v) >= MIN_QTY, { message: 'must not be 0', params: coded('ERR_NOT_ZERO') }),
	/** Cost of added stock (moving average); removals go out at the current average. */
	unitCost: nonNegative.optional(),
	reasonCode: code,
	/** What the reason code alone does not say (which count, what broke). */
	note: text(500).optional()
});

export const stockMovedSchema = z
	.strictObject({ itemId: code, fromLocationId: code, toLocationId: code, qty: z.number().min(MIN_QTY, 'must be greater than 0').max(MAX_AMOUNT) })
	.refine((v) => v.fromLocationId !== v.toLocationId, { message: 'must differ from fromLocationId', path: ['toLocationId'], params: coded('ERR_SAME_LOCATION') });

/** Locations only inspections may empty: goods there are not usable. */
export const CONTROLLED_LOCATIONS: readonly string[] = [QC_LOCATION, REJECTED_LOCATION];

export const inventoryEventTypes = [
	{ type: 'stock.moved', schema: stockMovedSchema, description: 'Stock of an item was transferred between locations (at its average cost).' },
	{ type: 'stock.adjusted', schema: stockAdjustedSchema, description: 'Stock of an item at a location was adjusted (count, damage, opening balance), with a reason code.' }
];
