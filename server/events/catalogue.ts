// One zod schema per event type. The fixed types of CONTRACTS.md are here; capabilities add theirs
// with `defineEventType`. Extension types `x.<vendor>.<name>` carry any JSON object and have no
// projection: integrators use them for their own telemetry; they are stored, read back and streamed.
import { z } from 'zod';

import { code, currency, email, isoDate, jsonObject, nonNegative, qty, text } from './primitives.ts';
import { customValues } from './custom-values.ts';
import { coded } from './issue-codes.ts';

export { code, isoDate, nonNegative, qty };

function uniqueBy<T>(key: (t: T) => string, label: string) {
	return (items: T[], ctx: z.RefinementCtx) => {
		const seen = new Map<string, number>();
		items.forEach((it, i) => {
			const k = key(it);
			if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, label], message: `duplicates line ${seen.get(k)}`, params: coded('ERR_DUPLICATE_LINE', { line: seen.get(k)! + 1 }) });
			else seen.set(k, i);
		});
	};
}

const lotSizing = z
	.strictObject({
		rule: z.enum(['LFL', 'FOQ', 'POQ']),
		qty: qty.optional(),
		periods: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be greater than 0').max(1000, 'must be at most 1000').optional(),
		min: qty.optional(),
		multiple: qty.optional()
	})
	.superRefine((v, ctx) => {
		if (v.rule === 'FOQ' && v.qty === undefined) ctx.addIssue({ code: 'custom', path: ['qty'], message: 'is required for FOQ', params: coded('ERR_LOT_SIZE_REQUIRED', { rule: 'FOQ' }) });
		if (v.rule === 'POQ' && v.periods === undefined)
			ctx.addIssue({ code: 'custom', path: ['periods'], message: 'is required for POQ', params: coded('ERR_LOT_SIZE_REQUIRED', { rule: 'POQ' }) });
	});

const salesOrderLine = z.strictObject({
	lineId: code,
	itemId: code,
	qty,
	requestedDate: isoDate,
	priority: z.number().int('must be a whole number').min(1, 'must be 1 to 9').max(9, 'must be 1 to 9').optional(),
	/** In the order's currency; absent: no agreed price (the line has no value). */
	unitPrice: nonNegative.optional()
});

/** How to reach a customer or supplier and on what terms it pays or is paid; each part optional. */
const partnerContact = {
	contactPerson: text(100).optional(),
	phone: text(40).optional(),
	email: email.optional(),
	address: text(500).optional(),
	/** In words, as agreed (月结30天, 50% advance…). */
	paymentTerms: text(200).optional()
};

const purchaseOrderLine = z.strictObject({
	lineId: code,
	itemId: code,
	qty,
	unitPrice: nonNegative,
	expectedDate: isoDate,
	/** The requisition this line orders, when it came from one. */
	requisitionId: code.optional()
});

export const fixedSchemas = {
	'item.upserted': z.strictObject({
		itemId: code,
		name: text(200),
		kind: z.enum(['product', 'semi', 'material']),
		uom: text(16),
		unitCost: nonNegative,
		makeOrBuy: z.enum(['make', 'buy']),
		leadTimeDays: nonNegative.max(3650, 'must be at most 3650'),
		safetyStock: nonNegative.optional(),
		lotSizing: lotSizing.optional(),
		/** Groups items for approval rules and reports. */
		category: code.optional(),
		/** When components are issued from stock: never automatically, per operation, or at order completion. */
		backflush: z.enum(['none', 'operation', 'completion']).optional(),
		/** Stock of this item may go below zero (consignment, bulk material counted later). */
		allowNegativeStock: z.boolean().optional(),
		/** Percent of a production order's quantity that may be finished beyond it without a reason (default 0). */
		overProductionPct: z.number({ message: 'must be a number' }).min(0, 'must be 0 or more').max(100, 'must be at most 100').optional(),
		/** The price a customer pays in CNY unless a customer price says otherwise. */
		listPrice: nonNegative.optional(),
		custom: customValues
	}),
	'customer.upserted': z.strictObject({
		customerId: code,
		name: text(200),
		...partnerContact,
		/** What the customer's orders are priced in by default (CNY when absent). */
		currency: currency.optional(),
		custom: customValues
	}),
	'supplier.upserted': z.strictObject({ supplierId: code, name: text(200), ...partnerContact, custom: customValues }),
	'sales_order.created': z.strictObject({
		orderId: code,
		customerId: code,
		lines: z
			.array(salesOrderLine)
			.min(1, 'must have at least one line')
			.max(1000)
			.superRefine(uniqueBy((l) => l.lineId, 'lineId')),
		/** The sales department the order belongs to; users of another department do not see it. */
		department: code.optional(),
		/** The currency of the lines' prices; CNY when absent. */
		currency: currency.optional(),
		custom: customValues
	}),
	'shipment.shipped': z.strictObject({
		orderId: code,
		lineId: code,
		qty,
		/** The item shipped (the line's item); lets stock move even when the order is not known yet. */
		itemId: code.optional(),
		/** Where the goods left from; default MAIN. */
		locationId: code.optional()
	}),
	'purchase_order.placed': z.strictObject({
		poId: code,
		supplierId: code,
		lines: z
			.array(purchaseOrderLine)
			.min(1, 'must have at least one line')
			.max(1000)
			.superRefine(uniqueBy((l) => l.lineId, 'lineId')),
		custom: customValues
	}),
	'goods.received': z.strictObject({
		poId: code,
		lineId: code,
		qty,
		/** The item received; lets stock move even when the purchase order is not known yet. */
		itemId: code.optional()
	}),
	'production.reported': z
		.strictObject({
			productionOrderId: code,
			workCenterId: code.optional(),
			goodQty: nonNegative,
			scrapQty: nonNegative.optional(),
			/** The operation reported; absent or the last one: the quantity counts as finished. */
			operationSeq: z.number().int().min(1).optional(),
			/** Why scrap happened (list "scrap"). */
			reasonCode: code.optional(),
			/** Why more than the order's quantity (and its item's tolerance) was finished (list "over_production"). */
			overProductionReason: code.optional()
		})
		.refine((v) => v.goodQty + (v.scrapQty ?? 0) > 0, { message: 'goodQty or scrapQty must be greater than 0', path: ['goodQty'], params: coded('ERR_NOTHING_REPORTED') })
} as const;

export type FixedType = keyof typeof fixedSchemas;
export type FixedData<T extends FixedType> = z.infer<(typeof fixedSchemas)[T]>;

export interface EventTypeDefinition {
	type: string;
	schema: z.ZodType<Record<string, unknown>>;
	description: string;
	/**
	 * Only commands produce it (users, tokens, approvals, admin settings): its rules need a signed-in
	 * person's roles, so the ingest API refuses it from any token but an admin token.
	 */
	commandOnly?: boolean;
}

const descriptions: Record<FixedType, string> = {
	'item.upserted': 'An item (product, semi-finished or material) was created or changed.',
	'customer.upserted': 'A customer was created or changed.',
	'supplier.upserted': 'A supplier was created or changed.',
	'sales_order.created': 'A sales order with its lines was entered.',
	'shipment.shipped': 'Goods were shipped against a sales order line; occurredAt is the ship time.',
	'purchase_order.placed': 'A purchase order was placed with a supplier.',
	'goods.received': 'Goods were received against a purchase order line.',
	'production.reported': 'Good and scrap quantities were reported for a production order.'
};

export const EXTENSION_TYPE = /^x\.[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
export const extensionSchema = jsonObject;

export class Catalogue {
	private readonly types = new Map<string, EventTypeDefinition>();

	define(def: EventTypeDefinition): this {
		if (this.types.has(def.type)) throw new Error(`event type ${def.type} defined twice`);
		if (EXTENSION_TYPE.test(def.type)) throw new Error(`${def.type}: x.* types are reserved for integrators`);
		this.types.set(def.type, def);
		return this;
	}

	get(type: string): EventTypeDefinition | undefined {
		return this.types.get(type);
	}

	isKnown(type: string): boolean {
		return this.types.has(type) || EXTENSION_TYPE.test(type);
	}

	list(): EventTypeDefinition[] {
		return [...this.types.values()].sort((a, b) => a.type.localeCompare(b.type));
	}
}

export function fixedCatalogue(): Catalogue {
	const c = new Catalogue();
	for (const type of Object.keys(fixedSchemas) as FixedType[]) {
		c.define({ type, schema: fixedSchemas[type] as z.ZodType<Record<string, unknown>>, description: descriptions[type] });
	}
	return c;
}
