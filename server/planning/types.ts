// The planning engine's plain data: what MRP reads and what it answers. No dates, no IO: time is a
// bucket index (0 = the first bucket of the plan, "today" in the factory's time zone for the live
// plan, period 1 for the textbook CLI). Adapters turn database rows into this and back
// (server/planning/*.queries.ts); the engine (mrp.ts) never sees a Date.

/** How a planned order's quantity is chosen from the net requirements (CONTRACTS.md, `mrp` CLI). */
export interface LotSizing {
	rule: 'LFL' | 'FOQ' | 'POQ';
	/** FOQ: the fixed lot; as many lots as the bucket needs. */
	qty?: number;
	/** POQ: one order covers the net requirements of this many buckets, from the first that needs one. */
	periods?: number;
	/** A planned order is at least this (applied before `multiple`). */
	min?: number;
	/** A planned order is rounded up to a multiple of this. */
	multiple?: number;
}

export interface PlanItem {
	id: string;
	/** make → planned production orders; buy → planned purchases. */
	kind: 'make' | 'buy';
	/** Whole buckets between release and receipt. */
	leadTime: number;
	/** Usable at the start of bucket 0 (stock waiting in QC is a receipt, not on hand). */
	onHand: number;
	/** Planned receipts keep projected on hand at or above this. */
	safetyStock: number;
	lotSizing: LotSizing;
	/**
	 * A made item with a routing: its processing time in days of its work centres' shifts — the setups
	 * once, the run per unit — without the queue its lead time allows for. Supply risks (risk.ts) use it
	 * for what a late component leaves: the order takes its processing time after it, not its lead time.
	 */
	processing?: { setupDays: number; runDaysPerUnit: number };
}

export interface BomLine {
	parent: string;
	child: string;
	/** Per parent unit, before scrap. */
	qty: number;
	/** Scrap allowance of the child in making the parent: need = qty × (1 + scrapPct / 100), as production issues. */
	scrapPct?: number;
}

/** What a demand is for. Independent: sales order line, safety stock, forecast. Dependent: a parent order. */
export type DemandSource =
	| { kind: 'sales_order_line'; orderId: string; lineId: string }
	| { kind: 'safety_stock' }
	| { kind: 'forecast'; date: string }
	| { kind: 'planned_order'; id: string }
	| { kind: 'production_order'; id: string };

/** Independent demand (and allocations of existing production orders) handed to the engine. */
export interface Demand {
	itemId: string;
	bucket: number;
	qty: number;
	source: DemandSource;
}

/** Where an existing supply comes from. */
export type SupplyRef =
	| { kind: 'purchase_order'; id: string; lineId: string }
	| { kind: 'production_order'; id: string }
	| { kind: 'requisition'; id: string }
	| { kind: 'inspection'; id: string };

/** A scheduled receipt: supply that exists already and that MRP does not move, only comments on. */
export interface Receipt {
	itemId: string;
	bucket: number;
	qty: number;
	ref: SupplyRef;
}

export interface PlanInput {
	/** Buckets in the horizon: 0 … buckets-1. Anything later is beyond the plan. */
	buckets: number;
	items: PlanItem[];
	bom: BomLine[];
	demands: Demand[];
	receipts: Receipt[];
}

/**
 * One pegging link: `qty` of a supply serves `demand`. What no demand takes (lot-size surplus, stock
 * beyond every demand) is pegged to `{kind:'stock'}`: free to promise (ATP) from `bucket` on.
 */
export interface Peg {
	qty: number;
	demand: DemandSource | { kind: 'stock' };
	/** The bucket the demand needs it in; for `stock`, the bucket the supply arrives in. */
	bucket: number;
}

export interface PlannedOrder {
	/** Stable across runs for the same item and receipt bucket: `${itemId}@${receiptBucket}`. */
	id: string;
	itemId: string;
	kind: 'make' | 'buy';
	qty: number;
	/** May be negative: a release that should have happened already (a past-due exception says so). */
	releaseBucket: number;
	receiptBucket: number;
	pegs: Peg[];
}

/** How each existing receipt is used: the demands it serves (same shape as a planned order's pegs). */
export interface ReceiptUse {
	ref: SupplyRef;
	itemId: string;
	bucket: number;
	qty: number;
	pegs: Peg[];
}

export type ExceptionKind = 'expedite' | 'defer' | 'cancel' | 'past_due' | 'shortage';

export interface PlanException {
	kind: ExceptionKind;
	itemId: string;
	/** The existing order concerned; absent for planned orders and shortages. */
	ref?: SupplyRef;
	plannedOrderId?: string;
	/** expedite/defer: the bucket it is needed in; past_due: the release bucket; shortage: first short bucket. */
	bucket?: number;
	/** expedite/defer: buckets to move; past_due: buckets late; shortage: quantity short. */
	days?: number;
	qty?: number;
}

export interface PlanOptions {
	/**
	 * The live plan (true): when a net requirement arises in a bucket where a new order can no longer
	 * arrive in time (its release would fall before bucket 0), an open receipt that arrives later but
	 * before a new order could (bucket <= leadTime) is used first and gets an expedite message, instead
	 * of a new past-due planned order beside a receipt that would then look surplus. The textbook CLI
	 * (false, the default) nets every receipt in its own bucket.
	 */
	useLaterReceiptsFirst?: boolean;
	/** A receipt needed this many buckets later or less than it arrives gets no defer message (default 0). */
	deferTolerance?: number;
}

/** The time-phased record of one item; sparse: only buckets where something happens. */
export interface ItemRecord {
	itemId: string;
	lowLevelCode: number;
	/** Ascending bucket indices; every array below is parallel to it. */
	buckets: number[];
	grossRequirements: number[];
	scheduledReceipts: number[];
	/** At the end of the bucket; constant between listed buckets. */
	projectedOnHand: number[];
	netRequirements: number[];
	plannedOrderReceipts: number[];
	plannedOrderReleases: number[];
}

export interface Plan {
	records: Map<string, ItemRecord>;
	plannedOrders: Map<string, PlannedOrder[]>;
	receiptUses: Map<string, ReceiptUse[]>;
	/** On hand per item as pegged (ref-less supply available from bucket 0). */
	onHandPegs: Map<string, Peg[]>;
	exceptions: Map<string, PlanException[]>;
	/** Children per parent as planned (net change recomputes an item's old children too). */
	children: Map<string, string[]>;
	/** Item ids in planning order (low-level code, then id). */
	order: string[];
	lowLevelCodes: Map<string, number>;
}
