// The MRP engine: items in low-level-code order, each netted once against its independent demand
// and the dependent demand its parents' planned orders put on it (item-plan.ts). Pure: plain data
// in (types.ts), plain data out; no IO, no clock. A Plan is a value: net change shares the parts it
// does not recompute with the plan it starts from and never changes either of them.
//
// Conventions (besides CONTRACTS.md, `mrp` CLI):
// - Demands and receipts before bucket 0 count in bucket 0; from bucket `buckets` on they are ignored,
//   as are demands and receipts of quantity ≤ 0. On hand below 0 counts as 0.
// - Dependent demand = parent planned order quantity × qty / (1 − scrapPct/100), in the bucket the
//   parent order is released (bucket 0 for a past-due release), pegged to that planned order.
// - Net change (`planNetChange`) recomputes the changed items and everything below them through the
//   current BOM and the previous plan's; the caller names as changed every item whose own data moved:
//   item master, demands, receipts, or its BOM lines as a parent (a changed quantity of a BOM line
//   is only seen through its parent). Low-level codes and new or removed items are found here.
//   Options must be those the previous plan was made with.
import { indexBom, planningOrder, childIds, type BomIndex } from './low-level-codes.ts';
import { planItem, type ItemPlan } from './item-plan.ts';
import type { PegDemand } from './pegging.ts';
import { AppError } from '../errors.ts';
import type { DemandSource, Plan, PlanInput, PlannedOrder, PlanOptions, Receipt } from './types.ts';

interface Grouped {
	demands: (PegDemand[] | undefined)[];
	receipts: (Receipt[] | undefined)[];
}

/** Independent demands and receipts per item index; only for `wanted` items when given (all are checked). */
function groupByItem(input: PlanInput, ix: BomIndex, wanted: Uint8Array | null): Grouped {
	const n = ix.items.length;
	const out: Grouped = { demands: new Array(n), receipts: new Array(n) };
	const horizon = input.buckets;
	for (let k = 0; k < input.demands.length; k++) {
		const d = input.demands[k];
		const i = ix.index.get(d.itemId);
		if (i === undefined) throw new AppError('ERR_VALIDATION', `demand ${k} is for an unknown item "${d.itemId}"`, { path: `demands.${k}.itemId` });
		if ((wanted && !wanted[i]) || !(d.qty > 0) || d.bucket >= horizon) continue;
		(out.demands[i] ??= []).push({ bucket: d.bucket > 0 ? d.bucket : 0, qty: d.qty, source: d.source });
	}
	for (let k = 0; k < input.receipts.length; k++) {
		const r = input.receipts[k];
		const i = ix.index.get(r.itemId);
		if (i === undefined) throw new AppError('ERR_VALIDATION', `receipt ${k} is for an unknown item "${r.itemId}"`, { path: `receipts.${k}.itemId` });
		if ((wanted && !wanted[i]) || !(r.qty > 0) || r.bucket >= horizon) continue;
		(out.receipts[i] ??= []).push(r);
	}
	return out;
}

/** How to find a parent's planned orders and the source its dependent demand carries. */
type ParentOrders = (parent: number) => { orders: PlannedOrder[]; sources: DemandSource[] | null };

/** An item's demands: its own in input order, then what each parent's planned orders need, by BOM line. */
function demandsOf(i: number, ix: BomIndex, grouped: Grouped, parentOrders: ParentOrders): PegDemand[] {
	const own = grouped.demands[i];
	const lines = ix.parentLines[i];
	if (!lines.length) return own ?? [];
	const out = own ? own.slice() : [];
	for (const l of lines) {
		const { orders, sources } = parentOrders(ix.lineParent[l]);
		if (!orders.length) continue;
		const line = ix.bom[l];
		const keep = 1 - (line.scrapPct ?? 0) / 100;
		for (let j = 0; j < orders.length; j++) {
			const po = orders[j];
			out.push({
				bucket: po.releaseBucket > 0 ? po.releaseBucket : 0,
				qty: (po.qty * line.qty) / keep,
				source: sources ? sources[j] : { kind: 'planned_order', id: po.id }
			});
		}
	}
	return out;
}

function planOne(i: number, ix: BomIndex, input: PlanInput, grouped: Grouped, parentOrders: ParentOrders, opts: PlanOptions): ItemPlan {
	return planItem({
		item: ix.items[i],
		lowLevelCode: ix.lowLevelCodes[i],
		demands: demandsOf(i, ix, grouped, parentOrders),
		receipts: grouped.receipts[i] ?? [],
		horizon: input.buckets,
		useLaterReceiptsFirst: opts.useLaterReceiptsFirst ?? false,
		deferTolerance: opts.deferTolerance ?? 0
	});
}

function store(plan: Plan, id: string, r: ItemPlan): void {
	plan.records.set(id, r.record);
	const set = <T>(m: Map<string, T>, v: T | null, keep: boolean) => (keep ? m.set(id, v as T) : m.delete(id));
	set(plan.plannedOrders, r.plannedOrders, r.plannedOrders.length > 0);
	set(plan.receiptUses, r.receiptUses, r.receiptUses.length > 0);
	set(plan.onHandPegs, r.onHandPegs, r.onHandPegs !== null);
	set(plan.exceptions, r.exceptions, r.exceptions.length > 0);
}

export function planRegenerative(input: PlanInput, opts: PlanOptions = {}): Plan {
	const ix = indexBom(input.items, input.bom);
	const order = planningOrder(ix);
	const grouped = groupByItem(input, ix, null);
	const done: ItemPlan[] = new Array(ix.items.length);
	const parentOrders: ParentOrders = (p) => ({ orders: done[p].plannedOrders, sources: done[p].sources });
	const plan: Plan = {
		records: new Map(),
		plannedOrders: new Map(),
		receiptUses: new Map(),
		onHandPegs: new Map(),
		exceptions: new Map(),
		children: new Map(),
		order: order.map((i) => ix.items[i].id),
		lowLevelCodes: new Map()
	};
	for (const i of order) {
		const r = planOne(i, ix, input, grouped, parentOrders, opts);
		done[i] = r;
		const id = ix.items[i].id;
		store(plan, id, r);
		plan.lowLevelCodes.set(id, ix.lowLevelCodes[i]);
		if (ix.childLines[i].length) plan.children.set(id, childIds(ix, i));
	}
	return plan;
}

const sameList = (a: string[] | undefined, b: string[]) => !!a && a.length === b.length && a.every((x, k) => x === b[k]);

export function planNetChange(prev: Plan, input: PlanInput, changedItemIds: Iterable<string>, opts: PlanOptions = {}): Plan {
	const ix = indexBom(input.items, input.bom);
	const n = ix.items.length;
	const dirty = new Uint8Array(n);
	const seeds: number[] = [];
	const mark = (i: number | undefined) => {
		if (i !== undefined && !dirty[i]) {
			dirty[i] = 1;
			seeds.push(i);
		}
	};
	for (const id of changedItemIds) mark(ix.index.get(id));

	// What the caller cannot know: new items, items whose level moved, parents whose children changed.
	let structure = n !== prev.lowLevelCodes.size;
	const children = new Map(prev.children);
	for (let i = 0; i < n; i++) {
		const id = ix.items[i].id;
		const llc = prev.lowLevelCodes.get(id);
		if (llc !== ix.lowLevelCodes[i]) {
			structure = true;
			mark(i);
		}
		const now = ix.childLines[i].length ? childIds(ix, i) : null;
		const before = prev.children.get(id);
		if (now ? !sameList(before, now) : before !== undefined) {
			mark(i);
			if (now) children.set(id, now);
			else children.delete(id);
		}
	}
	const removed: string[] = [];
	if (structure || n !== prev.records.size) {
		for (const id of prev.lowLevelCodes.keys()) {
			if (ix.index.has(id)) continue;
			removed.push(id);
			children.delete(id);
			for (const c of prev.children.get(id) ?? []) mark(ix.index.get(c));
		}
	}

	// Everything below a changed item, through the BOM as it is now and as it was planned.
	for (let s = 0; s < seeds.length; s++) {
		const i = seeds[s];
		for (const l of ix.childLines[i]) mark(ix.lineChild[l]);
		for (const c of prev.children.get(ix.items[i].id) ?? []) mark(ix.index.get(c));
	}

	const grouped = groupByItem(input, ix, dirty);
	const fresh: (ItemPlan | undefined)[] = new Array(n);
	const parentOrders: ParentOrders = (p) => {
		const r = fresh[p];
		return r ? { orders: r.plannedOrders, sources: r.sources } : { orders: prev.plannedOrders.get(ix.items[p].id) ?? [], sources: null };
	};
	const plan: Plan = {
		records: new Map(prev.records),
		plannedOrders: new Map(prev.plannedOrders),
		receiptUses: new Map(prev.receiptUses),
		onHandPegs: new Map(prev.onHandPegs),
		exceptions: new Map(prev.exceptions),
		children,
		order: prev.order,
		lowLevelCodes: prev.lowLevelCodes
	};
	for (const id of removed) {
		for (const m of [plan.records, plan.plannedOrders, plan.receiptUses, plan.onHandPegs, plan.exceptions]) m.delete(id);
	}
	for (const i of planningOrder(ix, seeds)) {
		const r = planOne(i, ix, input, grouped, parentOrders, opts);
		fresh[i] = r;
		store(plan, ix.items[i].id, r);
	}
	if (structure) {
		plan.order = planningOrder(ix).map((i) => ix.items[i].id);
		plan.lowLevelCodes = new Map(ix.items.map((it, i) => [it.id, ix.lowLevelCodes[i]]));
	}
	return plan;
}
