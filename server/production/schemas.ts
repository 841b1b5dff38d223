// Production event types: work centres, routings, production orders and their lifecycle.
import { z } from 'zod';
import { code, isoDate, newCode, nonNegative, qty, text } from '../events/primitives.ts';
import { coded, pattern } from '../events/issue-codes.ts';
import { eventId } from '../events/envelope.ts';
import { pegsSchema, plannedOrderRef } from '../planning/linkage-schemas.ts';

const hhmm = z.string().regex(pattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'ERR_INVALID_TIME'), 'must be HH:MM');

export const calendarSchema = z.strictObject({
	/** Working periods of a day; the end may be past midnight (then it is before the start). */
	shifts: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1).max(4),
	/** ISO weekdays worked: 1 Monday … 7 Sunday. */
	workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
	holidays: z.array(isoDate).max(400).default([])
});

export const workCenterUpsertedSchema = z.strictObject({
	workCenterId: code,
	name: text(100),
	department: code.optional(),
	calendar: calendarSchema
});

export const WORK_CENTER_STATUSES = ['up', 'down', 'maintenance'] as const;

export const workCenterStatusChangedSchema = z.strictObject({
	workCenterId: code,
	status: z.enum(WORK_CENTER_STATUSES),
	reasonCode: code.optional()
});

const operation = z.strictObject({
	seq: z.number().int().min(1).max(999),
	workCenterId: code,
	setupMinutes: nonNegative.max(100_000),
	runMinutesPerUnit: nonNegative.max(100_000),
	description: text(200).optional()
});

const operationList = z
	.array(operation)
	.max(100)
	.superRefine((ops, ctx) => {
		const seen = new Set<number>();
		ops.forEach((o, i) => {
			if (seen.has(o.seq)) ctx.addIssue({ code: 'custom', path: [i, 'seq'], message: 'repeats an operation number', params: coded('ERR_DUPLICATE_OPERATION') });
			seen.add(o.seq);
		});
	});

export const routingReplacedSchema = z.strictObject({ itemId: code, operations: operationList });

export const productionOrderCreatedSchema = z.strictObject({
	productionOrderId: newCode,
	itemId: code,
	qty,
	dueDate: isoDate,
	/** The sales order line this order makes goods for, when it was made for one. */
	salesOrderId: code.optional(),
	salesLineId: code.optional(),
	/** Copied from the item's routing when the order is created. */
	operations: operationList,
	/** Firmed from a planned order: its id, and the demands it serves as the plan pegged them. */
	plannedOrderId: plannedOrderRef.optional(),
	pegs: pegsSchema.optional()
});

export const productionOrderStepSchema = z.strictObject({ productionOrderId: code });
export const operationStartedSchema = z.strictObject({ productionOrderId: code, seq: z.number().int().min(1) });

export const stockIssuedSchema = z.strictObject({
	itemId: code,
	locationId: code,
	qty,
	productionOrderId: code,
	/** How the issue came about: by hand, or backflushed from a report or at completion. */
	mode: z.enum(['manual', 'operation', 'completion'])
});

export const productionOrderCancelledSchema = z.strictObject({ productionOrderId: code, reasonCode: code, note: text(500).optional() });

/** An open order moved to a new due date (the planner answering an expedite or defer message). */
export const productionOrderRescheduledSchema = z.strictObject({ productionOrderId: code, dueDate: isoDate, reason: text(500).optional() });

/**
 * A mistaken production report taken back while its order is open: the report's event id and what it
 * reported, repeated (checked against the report), the components its backflush issued (`returns`,
 * checked against the issues written with the report), and a reason of the `correction` list.
 */
export const productionReportReversedSchema = z.strictObject({
	reportId: eventId,
	productionOrderId: code,
	operationSeq: z.number().int().min(1).optional(),
	goodQty: nonNegative,
	scrapQty: nonNegative.optional(),
	returns: z.array(z.strictObject({ itemId: code, locationId: code, qty })).max(1000).optional(),
	reasonCode: code,
	note: text(500).optional()
});

export const productionEventTypes = [
	{ type: 'work_center.upserted', schema: workCenterUpsertedSchema, description: 'A work centre with its shift calendar and holidays was created or changed.' },
	{ type: 'work_center.status_changed', schema: workCenterStatusChangedSchema, description: 'A work centre went up, down or into maintenance (with a reason code when not up).' },
	{ type: 'routing.replaced', schema: routingReplacedSchema, description: "An item's routing was replaced: its operations, work centres, setup and run times." },
	{ type: 'production_order.created', schema: productionOrderCreatedSchema, description: 'A production order was created with operations copied from the routing.' },
	{ type: 'production_order.released', schema: productionOrderStepSchema, description: 'A production order was released to the shop floor.' },
	{ type: 'operation.started', schema: operationStartedSchema, description: 'An operation of a production order started.' },
	{
		type: 'production_order.cancelled',
		schema: productionOrderCancelledSchema,
		description: 'A production order was cancelled before completion, with a reason code and an optional note.'
	},
	{
		type: 'production_order.rescheduled',
		schema: productionOrderRescheduledSchema,
		description: 'An open production order was given a new due date, with an optional reason.'
	},
	{ type: 'production_order.completed', schema: productionOrderStepSchema, description: 'A production order was completed; its good quantity went into stock.' },
	{
		type: 'production.report_reversed',
		schema: productionReportReversedSchema,
		description: 'A mistaken production report was taken back (corrected) with a reason: the order and operation lose its quantities, backflushed components return to stock.'
	},
	{ type: 'stock.issued', schema: stockIssuedSchema, description: 'Components were issued from stock to a production order.' }
];
