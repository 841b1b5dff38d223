// A production order finishes its quantity; an item may allow a little more (items.over_production_pct,
// default 0). Beyond that a report needs a reason of the over_production list: an over-report is a
// decision someone takes, not a typing mistake that later blocks completion. The command checks it
// before reporting, the projector on what its write left (ingest, import), with the same code and field.
import type { StoredEvent } from '../events/envelope.ts';
import { QTY_EPSILON, refuseEvent, type Refusal } from '../events/refusal.ts';

export interface OrderFinish {
	qty: number;
	/** Finished (good) so far, before the report. */
	good: number;
	/** The item's tolerance, in percent of the quantity. */
	pct: number;
}

export function overProductionRefusal(o: OrderFinish, goodQty: number, reason: string | undefined): Refusal | null {
	const allowed = Math.round(o.qty * (1 + o.pct / 100) * 1e6) / 1e6;
	if (reason || o.good + goodQty <= allowed + QTY_EPSILON) return null;
	const open = Math.max(0, Math.round((allowed - o.good) * 1e6) / 1e6);
	return {
		code: 'ERR_MO_OVER_PRODUCTION',
		path: 'goodQty',
		message: `only ${open} more may be finished on this order (${allowed} with the item's tolerance) without an over-production reason`,
		params: { open, allowed }
	};
}

interface Report {
	productionOrderId: string;
	operationSeq?: number;
	goodQty: number;
	overProductionReason?: string;
}

/** The orders as the batch's write left them: each finishing report, in batch order, within the tolerance or with a reason. */
export function checkOverProduction(
	events: StoredEvent<Report>[],
	orders: { mo: string; qty: number; good: number; pct: number; last_seq: number | null }[]
): void {
	for (const o of orders) {
		const finishing = events.filter(
			(e) => e.data.productionOrderId === o.mo && (e.data.operationSeq === undefined || o.last_seq === null || e.data.operationSeq === o.last_seq)
		);
		let good = o.good - finishing.reduce((s, e) => s + e.data.goodQty, 0);
		for (const e of finishing) {
			refuseEvent(e.id, overProductionRefusal({ qty: o.qty, good, pct: o.pct }, e.data.goodQty, e.data.overProductionReason));
			good += e.data.goodQty;
		}
	}
}
