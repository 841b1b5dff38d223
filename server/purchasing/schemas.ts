// Purchasing event types beyond the fixed ones: supplier terms, approval rules, requisitions and
// their approval, confirmations, delays and quality inspections.
import { z } from 'zod';
import { code, isoDate, newCode, nonNegative, qty, text } from '../events/primitives.ts';
import { coded } from '../events/issue-codes.ts';
import { eventId } from '../events/envelope.ts';
import { ROLES } from '../auth/roles.ts';
import { pegsSchema, plannedOrderRef } from '../planning/linkage-schemas.ts';

export const supplierItemUpsertedSchema = z.strictObject({
	supplierId: code,
	itemId: code,
	price: nonNegative,
	leadTimeDays: nonNegative.max(3650, 'must be at most 3650').int('must be a whole number of days'),
	moq: qty.optional(),
	orderMultiple: qty.optional()
});

/** Conditions all have to hold (an absent one holds always); steps are approved in order. */
export const approvalRuleSchema = z.strictObject({
	ruleId: code,
	name: text(100),
	/** Lower numbers are tried first; the first active rule whose conditions hold decides. */
	priority: z.number().int().min(0).max(10_000),
	conditions: z
		.strictObject({
			minAmount: nonNegative.optional(),
			maxAmount: nonNegative.optional(),
			categories: z.array(code).min(1).optional(),
			supplierIds: z.array(code).min(1).optional(),
			requesterRoles: z.array(z.enum(ROLES)).min(1).optional()
		})
		.refine((c) => c.minAmount === undefined || c.maxAmount === undefined || c.minAmount < c.maxAmount, {
			message: 'must be above minAmount',
			path: ['maxAmount'],
			params: coded('ERR_NOT_ABOVE', { field: 'minAmount' })
		}),
	/** No steps: requisitions under this rule approve themselves. */
	steps: z.array(z.strictObject({ role: z.enum(ROLES) })).max(5),
	active: z.boolean()
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

export const requisitionCreatedSchema = z.strictObject({
	requisitionId: newCode,
	itemId: code,
	qty,
	neededBy: isoDate,
	supplierId: code.optional(),
	unitPrice: nonNegative.optional(),
	requesterRole: z.enum(ROLES),
	/** The rule that decided how this requisition is approved, recorded so the decision can be read later. */
	ruleId: code.nullable(),
	steps: z.array(z.strictObject({ role: z.enum(ROLES) })),
	autoApproved: z.boolean(),
	note: text(500).optional(),
	/** Firmed from a planned order: its id, and the demands it serves as the plan pegged them. */
	plannedOrderId: plannedOrderRef.optional(),
	pegs: pegsSchema.optional()
});

/** An approval step approved; the approver's comment, when given, is kept with it. */
export const requisitionApprovedSchema = z.strictObject({ requisitionId: code, step: z.number().int().min(0), role: z.enum(ROLES), note: text(500).optional() });
export const requisitionRejectedSchema = z.strictObject({ requisitionId: code, step: z.number().int().min(0), role: z.enum(ROLES), note: text(500).optional() });

export const purchaseOrderConfirmedSchema = z.strictObject({
	poId: code,
	lines: z.array(z.strictObject({ lineId: code, confirmedDate: isoDate })).min(1).max(1000)
});

export const purchaseOrderDelayedSchema = z.strictObject({ poId: code, lineId: code, expectedDate: isoDate, reasonCode: code, note: text(500).optional() });

/** A planner asks the buyer to hurry a line along (the plan needs it sooner than expected). */
export const purchaseOrderExpediteRequestedSchema = z.strictObject({ poId: code, lineId: code, note: text(500).optional() });

export const inspectionRecordedSchema = z.strictObject({
	poId: code,
	lineId: code,
	acceptedQty: nonNegative,
	rejectedQty: nonNegative,
	reasonCode: code.optional(),
	/** The item inspected; lets stock move even when the purchase order is not known yet. */
	itemId: code.optional()
}).refine((v) => v.acceptedQty + v.rejectedQty > 0, { message: 'acceptedQty or rejectedQty must be greater than 0', path: ['acceptedQty'], params: coded('ERR_NOTHING_INSPECTED') });

/**
 * A mistaken goods receipt taken back before its goods were inspected: the receipt's event id and what
 * it received, repeated (checked against the receipt), with a reason of the `correction` list.
 */
export const goodsReceiptReversedSchema = z.strictObject({
	receiptId: eventId,
	poId: code,
	lineId: code,
	qty,
	itemId: code.optional(),
	reasonCode: code,
	note: text(500).optional()
});

/**
 * A mistaken inspection taken back: the inspection's event id and what it accepted and rejected,
 * repeated (checked against it), with a reason of the `correction` list. The goods return to QC.
 */
export const inspectionReversedSchema = z.strictObject({
	inspectionId: eventId,
	poId: code,
	lineId: code,
	acceptedQty: nonNegative,
	rejectedQty: nonNegative,
	itemId: code.optional(),
	reasonCode: code,
	note: text(500).optional()
});

export const purchasingEventTypes = [
	{ type: 'supplier_item.upserted', schema: supplierItemUpsertedSchema, description: "A supplier's price, lead time, minimum order and multiple for an item." },
	{ type: 'approval_rule.upserted', commandOnly: true, schema: approvalRuleSchema, description: 'An approval rule for requisitions was created or changed (conditions and approval steps).' },
	{ type: 'requisition.created', commandOnly: true, schema: requisitionCreatedSchema, description: 'A purchase requisition was raised; records the approval rule that decided its steps.' },
	{ type: 'requisition.approved', commandOnly: true, schema: requisitionApprovedSchema, description: 'One approval step of a requisition was approved.' },
	{ type: 'requisition.rejected', commandOnly: true, schema: requisitionRejectedSchema, description: 'A requisition was rejected at an approval step.' },
	{ type: 'purchase_order.confirmed', schema: purchaseOrderConfirmedSchema, description: 'The supplier confirmed delivery dates for purchase order lines.' },
	{ type: 'purchase_order.delayed', schema: purchaseOrderDelayedSchema, description: 'A purchase order line will arrive later: the new expected date, with a reason code.' },
	{
		type: 'purchase_order.expedite_requested',
		schema: purchaseOrderExpediteRequestedSchema,
		description: 'Someone (usually a planner answering an expedite message) asked the buyer to hurry a purchase order line, with an optional note.'
	},
	{
		type: 'goods.receipt_reversed',
		schema: goodsReceiptReversedSchema,
		description: 'A mistaken goods receipt was taken back (corrected) before inspection, with a reason: the line awaits it again and the goods leave QC.'
	},
	{
		type: 'inspection.reversed',
		schema: inspectionReversedSchema,
		description: 'A mistaken inspection was taken back (corrected) with a reason: its accepted and rejected goods return to QC to be inspected again.'
	},
	{ type: 'inspection.recorded', schema: inspectionRecordedSchema, description: 'Received goods were inspected: accepted goods become usable stock, rejected goods never do.' }
];
