// Net change after each commit that touches what the plan reads: a durable reaction (server/jobs/
// consumer.ts) on the input event types. In the transaction that moves its cursor it records that
// the plan is due (plan_requests, so whichever node is left plans it), and asks this node's planner
// for a run; the planner coalesces a burst into one run within about a second (run.ts).
import type { Reaction } from '../jobs/consumer.ts';
import { requestPlan, type Planner } from './run.ts';

/** Event types whose projections the plan reads (inputs.queries.ts). */
export const PLANNING_INPUT_TYPES = [
	// items, bills of material, supplier terms
	'item.upserted',
	'bom.replaced',
	'supplier_item.upserted',
	// sales orders and shipments
	'sales_order.created',
	'sales_order.changed',
	'sales_order.cancelled',
	'sales_order.promised',
	'shipment.shipped',
	'shipment.reversed',
	// stock
	'stock.adjusted',
	'stock.moved',
	'stock.issued',
	// purchasing: orders, goods and inspection, requisitions
	'purchase_order.placed',
	'purchase_order.confirmed',
	'purchase_order.delayed',
	'goods.received',
	'goods.receipt_reversed',
	'inspection.reversed',
	'production.report_reversed',
	'inspection.recorded',
	'requisition.created',
	'requisition.approved',
	'requisition.rejected',
	// production orders and reports
	'production_order.created',
	'production_order.released',
	'production_order.cancelled',
	'production_order.rescheduled',
	'production_order.completed',
	'production.reported'
];

export const NET_CHANGE_REACTION = 'planning.net-change';

export function netChangeReaction(planner: Planner): Reaction {
	return {
		name: NET_CHANGE_REACTION,
		types: PLANNING_INPUT_TYPES,
		// The first start plans regeneratively anyway: the history before it asks for nothing.
		startAt: 'end',
		async handle(tx, events) {
			await requestPlan(tx);
			// Before the commit: the run waits its quiet time, and a rollback only costs a run that finds nothing new.
			planner.request([...new Set(events.map((e) => e.type))]);
		}
	};
}
