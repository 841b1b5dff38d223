// One item's MRP: netting over the buckets where something happens (sparse), lot sizing, lead-time
// offsetting, FIFO pegging and the exception messages. Knows nothing of other items: its gross
// requirements (independent and dependent) come in, its planned orders go out. Pure.
import { EPS, lotSize } from './lot-sizing.ts';
import { pegFifo, type PegDemand, type PegSupply } from './pegging.ts';
import type { DemandSource, ItemRecord, Peg, PlanException, PlanItem, PlannedOrder, Receipt, ReceiptUse } from './types.ts';

export interface ItemPlanInput {
	item: PlanItem;
	lowLevelCode: number;
	/** Every demand on the item, buckets already within 0 … horizon-1, in tie-break order (input order, then dependent). */
	demands: PegDemand[];
	/** The item's receipts within the horizon (bucket < horizon), input order. */
	receipts: Receipt[];
	horizon: number;
	useLaterReceiptsFirst: boolean;
	deferTolerance: number;
}

export interface ItemPlan {
	record: ItemRecord;
	plannedOrders: PlannedOrder[];
	/** Parallel to plannedOrders: the demand source its children's dependent demand carries. */
	sources: DemandSource[];
	receiptUses: ReceiptUse[];
	onHandPegs: Peg[] | null;
	exceptions: PlanException[];
}

const SAFETY_STOCK: DemandSource = Object.freeze({ kind: 'safety_stock' as const });

interface ReceiptSlot {
	receipt: Receipt;
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
	planned: { bucket: number; qty: number }[];
}

export function planItem(x: ItemPlanInput): ItemPlan {
	const { item } = x;
	const leadTime = Math.max(0, Math.ceil(item.leadTime || 0));
	const safety = Math.max(0, item.safetyStock || 0);
	const onHand = Math.max(0, item.onHand || 0);
	const demands = x.demands.sort((a, b) => a.bucket - b.bucket);
	const slots: ReceiptSlot[] = x.receipts
		.map((receipt) => ({ receipt, arrives: Math.max(0, receipt.bucket), used: 0, slot: 0 }))
		.sort((a, b) => a.arrives - b.arrives);
	for (const s of slots) s.used = s.arrives;

	const n = net(x, demands, slots, { leadTime, safety, onHand });

	// Pegging: on hand first, then receipts and planned orders by the bucket they count in (receipts first).
	slots.sort((a, b) => a.used - b.used);
	const pegDemands = safety > 0 && x.horizon > 0 ? withSafetyStock(demands, safety) : demands;
	const supplies: PegSupply[] = [];
	if (onHand > 0) supplies.push({ qty: onHand, stockBucket: 0 });
	const kinds: number[] = []; // ≥ 0: index into slots; < 0: -(planned index) - 1
	for (let r = 0, p = 0; r < slots.length || p < n.planned.length; ) {
		if (p >= n.planned.length || (r < slots.length && slots[r].used <= n.planned[p].bucket)) {
			supplies.push({ qty: slots[r].receipt.qty, stockBucket: slots[r].arrives });
			kinds.push(r++);
		} else {
			supplies.push({ qty: n.planned[p].qty, stockBucket: n.planned[p].bucket });
			kinds.push(-++p);
		}
	}
	const pegs = pegFifo(supplies, pegDemands);
	const first = onHand > 0 ? 1 : 0;

	const receiptPegs = new Map<Receipt, Peg[]>();
	const plannedOrders: PlannedOrder[] = new Array(n.planned.length);
	const sources: DemandSource[] = new Array(n.planned.length);
	for (let i = 0; i < kinds.length; i++) {
		const k = kinds[i];
		if (k >= 0) {
			receiptPegs.set(slots[k].receipt, pegs[first + i]);
			continue;
		}
		const p = -k - 1;
		const { bucket, qty } = n.planned[p];
		const id = `${item.id}@${bucket}`;
		plannedOrders[p] = { id, itemId: item.id, kind: item.kind, qty, releaseBucket: bucket - leadTime, receiptBucket: bucket, pegs: pegs[first + i] };
		sources[p] = { kind: 'planned_order', id };
	}
	const receiptUses: ReceiptUse[] = x.receipts.map((r) => ({ ref: r.ref, itemId: item.id, bucket: r.bucket, qty: r.qty, pegs: receiptPegs.get(r)! }));

	return {
		record: record(item.id, x.lowLevelCode, n, leadTime, onHand),
		plannedOrders,
		sources,
		receiptUses,
		onHandPegs: onHand > 0 ? pegs[0] : null,
		exceptions: exceptions(item.id, receiptUses, plannedOrders, leadTime, x.deferTolerance)
	};
}

/** Safety stock is a demand from bucket 0, served after everything else due in bucket 0. */
function withSafetyStock(demands: PegDemand[], safety: number): PegDemand[] {
	let at = 0;
	while (at < demands.length && demands[at].bucket === 0) at++;
	const out = demands.slice();
	out.splice(at, 0, { bucket: 0, qty: safety, source: SAFETY_STOCK });
	return out;
}

function net(x: ItemPlanInput, demands: PegDemand[], slots: ReceiptSlot[], c: { leadTime: number; safety: number; onHand: number }): Netting {
	const buckets: number[] = [];
	const gross: number[] = [];
	const receipts: number[] = [];
	// Safety stock above what is on hand is a requirement in bucket 0 even with no demand there.
	if (c.onHand < c.safety - EPS && x.horizon > 0) {
		buckets.push(0);
		gross.push(0);
		receipts.push(0);
	}
	for (let d = 0, r = 0; d < demands.length || r < slots.length; ) {
		const takeDemand = r >= slots.length || (d < demands.length && demands[d].bucket <= slots[r].arrives);
		const b = takeDemand ? demands[d].bucket : slots[r].arrives;
		const last = buckets.length - 1;
		if (last < 0 || buckets[last] !== b) {
			buckets.push(b);
			gross.push(0);
			receipts.push(0);
		}
		const k = buckets.length - 1;
		if (takeDemand) gross[k] += demands[d++].qty;
		else {
			slots[r].slot = k;
			receipts[k] += slots[r++].receipt.qty;
		}
	}

	const m = buckets.length;
	const onHand: number[] = new Array(m);
	const netReq: number[] = new Array(m);
	const plannedReceipts: number[] = new Array(m);
	const planned: { bucket: number; qty: number }[] = [];
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
				const before = avail;
				por = lotSize(x.item.lotSizing, nr, (lastBucket) => windowNeed(before, k, lastBucket), b);
				avail += por;
				planned.push({ bucket: b, qty: por });
			}
		}
		netReq[k] = nr;
		plannedReceipts[k] = por;
		onHand[k] = avail;
		poh = avail;
	}
	return { buckets, gross, receipts, onHand, net: netReq, plannedReceipts, planned };

	/** What it takes to keep safety stock through `lastBucket` with no further order (POQ). */
	function windowNeed(avail: number, k: number, lastBucket: number): number {
		let need = c.safety - avail;
		for (let j = k + 1; j < m && buckets[j] <= lastBucket; j++) {
			avail += receipts[j] - gross[j];
			if (c.safety - avail > need) need = c.safety - avail;
		}
		return need;
	}
}

/** The sparse record: the netting buckets plus the buckets planned orders are released in. */
function record(itemId: string, lowLevelCode: number, n: Netting, leadTime: number, startOnHand: number): ItemRecord {
	const r: ItemRecord = {
		itemId,
		lowLevelCode,
		buckets: [],
		grossRequirements: [],
		scheduledReceipts: [],
		projectedOnHand: [],
		netRequirements: [],
		plannedOrderReceipts: [],
		plannedOrderReleases: []
	};
	let p = 0;
	while (p < n.planned.length && n.planned[p].bucket - leadTime < 0) p++;
	let k = 0;
	let poh = startOnHand;
	while (k < n.buckets.length || p < n.planned.length) {
		const release = p < n.planned.length ? n.planned[p].bucket - leadTime : Infinity;
		const b = k < n.buckets.length ? Math.min(n.buckets[k], release) : release;
		const atNetting = k < n.buckets.length && n.buckets[k] === b;
		if (atNetting) poh = n.onHand[k];
		r.buckets.push(b);
		r.grossRequirements.push(atNetting ? n.gross[k] : 0);
		r.scheduledReceipts.push(atNetting ? n.receipts[k] : 0);
		r.projectedOnHand.push(poh);
		r.netRequirements.push(atNetting ? n.net[k] : 0);
		r.plannedOrderReceipts.push(atNetting ? n.plannedReceipts[k] : 0);
		r.plannedOrderReleases.push(release === b ? n.planned[p++].qty : 0);
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
