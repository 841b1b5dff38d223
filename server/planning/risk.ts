// Supply risks: when each open sales order line can really be complete, following its pegging through
// every BOM level, and why it is late. Pure: a plan and its input in, the lines at risk out (buckets,
// not dates; the adapter turns them into events). Capacity is not considered yet.
//
// When a supply becomes available:
//   stock on hand                         bucket 0
//   purchase order line, requisition,
//   goods in inspection                   its bucket (a past-due one: assumed today; it is late already)
//   planned buy order                     its receipt, or lead time from today if its release is past due
//   planned make order, production order  its receipt, or, when its last component arrives after the
//                                         order's release, the time it still takes after that component
//
// The time a make order takes after a late component: its processing time (PlanItem.processing: the
// routing's setups and runs for its quantity in days of the work centres' shifts, parts of a day added
// up through the BOM's levels and the line's date rounded up to a whole day at the end) and at most its
// lead time; its lead time when the item has no routing. A lead time allows for queues
// the shop skips when material comes late: counting all of it again after a late component flagged
// lines that then shipped on time.
import type { DemandSource, Plan, PlanInput, PlannedOrder, ReceiptUse, SupplyRef } from './types.ts';

export interface RiskLine {
	orderId: string;
	lineId: string;
	itemId: string;
	/** The bucket the line is due in: promised date, else requested; negative when already overdue. */
	dueBucket: number;
}

/** What the plan does not know about an existing receipt and the words need. */
export interface ReceiptFacts {
	supplierId?: string;
	/** The receipt's date was moved later than first expected (a supplier's delay). */
	delayed?: boolean;
}

export type RiskCause =
	/** An existing receipt (PO line, requisition, inspection) arrives after it is needed. */
	| { code: 'RISK_RECEIPT_LATE'; itemId: string; bucket: number; ref: SupplyRef; supplierId?: string; delayed: boolean }
	/** A production order is due after it is needed. */
	| { code: 'RISK_ORDER_LATE'; itemId: string; bucket: number; ref: SupplyRef }
	/** Nothing is on order in time: a purchase placed today arrives in `bucket` at the earliest. */
	| { code: 'RISK_NO_SUPPLY'; itemId: string; bucket: number }
	/** Made in-house: started today it is ready in `bucket` at the earliest. */
	| { code: 'RISK_MAKE_LEAD_TIME'; itemId: string; bucket: number }
	/** The line's date has passed unshipped, whatever the supply. */
	| { code: 'RISK_PAST_DUE'; itemId: string; bucket: number };

export interface LineRisk {
	orderId: string;
	lineId: string;
	itemId: string;
	dueBucket: number;
	expectedBucket: number;
	daysLate: number;
	causes: RiskCause[];
}

type Supply = (
	| { kind: 'planned'; order: PlannedOrder }
	| { kind: 'receipt'; use: ReceiptUse }
	| { kind: 'onhand'; itemId: string }
) & {
	/** Its availability bucket, once computed. */
	at?: number;
};

const MAX_CAUSES = 5;

export function refKey(ref: SupplyRef): string {
	return ref.kind === 'purchase_order' ? `purchase_order:${ref.id}:${ref.lineId}` : `${ref.kind}:${ref.id}`;
}

/**
 * Every supply by the demand it serves: sales order lines, and parent orders (planned or production)
 * for their components. Separate maps keyed by the ids themselves: a plan has about a million pegs,
 * and building a key string for each costs more than the rest of the assessment.
 */
interface DemandIndex {
	salesLines: Map<string, Map<string, Supply[]>>;
	plannedOrders: Map<string, Supply[]>;
	productionOrders: Map<string, Supply[]>;
}

function addTo(map: Map<string, Supply[]>, id: string, s: Supply): void {
	const list = map.get(id);
	if (!list) map.set(id, [s]);
	else if (list[list.length - 1] !== s) list.push(s);
}

/** The plan's items in planning order, then any its order leaves out (a plan put together by hand). */
function itemsInOrder(plan: Plan): string[] {
	const out = plan.order.slice();
	const named = new Set(out);
	for (const m of [plan.plannedOrders, plan.receiptUses, plan.onHandPegs] as Map<string, unknown>[]) {
		for (const id of m.keys()) {
			if (named.has(id)) continue;
			named.add(id);
			out.push(id);
		}
	}
	return out;
}

function indexByDemand(plan: Plan): DemandIndex {
	const index: DemandIndex = { salesLines: new Map(), plannedOrders: new Map(), productionOrders: new Map() };
	const add = (d: DemandSource | { kind: 'stock' }, s: Supply) => {
		if (d.kind === 'planned_order') addTo(index.plannedOrders, d.id, s);
		else if (d.kind === 'production_order') addTo(index.productionOrders, d.id, s);
		else if (d.kind === 'sales_order_line') {
			let lines = index.salesLines.get(d.orderId);
			if (!lines) index.salesLines.set(d.orderId, (lines = new Map()));
			addTo(lines, d.lineId, s);
		}
	};
	// One Supply per order, so that its availability is computed once. Items in planning order, not in
	// the maps' order: a net change's maps keep the order of the plan it started from, and the causes
	// (their order, which five) must be those a regenerative run of the same plan finds.
	const items = itemsInOrder(plan);
	for (const itemId of items) {
		for (const o of plan.plannedOrders.get(itemId) ?? []) {
			const s: Supply = { kind: 'planned', order: o };
			for (const p of o.pegs) add(p.demand, s);
		}
	}
	for (const itemId of items) {
		for (const u of plan.receiptUses.get(itemId) ?? []) {
			const s: Supply = { kind: 'receipt', use: u };
			for (const p of u.pegs) add(p.demand, s);
		}
	}
	for (const itemId of items) {
		const pegs = plan.onHandPegs.get(itemId);
		if (!pegs) continue;
		const s: Supply = { kind: 'onhand', itemId };
		for (const p of pegs) add(p.demand, s);
	}
	return index;
}

type Parent = { kind: 'planned_order' | 'production_order'; id: string };

export function assessRisks(plan: Plan, input: PlanInput, lines: RiskLine[], facts: ReadonlyMap<string, ReceiptFacts> = new Map()): LineRisk[] {
	const index = indexByDemand(plan);
	const leadTime = new Map(input.items.map((i) => [i.id, i.leadTime]));
	const processing = new Map(input.items.flatMap((i) => (i.processing ? [[i.id, i.processing] as const] : [])));
	/**
	 * Days a make order of `qty` still takes once its last component is there (see the top): a part of
	 * a day when its processing is short, so that the levels of a BOM add up before a date is rounded up.
	 */
	const afterComponents = (itemId: string, qty: number): number => {
		const lt = leadTime.get(itemId) ?? 0;
		const p = processing.get(itemId);
		if (!p) return lt;
		return Math.min(lt, p.setupDays + p.runDaysPerUnit * qty);
	};
	/** A bucket from an availability that may fall within a day: the day it is there by its end. */
	const whole = (at: number) => Math.ceil(at - 1e-9) || 0;
	const componentsOf = (p: Parent): Supply[] => (p.kind === 'planned_order' ? index.plannedOrders : index.productionOrders).get(p.id) ?? [];
	const readyMemo = { planned_order: new Map<string, number>(), production_order: new Map<string, number>() };

	/** The latest availability among the supplies of a parent order's components (0 when none). */
	const componentsReady = (p: Parent): number => {
		const memo = readyMemo[p.kind];
		const known = memo.get(p.id);
		if (known !== undefined) return known;
		memo.set(p.id, 0); // a BOM cycle cannot reach here twice; the guard keeps it finite anyway
		let latest = 0;
		for (const s of componentsOf(p)) latest = Math.max(latest, avail(s));
		memo.set(p.id, latest);
		return latest;
	};

	const avail = (s: Supply): number => {
		if (s.at !== undefined) return s.at;
		let at: number;
		if (s.kind === 'onhand') at = 0;
		else if (s.kind === 'planned') {
			const o = s.order;
			const release = Math.max(o.releaseBucket, 0);
			const ready = o.kind === 'make' ? componentsReady({ kind: 'planned_order', id: o.id }) : 0;
			at = Math.max(o.receiptBucket, ready > release ? ready + afterComponents(o.itemId, o.qty) : release + (leadTime.get(o.itemId) ?? 0));
		} else {
			const u = s.use;
			at = Math.max(u.bucket, 0);
			if (u.ref.kind === 'production_order') {
				const ready = componentsReady({ kind: 'production_order', id: u.ref.id });
				if (ready > 0) at = Math.max(at, ready + afterComponents(u.itemId, u.qty));
			}
		}
		s.at = at;
		return at;
	};

	/** Why supply `s` is not there by `need`: the causes at the bottom of its late path. */
	const explain = (s: Supply, need: number, out: RiskCause[], seen: Set<string>) => {
		if (out.length >= MAX_CAUSES || avail(s) <= need) return;
		const push = (key: string, c: RiskCause) => {
			if (seen.has(key)) return;
			seen.add(key);
			out.push(c);
		};
		if (s.kind === 'receipt') {
			const u = s.use;
			const f = facts.get(refKey(u.ref));
			if (u.ref.kind === 'production_order') {
				if (u.bucket > need) push(refKey(u.ref), { code: 'RISK_ORDER_LATE', itemId: u.itemId, bucket: u.bucket, ref: u.ref });
				else explainComponents({ kind: 'production_order', id: u.ref.id }, need - afterComponents(u.itemId, u.qty), u.itemId, avail(s), out, seen);
			} else push(refKey(u.ref), { code: 'RISK_RECEIPT_LATE', itemId: u.itemId, bucket: u.bucket, ref: u.ref, supplierId: f?.supplierId, delayed: f?.delayed ?? false });
			return;
		}
		if (s.kind !== 'planned') return;
		const o = s.order;
		if (o.kind === 'buy') {
			push(`nosupply:${o.itemId}`, { code: 'RISK_NO_SUPPLY', itemId: o.itemId, bucket: whole(avail(s)) });
			return;
		}
		const ready = componentsReady({ kind: 'planned_order', id: o.id });
		const after = afterComponents(o.itemId, o.qty);
		if (ready + after > need && ready > Math.max(o.releaseBucket, 0)) explainComponents({ kind: 'planned_order', id: o.id }, need - after, o.itemId, avail(s), out, seen);
		else push(`make:${o.itemId}`, { code: 'RISK_MAKE_LEAD_TIME', itemId: o.itemId, bucket: whole(avail(s)) });
	};

	/** A make order is late: blame the components that arrive too late, else its own lead time. */
	const explainComponents = (parent: Parent, componentNeed: number, itemId: string, parentAvail: number, out: RiskCause[], seen: Set<string>) => {
		const late = componentsOf(parent).filter((c) => avail(c) > componentNeed).sort((a, b) => avail(b) - avail(a));
		if (late.length === 0) {
			if (!seen.has(`make:${itemId}`)) {
				seen.add(`make:${itemId}`);
				out.push({ code: 'RISK_MAKE_LEAD_TIME', itemId, bucket: whole(parentAvail) });
			}
			return;
		}
		for (const c of late) explain(c, Math.max(componentNeed, 0), out, seen);
	};

	const risks: LineRisk[] = [];
	for (const line of lines) {
		const supplies = index.salesLines.get(line.orderId)?.get(line.lineId);
		if (!supplies?.length) continue;
		let at = 0;
		for (const s of supplies) at = Math.max(at, avail(s));
		const expected = whole(at);
		if (expected <= line.dueBucket) continue;
		const causes: RiskCause[] = [];
		const seen = new Set<string>();
		const need = Math.max(line.dueBucket, 0);
		for (const s of [...supplies].sort((a, b) => avail(b) - avail(a))) explain(s, need, causes, seen);
		if (causes.length === 0) causes.push({ code: 'RISK_PAST_DUE', itemId: line.itemId, bucket: line.dueBucket });
		risks.push({ ...line, expectedBucket: expected, daysLate: expected - line.dueBucket, causes });
	}
	return risks;
}
