// Sales event types beyond the fixed ones: changes, cancellations and promises of order lines, and
// the reason-code lists they refer to.
import { z } from 'zod';
import { code, currency, isoDate, nonNegative, qty, text } from '../events/primitives.ts';
import { coded } from '../events/issue-codes.ts';
import { eventId } from '../events/envelope.ts';

export const REASON_LISTS = ['order_change', 'order_cancel', 'po_delay', 'scrap', 'wc_stop', 'stock_adjust', 'correction', 'over_production'] as const;
export type ReasonList = (typeof REASON_LISTS)[number];

const priority = z.number().int('must be a whole number').min(1, 'must be 1 to 9').max(9, 'must be 1 to 9');

export const salesOrderChangedSchema = z.strictObject({
	orderId: code,
	reasonCode: code,
	lines: z
		.array(
			z
				.strictObject({ lineId: code, qty: qty.optional(), requestedDate: isoDate.optional(), priority: priority.optional(), unitPrice: nonNegative.optional() })
				.refine((l) => l.qty !== undefined || l.requestedDate !== undefined || l.priority !== undefined || l.unitPrice !== undefined, {
					message: 'must change qty, requestedDate, priority or unitPrice',
					params: coded('ERR_NOTHING_CHANGED'),
					path: ['lineId']
				})
		)
		.min(1, 'must change at least one line')
		.max(1000),
	note: text(500).optional()
});

export const salesOrderCancelledSchema = z.strictObject({
	orderId: code,
	reasonCode: code,
	/** The lines cancelled; absent: the whole order. */
	lineIds: z.array(code).min(1).max(1000).optional(),
	note: text(500).optional()
});

export const salesOrderPromisedSchema = z.strictObject({
	orderId: code,
	lines: z.array(z.strictObject({ lineId: code, promisedDate: isoDate })).min(1).max(1000)
});

/**
 * A mistaken shipment taken back: the shipment's event id and what it shipped, repeated (checked
 * against the shipment), with a reason of the `correction` list. The goods return to where they left.
 */
export const shipmentReversedSchema = z.strictObject({
	shipmentId: eventId,
	orderId: code,
	lineId: code,
	qty,
	itemId: code.optional(),
	locationId: code.optional(),
	reasonCode: code,
	note: text(500).optional()
});

/** A customer's agreed price of an item (in `currency`, default CNY); new orders take it when a line has none. */
export const customerPriceUpsertedSchema = z.strictObject({ customerId: code, itemId: code, unitPrice: nonNegative, currency: currency.optional() });

/** The agreed price is withdrawn: new orders fall back to the item's list price. */
export const customerPriceRemovedSchema = z.strictObject({ customerId: code, itemId: code });

export const reasonCodeUpsertedSchema = z.strictObject({
	list: z.enum(REASON_LISTS),
	code,
	labels: z.strictObject({ 'zh-CN': text(100), en: text(100) }),
	active: z.boolean().optional()
});

export const salesEventTypes = [
	{ type: 'sales_order.changed', schema: salesOrderChangedSchema, description: 'Order lines changed (quantity, requested date, priority, unit price), with a reason code.' },
	{ type: 'sales_order.cancelled', schema: salesOrderCancelledSchema, description: 'Order lines (or the whole order) cancelled, with a reason code.' },
	{ type: 'sales_order.promised', schema: salesOrderPromisedSchema, description: 'Promise dates given for order lines.' },
	{ type: 'shipment.reversed', schema: shipmentReversedSchema, description: 'A mistaken shipment was taken back (corrected), with a reason: the line owes it again and the goods return to stock.' },
	{ type: 'customer_price.upserted', schema: customerPriceUpsertedSchema, description: "A customer's agreed price of an item, which new sales orders take when a line has no price." },
	{ type: 'customer_price.removed', schema: customerPriceRemovedSchema, description: "A customer's agreed price of an item was withdrawn." },
	{ type: 'reason_code.upserted', schema: reasonCodeUpsertedSchema, description: 'A reason code was added to, changed in or retired from a list.' }
];
