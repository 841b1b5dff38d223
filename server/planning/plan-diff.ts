// What changes between two plans of the same horizon: planned orders added, removed or changed, and
// exception messages that appear, disappear or change. Pure, for the what-if (a plan with one demand
// changed against the plan as it is). A planned order is the same order in both when its id is the
// same (the engine's ids are stable for an item and a receipt bucket), so an order that moves to
// another day shows as one removed and one added; an exception is the same when it has the same kind,
// item and order (existing or planned), so a message whose date or size moves shows as changed.
import type { Plan, PlanException, PlannedOrder, SupplyRef } from './types.ts';

/** A planned order without its pegs: what the diff compares. */
export interface OrderFacts {
	id: string;
	itemId: string;
	kind: 'make' | 'buy';
	qty: number;
	releaseBucket: number;
	receiptBucket: number;
}

export interface PlanDiff {
	added: OrderFacts[];
	removed: OrderFacts[];
	changed: { before: OrderFacts; after: OrderFacts }[];
	exceptionsAdded: PlanException[];
	exceptionsRemoved: PlanException[];
	exceptionsChanged: { before: PlanException; after: PlanException }[];
}

const EPS = 1e-9;

const facts = (o: PlannedOrder): OrderFacts => ({ id: o.id, itemId: o.itemId, kind: o.kind, qty: o.qty, releaseBucket: o.releaseBucket, receiptBucket: o.receiptBucket });

const sameOrder = (a: OrderFacts, b: OrderFacts) =>
	a.kind === b.kind && Math.abs(a.qty - b.qty) < EPS && a.releaseBucket === b.releaseBucket && a.receiptBucket === b.receiptBucket;

const refKey = (r: SupplyRef | undefined) => (r ? `${r.kind}\u0000${r.id}\u0000${r.kind === 'purchase_order' ? r.lineId : ''}` : '');

/** What makes two messages the same message: kind, item and the order it is about. */
export const exceptionKey = (e: PlanException) => `${e.kind}\u0000${e.itemId}\u0000${refKey(e.ref)}\u0000${e.plannedOrderId ?? ''}`;

const near = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? a === b : Math.abs(a - b) < EPS);
const sameException = (a: PlanException, b: PlanException) => a.bucket === b.bucket && near(a.days, b.days) && near(a.qty, b.qty);

const byItemThenBucket = (a: OrderFacts, b: OrderFacts) => cmp(a.itemId, b.itemId) || a.receiptBucket - b.receiptBucket || cmp(a.id, b.id);
const byException = (a: PlanException, b: PlanException) => cmp(a.itemId, b.itemId) || (a.bucket ?? 0) - (b.bucket ?? 0) || cmp(exceptionKey(a), exceptionKey(b));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function ordersOf(p: Plan): Map<string, OrderFacts> {
	const out = new Map<string, OrderFacts>();
	for (const list of p.plannedOrders.values()) for (const o of list) out.set(o.id, facts(o));
	return out;
}

/** Messages by identity; the same message twice (rare) keeps both, numbered in the engine's order. */
function exceptionsOf(p: Plan): Map<string, PlanException> {
	const out = new Map<string, PlanException>();
	for (const list of p.exceptions.values()) {
		for (const e of list) {
			let k = exceptionKey(e);
			for (let n = 2; out.has(k); n++) k = `${exceptionKey(e)}\u0000${n}`;
			out.set(k, e);
		}
	}
	return out;
}

/** How plan `b` differs from plan `a` (a → b). */
export function diffPlans(a: Plan, b: Plan): PlanDiff {
	const oa = ordersOf(a);
	const ob = ordersOf(b);
	const diff: PlanDiff = { added: [], removed: [], changed: [], exceptionsAdded: [], exceptionsRemoved: [], exceptionsChanged: [] };
	for (const [id, before] of oa) {
		const after = ob.get(id);
		if (!after) diff.removed.push(before);
		else if (!sameOrder(before, after)) diff.changed.push({ before, after });
	}
	for (const [id, after] of ob) if (!oa.has(id)) diff.added.push(after);
	const ea = exceptionsOf(a);
	const eb = exceptionsOf(b);
	for (const [k, before] of ea) {
		const after = eb.get(k);
		if (!after) diff.exceptionsRemoved.push(before);
		else if (!sameException(before, after)) diff.exceptionsChanged.push({ before, after });
	}
	for (const [k, after] of eb) if (!ea.has(k)) diff.exceptionsAdded.push(after);
	diff.added.sort(byItemThenBucket);
	diff.removed.sort(byItemThenBucket);
	diff.changed.sort((x, y) => byItemThenBucket(x.after, y.after));
	diff.exceptionsAdded.sort(byException);
	diff.exceptionsRemoved.sort(byException);
	diff.exceptionsChanged.sort((x, y) => byException(x.after, y.after));
	return diff;
}

/** Whether the two plans propose the same orders and say the same things. */
export const isEmptyDiff = (d: PlanDiff) =>
	!d.added.length && !d.removed.length && !d.changed.length && !d.exceptionsAdded.length && !d.exceptionsRemoved.length && !d.exceptionsChanged.length;
