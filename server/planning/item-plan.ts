// One item's MRP: netting over the buckets where something happens (sparse), lot sizing, lead-time
// offsetting, FIFO pegging and the exception messages. Knows nothing of other items: its gross
// requirements (independent and dependent) come in, its planned orders go out. Pure.
import { EPS as EPSILON, lotSize, poqPeriods } from './lot-sizing.ts';
import { pegFifo, type DemandList } from './pegging.ts';
import type { DemandSource, ItemRecord, Peg, PlanException, PlanItem, PlannedOrder, Receipt, ReceiptUse } from './types.ts';

export interface ItemPlanInput {
	item: PlanItem;
	lowLevelCode: number;
	/** Every demand on the item, buckets already within 0 … horizon-1, in tie-break order (input order, then dependent). */
	demands: DemandList;
	/** The item's receipts within the horizon (bucket < horizon), input order. */
	receipts: Receipt[];
	horizon: number;
	useLaterReceiptsFirst: boolean;
	deferTolerance: number;
	/** Whether the item has components: only then do its planned orders need a demand source for them. */
	hasChildren: boolean;
	/** Scratch space of horizon + 1 zeros, left zeroed again (one per run, not per item). */
	counts: Int32Array;
}

export interface ItemPlan {
	record: ItemRecord;
	plannedOrders: PlannedOrder[];
	/** Parallel to plannedOrders: the demand source its children's dependent demand carries (when it has children). */
	sources: DemandSource[] | null;
	receiptUses: ReceiptUse[];
	onHandPegs: Peg[] | null;
	exceptions: PlanException[];
}

const EPS = EPSILON;
const SAFETY_STOCK: DemandSource = Object.freeze({ kind: 'safety_stock' as const });

interface ReceiptSlot {
	receipt: Receipt;
	/** Its place in the input order. */
	index: number;
	/** The bucket it arrives in (past-due receipts arrive in bucket 0). */
	arrives: number;
	/** The bucket netting counts it in: `arrives`, or earlier when pulled in. */
	used: number;
	slot: number;
}

interface Netting {
	buckets: number[];
	gross: number[];
	receipts: number[];
	onHand: number[];
	net: number[];
	plannedReceipts: number[];
	/** Receipt bucket and quantity of each planned order, ascending. */
	plannedBucket: number[];
	plannedQty: number[];
}

export function planItem(x: ItemPlanInput): ItemPlan {
	const { item } = x;
	const leadTime = Math.max(0, Math.ceil(item.leadTime || 0));
	const safety = Math.max(0, item.safetyStock || 0);
	const onHand = Math.max(0, item.onHand || 0);
	// In the order they are served: by bucket, then as given; safety stock last in bucket 0.
	const demands = sortDemands(x.demands, x.counts, safety > 0 && x.horizon > 0 ? safety : 0);
	const slots: ReceiptSlot[] = new Array(x.receipts.length);
	for (let r = 0; r < x.receipts.length; r++) {
		const arrives = x.receipts[r].bucket > 0 ? x.receipts[r].bucket : 0;
		slots[r] = { receipt: x.receipts[r], index: r, arrives, used: arrives, slot: 0 };
	}
	if (slots.length > 1) slots.sort((a, b) => a.arrives - b.arrives);

	const n = net(x, demands, slots, { leadTime, safety, onHand });

	// Pegging: on hand first, then receipts and planned orders by the bucket they count in (receipts first).
	if (slots.length > 1) slots.sort((a, b) => a.used - b.used);
	const np = n.plannedQty.length;
	const supplyQty: number[] = [];
	const supplyFree: number[] = [];
	if (onHand > 0) {
		supplyQty.push(onHand);
		supplyFree.push(0);
	}
	const first = supplyQty.length;
	const kinds: number[] = []; // ≥ 0: index into slots; < 0: -(planned index) - 1
	for (let r = 0, p = 0; r < slots.length || p < np; ) {
		if (p >= np || (r < slots.length && slots[r].used <= n.plannedBucket[p])) {
			supplyQty.push(slots[r].receipt.qty);
			supplyFree.push(slots[r].arrives);
			kinds.push(r++);
		} else {
			supplyQty.push(n.plannedQty[p]);
			supplyFree.push(n.plannedBucket[p]);
			kinds.push(-++p);
		}
	}
	const pegs = pegFifo(supplyQty, supplyFree, demands);

	const receiptPegs: Peg[][] = new Array(slots.length);
	const plannedOrders: PlannedOrder[] = new Array(np);
	const sources: DemandSource[] | null = x.hasChildren ? new Array(np) : null;
	for (let i = 0; i < kinds.length; i++) {
		const k = kinds[i];
		if (k >= 0) {
			receiptPegs[slots[k].index] = pegs[first + i];
			continue;
		}
		const p = -k - 1;
		const bucket = n.plannedBucket[p];
		const id = `${item.id}@${bucket}`;
		plannedOrders[p] = { id, itemId: item.id, kind: item.kind, qty: n.plannedQty[p], releaseBucket: bucket - leadTime, receiptBucket: bucket, pegs: pegs[first + i] };
		if (sources) sources[p] = { kind: 'planned_order', id };
	}
	const receiptUses: ReceiptUse[] = x.receipts.map((r, k) => ({ ref: r.ref, itemId: item.id, bucket: r.bucket, qty: r.qty, pegs: receiptPegs[k] }));

	return {
		record: record(item.id, x.lowLevelCode, n, leadTime, onHand),
		plannedOrders,
		sources,
		receiptUses,
		onHandPegs: onHand > 0 ? pegs[0] : null,
		exceptions: receiptUses.length || (np && n.plannedBucket[0] < leadTime) ? exceptions(item.id, receiptUses, plannedOrders, leadTime, x.deferTolerance) : []
	};
}

/**
 * A stable counting sort by bucket (buckets are small integers), with safety stock (when `safety` > 0)
 * slotted in after everything else due in bucket 0.
 */
function sortDemands(d: DemandList, counts: Int32Array, safety: number): DemandList {
	const n = d.qty.length;
	const extra = safety > 0 ? 1 : 0;
	const out: DemandList = { bucket: new Array(n + extra), qty: new Array(n + extra), source: new Array(n + extra) };
	if (n === 0 && !extra) return out;
	let lo = Infinity;
	let hi = -1;
	for (let i = 0; i < n; i++) {
		const b = d.bucket[i];
		counts[b]++;
		if (b < lo) lo = b;
		if (b > hi) hi = b;
	}
	// counts[b] becomes the first position of bucket b; the safety stock goes after bucket 0.
	let at = 0;
	if (extra && (n === 0 || lo > 0)) {
		out.bucket[0] = 0;
		out.qty[0] = safety;
		out.source[0] = SAFETY_STOCK;
		at = 1;
	}
	for (let b = lo; b <= hi; b++) {
		const c = counts[b];
		counts[b] = at;
		at += c;
		if (b === 0 && extra) {
			out.bucket[at] = 0;
			out.qty[at] = safety;
			out.source[at] = SAFETY_STOCK;
			at++;
		}
	}
	for (let i = 0; i < n; i++) {
		const b = d.bucket[i];
		const k = counts[b]++;
		out.bucket[k] = b;
		out.qty[k] = d.qty[i];
		out.source[k] = d.source[i];
	}
	for (let b = lo; b <= hi; b++) counts[b] = 0;
	return out;
}

function net(x: ItemPlanInput, demands: DemandList, slots: ReceiptSlot[], c: { leadTime: number; safety: number; onHand: number }): Netting {
	const buckets: number[] = [];
	const gross: number[] = [];
	const receipts: number[] = [];
	// Safety stock above what is on hand is a requirement in bucket 0 even with no demand there.
	if (c.onHand < c.safety - EPS && x.horizon > 0) {
		buckets.push(0);
		gross.push(0);
		receipts.push(0);
	}
	const nd = demands.qty.length;
	for (let d = 0, r = 0; d < nd || r < slots.length; ) {
		const takeDemand = r >= slots.length || (d < nd && demands.bucket[d] <= slots[r].arrives);
		const b = takeDemand ? demands.bucket[d] : slots[r].arrives;
		const last = buckets.length - 1;
		if (last < 0 || buckets[last] !== b) {
			buckets.push(b);
			gross.push(0);
			receipts.push(0);
		}
		const k = buckets.length - 1;
		if (takeDemand) {
			// The safety stock entry is for pegging; netting keeps it as a floor instead.
			if (demands.source[d] !== SAFETY_STOCK) gross[k] += demands.qty[d];
			d++;
		} else {
			slots[r].slot = k;
			receipts[k] += slots[r++].receipt.qty;
		}
	}

	const m = buckets.length;
	const onHand: number[] = new Array(m);
	const netReq: number[] = new Array(m);
	const plannedReceipts: number[] = new Array(m);
	const plannedBucket: number[] = [];
	const plannedQty: number[] = [];
	const periods = poqPeriods(x.item.lotSizing);
	let poh = c.onHand;
	let unreached = 0; // receipts before this index have been counted (in their bucket or pulled in)
	for (let k = 0; k < m; k++) {
		const b = buckets[k];
		while (unreached < slots.length && slots[unreached].arrives <= b) unreached++;
		let avail = poh + receipts[k] - gross[k];
		let nr = 0;
		let por = 0;
		if (avail < c.safety - EPS) {
			// The live plan: a receipt due by the time a new order could arrive is pulled in first.
			if (x.useLaterReceiptsFirst && b < c.leadTime) {
				while (avail < c.safety - EPS && unreached < slots.length && slots[unreached].arrives <= c.leadTime) {
					const s = slots[unreached++];
					s.used = b;
					receipts[s.slot] -= s.receipt.qty;
					receipts[k] += s.receipt.qty;
					avail += s.receipt.qty;
				}
			}
			if (avail < c.safety - EPS) {
				nr = c.safety - avail;
				// POQ: enough to keep safety stock through the order's periods with no further order.
				let need = nr;
				if (periods > 1) {
					const last = b + periods - 1;
					let a = avail;
					for (let j = k + 1; j < m && buckets[j] <= last; j++) {
						a += receipts[j] - gross[j];
						if (c.safety - a > need) need = c.safety - a;
					}
				}
				por = lotSize(x.item.lotSizing, nr, need);
				avail += por;
				plannedBucket.push(b);
				plannedQty.push(por);
			}
		}
		netReq[k] = nr;
		plannedReceipts[k] = por;
		onHand[k] = avail;
		poh = avail;
	}
	return { buckets, gross, receipts, onHand, net: netReq, plannedReceipts, plannedBucket, plannedQty };
}

/** The sparse record: the netting buckets plus the buckets planned orders are released in. */
function record(itemId: string, lowLevelCode: number, n: Netting, leadTime: number, startOnHand: number): ItemRecord {
	const np = n.plannedBucket.length;
	let firstRelease = 0;
	while (firstRelease < np && n.plannedBucket[firstRelease] - leadTime < 0) firstRelease++;
	// How many buckets: the netting buckets, plus releases that fall on none of them.
	let size = n.buckets.length;
	for (let p = firstRelease, k = 0; p < np; p++) {
		const release = n.plannedBucket[p] - leadTime;
		while (k < n.buckets.length && n.buckets[k] < release) k++;
		if (k >= n.buckets.length || n.buckets[k] !== release) size++;
	}
	const r: ItemRecord = {
		itemId,
		lowLevelCode,
		buckets: new Array(size),
		grossRequirements: new Array(size),
		scheduledReceipts: new Array(size),
		projectedOnHand: new Array(size),
		netRequirements: new Array(size),
		plannedOrderReceipts: new Array(size),
		plannedOrderReleases: new Array(size)
	};
	let p = firstRelease;
	let k = 0;
	let poh = startOnHand;
	for (let i = 0; i < size; i++) {
		const release = p < np ? n.plannedBucket[p] - leadTime : Infinity;
		const b = k < n.buckets.length && n.buckets[k] < release ? n.buckets[k] : release;
		const atNetting = k < n.buckets.length && n.buckets[k] === b;
		if (atNetting) poh = n.onHand[k];
		r.buckets[i] = b;
		r.grossRequirements[i] = atNetting ? n.gross[k] : 0;
		r.scheduledReceipts[i] = atNetting ? n.receipts[k] : 0;
		r.projectedOnHand[i] = poh;
		r.netRequirements[i] = atNetting ? n.net[k] : 0;
		r.plannedOrderReceipts[i] = atNetting ? n.plannedReceipts[k] : 0;
		r.plannedOrderReleases[i] = release === b ? n.plannedQty[p++] : 0;
		if (atNetting) k++;
	}
	return r;
}

/**
 * Existing receipts: past due, then expedite (needed before it arrives), defer (first needed more than
 * `tolerance` buckets after it arrives) or cancel (needed by nothing but stock). Planned orders: past due
 * when the release falls before bucket 0, and a shortage for what they serve before a new order could arrive.
 */
function exceptions(itemId: string, uses: ReceiptUse[], planned: PlannedOrder[], leadTime: number, tolerance: number): PlanException[] {
	const out: PlanException[] = [];
	for (const u of uses) {
		if (u.bucket < 0) out.push({ kind: 'past_due', itemId, ref: u.ref, bucket: u.bucket, days: -u.bucket, qty: u.qty });
		const arrives = Math.max(0, u.bucket);
		const needed = u.pegs.find((p) => p.demand.kind !== 'stock');
		if (!needed) out.push({ kind: 'cancel', itemId, ref: u.ref, bucket: arrives, qty: u.qty });
		else if (needed.bucket < arrives) out.push({ kind: 'expedite', itemId, ref: u.ref, bucket: needed.bucket, days: arrives - needed.bucket });
		else if (needed.bucket - arrives > tolerance) out.push({ kind: 'defer', itemId, ref: u.ref, bucket: needed.bucket, days: needed.bucket - arrives });
	}
	for (const po of planned) {
		if (po.releaseBucket >= 0) continue;
		out.push({ kind: 'past_due', itemId, plannedOrderId: po.id, bucket: po.releaseBucket, days: -po.releaseBucket, qty: po.qty });
		// Released today it arrives in bucket `leadTime`: what it serves before then is short.
		let short = 0;
		for (const p of po.pegs) if (p.bucket < leadTime && p.demand.kind !== 'stock' && p.demand.kind !== 'safety_stock') short += p.qty;
		if (short > EPS) out.push({ kind: 'shortage', itemId, plannedOrderId: po.id, bucket: po.receiptBucket, qty: short });
	}
	return out;
}
