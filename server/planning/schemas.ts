// Planning's event types: each plan run's statistics, and the sales order lines the plan expects to
// miss their date. Only the planner itself emits them (command/system-only): the ingest API refuses
// them from any token but an admin token, like other events whose rules no sender can check.
import { z } from 'zod';
import { code, isoDate, text } from '../events/primitives.ts';

export const PLAN_MODES = ['net_change', 'regenerative'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];

const count = z.number().int().min(0);

export const planGeneratedSchema = z.strictObject({
	planId: z.uuid(),
	mode: z.enum(PLAN_MODES),
	/** What caused the run: "startup", "nightly", or the event types that changed the inputs. */
	trigger: text(500).optional(),
	/** Items planned by this run (every item for a regenerative run; changed items and those below for net change). */
	items: count,
	/** Planned orders and exception messages in the whole plan after the run. */
	plannedOrders: count,
	exceptions: count,
	/** How long the run took, from loading the inputs to storing the plan. */
	ms: z.number().min(0)
});
export type PlanGenerated = z.infer<typeof planGeneratedSchema>;

/** A reference to a record a cause is about: a purchase order (line), production order, item… */
const ref = z.strictObject({ kind: code, id: code, lineId: code.optional() });

const cause = z.strictObject({
	/** Stable, for people and programs to group by (e.g. "shortage", "po_late"). */
	code,
	/** The sentence in English; pages say it again in the reader's language from code and params. */
	message: text(500),
	/** What the sentence names (item, date, order, line, supplier…). */
	params: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
	ref: ref.optional()
});

export const salesOrderLineAtRiskSchema = z.strictObject({
	orderId: code,
	lineId: code,
	/** The date the line is due: promised, else requested. */
	dueDate: isoDate,
	/** When the plan expects it can ship. */
	expectedDate: isoDate,
	daysLate: z.number().int().min(1),
	causes: z.array(cause).max(50)
});
export type SalesOrderLineAtRisk = z.infer<typeof salesOrderLineAtRiskSchema>;

export const salesOrderLineRiskClearedSchema = z.strictObject({ orderId: code, lineId: code });
export type SalesOrderLineRiskCleared = z.infer<typeof salesOrderLineRiskClearedSchema>;

export const planningEventTypes = [
	{
		type: 'plan.generated',
		commandOnly: true,
		schema: planGeneratedSchema,
		description: 'A planning run stored a new plan (regenerative or net change): what caused it, how many items it planned, planned orders and exceptions in the plan, and how long it took.'
	},
	{
		type: 'sales_order_line.at_risk',
		commandOnly: true,
		schema: salesOrderLineAtRiskSchema,
		description: 'The plan expects a sales order line to ship after its due date: the expected date, days late and the causes.'
	},
	{
		type: 'sales_order_line.risk_cleared',
		commandOnly: true,
		schema: salesOrderLineRiskClearedSchema,
		description: 'The plan no longer expects a sales order line to be late.'
	}
];
