// The MRP engine: items in low-level-code order, each netted once against its independent demand
// and the dependent demand its parents' planned orders put on it (item-plan.ts). Pure: plain data
// in (types.ts), plain data out; no IO, no clock. A Plan is a value: net change shares the parts it
// does not recompute with the plan it starts from and never changes either of them.
//
// Conventions (besides CONTRACTS.md, `mrp` CLI):
// - Demands and receipts before bucket 0 count in bucket 0; from bucket `buckets` on they are ignored,
//   as are demands and receipts of quantity ≤ 0. On hand below 0 counts as 0.
// - Dependent demand = parent planned order quantity × qty × (1 + scrapPct/100) (shared/bom-quantity.ts), in the bucket the
//   parent order is released (bucket 0 for a past-due release), pegged to that planned order.
// - Net change (`planNetChange`) replans the changed items, their children, and below them every item
//   whose parents' planned orders came out different (an unchanged parent stops the wave), in
//   low-level-code order; the result equals a regenerative run of the same input. The caller names as
//   changed every item whose own data moved: item master, demands, receipts, or its BOM lines as a
//   parent (a changed quantity of a BOM line is only seen through its parent). New, removed and
//   re-levelled items and changed BOM structure are found here. Options must be those the previous
//   plan was made with. Plans and inputs are values: never change one after handing it over (net
//   change keeps beside each plan the BOM index and the per-item demands it was made from).
import { componentQty } from '../shared/bom-quantity.ts';
import { childIds, indexBom, planningOrder, reuseIndex, type BomIndex } from './low-level-codes.ts';
import { planItem, type ItemPlan } from './item-plan.ts';
import type { DemandList } from './pegging.ts';
import { AppError } from '../errors.ts';
import { sameExceptions, sameOrderHeads, samePegs, samePlannedOrders, sameReceiptUses, sameRecord } from './plan-equality.ts';
import type { Demand, DemandSource, Plan, PlanInput, PlannedOrder, PlanOptions, Receipt } from './types.ts';

interface Grouped {
	demands: (DemandList | undefined)[];
	receipts: (Receipt[] | undefined)[];
}

/** Independent demands and receipts per item index; every item id is checked. */
function groupByItem(input: PlanInput, ix: BomIndex): Grouped {
	const n = ix.items.length;
	const out: Grouped = { demands: new Array(n), receipts: new Array(n) };
	for (let k = 0; k < input.demands.length; k++) {
		const i = ix.index.get(input.demands[k].itemId);
		if (i === undefined) throw new AppError('ERR_VALIDATION', `demand ${k} is for an unknown item "${input.demands[k].itemId}"`, { path: `demands.${k}.itemId` });
		addDemand(out, i, input.demands[k], input.buckets, k);
	}
	for (let k = 0; k < input.receipts.length; k++) {
		const i = ix.index.get(input.receipts[k].itemId);
		if (i === undefined) throw new AppError('ERR_VALIDATION', `receipt ${k} is for an unknown item "${input.receipts[k].itemId}"`, { path: `receipts.${k}.itemId` });
		addReceipt(out, i, input.receipts[k], input.buckets, k);
	}
	return out;
}

/** Buckets are whole days: anything else is a bug upstream, said at once rather than planned wrong. */
function checkBucket(bucket: number, path: string): void {
	if (!Number.isInteger(bucket)) throw new AppError('ERR_VALIDATION', `${path} must be a whole bucket, not ${bucket}`, { path });
}

function addDemand(g: Grouped, i: number, d: Demand, horizon: number, k: number): void {
	checkBucket(d.bucket, `demands.${k}.bucket`);
	if (!(d.qty > 0) || d.bucket >= horizon) return;
	const list = (g.demands[i] ??= { bucket: [], qty: [], source: [] });
	list.bucket.push(d.bucket > 0 ? d.bucket : 0);
	list.qty.push(d.qty);
	list.source.push(d.source);
}

function addReceipt(g: Grouped, i: number, r: Receipt, horizon: number, k: number): void {
	checkBucket(r.bucket, `receipts.${k}.bucket`);
	if (r.qty > 0 && r.bucket < horizon) (g.receipts[i] ??= []).push(r);
}

/**
 * The previous grouping with the named items' demands and receipts read again from the input (the
 * others did not change: the caller names every item whose demands or receipts moved).
 */
function regroup(prev: Grouped, input: PlanInput, ix: BomIndex, named: number[]): Grouped {
	const out: Grouped = { demands: prev.demands.slice(), receipts: prev.receipts.slice() };
	if (!named.length) return out;
	for (const i of named) {
		out.demands[i] = undefined;
		out.receipts[i] = undefined;
	}
	// A few names are compared directly: cheaper than hashing every demand's item id.
	const ids = named.map((i) => ix.items[i].id);
	const few = ids.length <= 8;
	const byId = few ? null : new Map(named.map((i) => [ix.items[i].id, i]));
	const find = (itemId: string): number => {
		if (byId) return byId.get(itemId) ?? -1;
		for (let k = 0; k < ids.length; k++) if (ids[k] === itemId) return named[k];
		return -1;
	};
	for (let k = 0; k < input.demands.length; k++) {
		const i = find(input.demands[k].itemId);
		if (i >= 0) addDemand(out, i, input.demands[k], input.buckets, k);
	}
	for (let k = 0; k < input.receipts.length; k++) {
		const i = find(input.receipts[k].itemId);
		if (i >= 0) addReceipt(out, i, input.receipts[k], input.buckets, k);
	}
	return out;
}

/** How to find a parent's planned orders and the source its dependent demand carries. */
type ParentOrders = (parent: number) => { orders: PlannedOrder[]; sources: DemandSource[] | null };

/** An item's demands: its own in input order, then what each parent's planned orders need, by BOM line. */
function demandsOf(i: number, ix: BomIndex, grouped: Grouped, parentOrders: ParentOrders): DemandList {
	const own = grouped.demands[i];
	const lines = ix.parentLines[i];
	if (!lines.length) return own ?? { bucket: [], qty: [], source: [] };
	const parents = lines.map((l) => parentOrders(ix.lineParent[l]));
	let size = own ? own.qty.length : 0;
	for (const p of parents) size += p.orders.length;
	const out: DemandList = { bucket: new Array(size), qty: new Array(size), source: new Array(size) };
	let k = 0;
	if (own) {
		for (; k < own.qty.length; k++) {
			out.bucket[k] = own.bucket[k];
			out.qty[k] = own.qty[k];
			out.source[k] = own.source[k];
		}
	}
	for (let j = 0; j < lines.length; j++) {
		const { orders, sources } = parents[j];
		const line = ix.bom[lines[j]];
		for (let o = 0; o < orders.length; o++, k++) {
			const po = orders[o];
			out.bucket[k] = po.releaseBucket > 0 ? po.releaseBucket : 0;
			out.qty[k] = componentQty(po.qty, line.qty, line.scrapPct);
			out.source[k] = sources ? sources[o] : { kind: 'planned_order', id: po.id };
		}
	}
	return out;
}

function planOne(i: number, ix: BomIndex, input: PlanInput, grouped: Grouped, parentOrders: ParentOrders, opts: PlanOptions, counts: Int32Array): ItemPlan {
	return planItem({
		item: ix.items[i],
		lowLevelCode: ix.lowLevelCodes[i],
		demands: demandsOf(i, ix, grouped, parentOrders),
		receipts: grouped.receipts[i] ?? [],
		horizon: input.buckets,
		useLaterReceiptsFirst: opts.useLaterReceiptsFirst ?? false,
		deferTolerance: opts.deferTolerance ?? 0,
		hasChildren: ix.childLines[i].length > 0,
		counts
	});
}

/**
 * What a plan was made from, kept beside it (never part of it): net change reuses the BOM index when the
 * items and BOM lines still name the same ids in the same order, and the demands and receipts grouped
 * per item for the items the caller does not name. Without it, net change builds both afresh.
 */
interface Basis {
	ix: BomIndex;
	grouped: Grouped;
	horizon: number;
	/** Per item index: the demand sources its planned orders gave its children (shared by their pegs). */
	sources: (DemandSource[] | null)[];
}
const basisOf = new WeakMap<Plan, Basis>();

/** A copy of a plan's map made only when something in it changes. */
class MapEdit<T> {
	private copy: Map<string, T> | null = null;
	constructor(private readonly base: Map<string, T>) {}
	private edit(): Map<string, T> {
		if (this.copy) return this.copy;
		// A loop of `set` copies a large map faster than `new Map(map)` does in V8.
		const copy = new Map<string, T>();
		for (const [k, v] of this.base) copy.set(k, v);
		return (this.copy = copy);
	}
	set(id: string, value: T): void {
		if (this.base.get(id) !== value) this.edit().set(id, value);
	}
	delete(id: string): void {
		if (this.base.has(id) || this.copy?.has(id)) this.edit().delete(id);
	}
	result(): Map<string, T> {
		return this.copy ?? this.base;
	}
}

export function planRegenerative(input: PlanInput, opts: PlanOptions = {}): Plan {
	const ix = indexBom(input.items, input.bom);
	const order = planningOrder(ix);
	const grouped = groupByItem(input, ix);
	const counts = new Int32Array(Math.max(0, input.buckets) + 1);
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
		const r = planOne(i, ix, input, grouped, parentOrders, opts, counts);
		done[i] = r;
		const id = ix.items[i].id;
		plan.records.set(id, r.record);
		if (r.plannedOrders.length) plan.plannedOrders.set(id, r.plannedOrders);
		if (r.receiptUses.length) plan.receiptUses.set(id, r.receiptUses);
		if (r.onHandPegs) plan.onHandPegs.set(id, r.onHandPegs);
		if (r.exceptions.length) plan.exceptions.set(id, r.exceptions);
		plan.lowLevelCodes.set(id, ix.lowLevelCodes[i]);
		if (ix.childLines[i].length) plan.children.set(id, childIds(ix, i));
	}
	basisOf.set(plan, { ix, grouped, horizon: input.buckets, sources: done.map((r) => r.sources) });
	return plan;
}

const sameList = (a: string[] | undefined, b: string[]) => !!a && a.length === b.length && a.every((x, k) => x === b[k]);

export function planNetChange(prev: Plan, input: PlanInput, changedItemIds: Iterable<string>, opts: PlanOptions = {}): Plan {
	const basis = basisOf.get(prev);
	const reused = basis && basis.horizon === input.buckets ? reuseIndex(basis.ix, input.items, input.bom) : null;
	const ix = reused ?? indexBom(input.items, input.bom);
	const n = ix.items.length;
	// `seed`: its own data or BOM changed, so its children are replanned whatever its orders do.
	// `dirty`: to be replanned; below a seed, only where a parent's planned orders came out different.
	const seed = new Uint8Array(n);
	const dirty = new Uint8Array(n);
	const seeds: number[] = [];
	const mark = (i: number | undefined) => {
		if (i !== undefined && !seed[i]) {
			seed[i] = 1;
			dirty[i] = 1;
			seeds.push(i);
		}
	};
	for (const id of changedItemIds) mark(ix.index.get(id));
	const named = seeds.slice();

	// What the caller cannot know (unless the items and BOM lines are those of the previous plan):
	// new items, items whose level moved, parents whose children changed, removed items.
	let structure = false;
	let children = prev.children;
	const removed: string[] = [];
	const orphans: number[] = [];
	if (!reused) {
		structure = n !== prev.lowLevelCodes.size;
		children = new Map(prev.children);
		for (let i = 0; i < n; i++) {
			const id = ix.items[i].id;
			if (prev.lowLevelCodes.get(id) !== ix.lowLevelCodes[i]) {
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
		if (structure || n !== prev.records.size) {
			for (const id of prev.lowLevelCodes.keys()) {
				if (ix.index.has(id)) continue;
				removed.push(id);
				children.delete(id);
				for (const c of prev.children.get(id) ?? []) {
					const i = ix.index.get(c);
					if (i !== undefined) orphans.push(i);
				}
			}
		}
	}

	// Replanned level by level, so an item comes after all its parents.
	const levels: number[][] = Array.from({ length: ix.maxLevel + 1 }, () => []);
	const replan = (i: number | undefined) => {
		if (i !== undefined && !dirty[i]) {
			dirty[i] = 1;
			levels[ix.lowLevelCodes[i]].push(i);
		}
	};
	for (const i of seeds) {
		levels[ix.lowLevelCodes[i]].push(i);
		for (const l of ix.childLines[i]) replan(ix.lineChild[l]);
		for (const c of prev.children.get(ix.items[i].id) ?? []) replan(ix.index.get(c));
	}
	for (const i of orphans) replan(i);

	const grouped = reused ? regroup(basis!.grouped, input, ix, named) : groupByItem(input, ix);
	const counts = new Int32Array(Math.max(0, input.buckets) + 1);
	const fresh: (ItemPlan | undefined)[] = new Array(n);
	const sources: (DemandSource[] | null)[] = reused ? basis!.sources.slice() : new Array(n).fill(null);
	const parentOrders: ParentOrders = (p) => {
		const r = fresh[p];
		return r ? { orders: r.plannedOrders, sources: r.sources } : { orders: prev.plannedOrders.get(ix.items[p].id) ?? [], sources: sources[p] };
	};
	const records = new MapEdit(prev.records);
	const plannedOrders = new MapEdit(prev.plannedOrders);
	const receiptUses = new MapEdit(prev.receiptUses);
	const onHandPegs = new MapEdit(prev.onHandPegs);
	const exceptions = new MapEdit(prev.exceptions);
	for (const id of removed) for (const m of [records, plannedOrders, receiptUses, onHandPegs, exceptions]) m.delete(id);
	for (const level of levels) {
		for (let k = 0; k < level.length; k++) {
			const i = level[k];
			const id = ix.items[i].id;
			const r = planOne(i, ix, input, grouped, parentOrders, opts, counts);
			fresh[i] = r;
			sources[i] = r.sources;
			const before = prev.plannedOrders.get(id);
			// Children see a parent only through its planned orders: unchanged orders stop the wave.
			if (!seed[i] && !sameOrderHeads(r.plannedOrders, before)) for (const l of ix.childLines[i]) replan(ix.lineChild[l]);
			// Where replanning came out the same, the previous plan's objects stay (and so may its maps).
			if (!sameRecord(r.record, prev.records.get(id))) records.set(id, r.record);
			if (!r.plannedOrders.length) plannedOrders.delete(id);
			else if (!samePlannedOrders(r.plannedOrders, before)) plannedOrders.set(id, r.plannedOrders);
			if (!r.receiptUses.length) receiptUses.delete(id);
			else if (!sameReceiptUses(r.receiptUses, prev.receiptUses.get(id))) receiptUses.set(id, r.receiptUses);
			if (!r.onHandPegs) onHandPegs.delete(id);
			else if (!samePegs(r.onHandPegs, prev.onHandPegs.get(id))) onHandPegs.set(id, r.onHandPegs);
			if (!r.exceptions.length) exceptions.delete(id);
			else if (!sameExceptions(r.exceptions, prev.exceptions.get(id))) exceptions.set(id, r.exceptions);
		}
	}
	const plan: Plan = {
		records: records.result(),
		plannedOrders: plannedOrders.result(),
		receiptUses: receiptUses.result(),
		onHandPegs: onHandPegs.result(),
		exceptions: exceptions.result(),
		children,
		order: structure ? planningOrder(ix).map((i) => ix.items[i].id) : prev.order,
		lowLevelCodes: structure ? new Map(ix.items.map((it, i) => [it.id, ix.lowLevelCodes[i]])) : prev.lowLevelCodes
	};
	basisOf.set(plan, { ix, grouped, horizon: input.buckets, sources });
	return plan;
}
