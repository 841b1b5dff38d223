// Days of factory life as events, day by day, in business-time order: orders, promises, cancellations
// and shipments; purchase orders, receipts and inspections; requisitions and their approvals;
// production orders released, reported and completed; master data changed; machine telemetry.
//
// Two kinds of events. Drivers (new orders, requisitions, production orders, master data changes,
// readings) come at an exact number per day (`perDay`, fractions adding up over the days). Each
// document plans its follow-ups when it is made (shares exact, not only on average: 3 in 4 promised
// means 3 in 4): a follow-up with a `perDay` of its own is taken from its pool at that rate, earliest
// first and whether or not its time has come (the day is that busy); one without happens at its
// planned time. Either way an event never names a document younger than `settleMinutes`, shipments
// never take more than the stock the history has seen arrive before the day's block, and nothing is
// shipped, received or cancelled beyond what is open — so the event log accepts every event, in order,
// batch after batch. Deterministic: one seeded stream decides every value, ids included.
import type { GeneratedFactory, GeneratedItem } from './factory.ts';
import { addDaysIso, DAY_MS, dayStartMs, factoryDateOf, iso, READING_TYPE, SOURCE, type BenchEvent } from './events.ts';
import { dailyQuota, everyNth, Rng } from './random.ts';
import { approvalOf, itemData, openingStock } from './setup.ts';

export type DriverKind =
	| 'sales_order.created'
	| 'purchase_order.placed'
	| 'requisition.created'
	| 'production_order.created'
	| 'item.upserted'
	| 'customer.upserted'
	| 'supplier.upserted'
	| 'reading';
export type FollowUpKind =
	| 'sales_order.promised'
	| 'sales_order.cancelled'
	| 'shipment.shipped'
	| 'goods.received'
	| 'inspection.recorded'
	| 'requisition.approved'
	| 'requisition.rejected'
	| 'production_order.released'
	| 'production.reported'
	| 'production_order.completed';
export type Kind = DriverKind | FollowUpKind;

export const DRIVERS: readonly DriverKind[] = [
	'sales_order.created',
	'purchase_order.placed',
	'requisition.created',
	'production_order.created',
	'item.upserted',
	'customer.upserted',
	'supplier.upserted',
	'reading'
];

type Range = readonly [number, number];

/** How documents live: sizes, shares and delays. Shares are of the documents made, exactly. */
export interface Behaviour {
	/** No event names a document (or stock) younger than this; with concurrent senders, what it names is committed by then. */
	settleMinutes: number;
	order: { lines: Range; qty: Range; qtyStep: number; leadDays: Range; priorityShare: number };
	/** Share of orders promised, how soon after entry, and the promised date (days after the entry day). */
	promise: { share: number; afterMinutes: Range; dueDays: Range };
	/** Share of lines cancelled, days after entry. */
	cancel: { share: number; afterDays: Range };
	/** Share of the other lines shipped: around the due date (promised, else requested), in parts a few days apart. */
	ship: { share: number; offsetDays: Range; hour: Range; parts: Range; partGapDays: Range };
	po: { lines: Range; qty: Range; qtyStep: number; leadDays: Range; requisitionShare: number };
	receive: { share: number; offsetDays: Range; hour: Range; parts: Range; partGapDays: Range };
	inspect: { share: number; afterHours: Range; rejectShare: number };
	requisition: { qty: Range; qtyStep: number; neededDays: Range; approveShare: number; rejectShare: number; afterDays: Range };
	/** Production orders: released, reported in parts, completed; with `completes` false reports go on (an MES counting). */
	mo: {
		qty: Range;
		qtyStep: number;
		leadDays: Range;
		releaseAfterDays: Range;
		reportAfterDays: Range;
		reportParts: Range;
		reportGapHours: Range;
		scrapShare: number;
		completes: boolean;
		completeAfterHours: Range;
	};
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
	settleMinutes: 60,
	order: { lines: [1, 5], qty: [1, 20], qtyStep: 5, leadDays: [7, 45], priorityShare: 0 },
	promise: { share: 0, afterMinutes: [5, 600], dueDays: [7, 30] },
	cancel: { share: 0, afterDays: [1, 5] },
	ship: { share: 1, offsetDays: [-1, 2], hour: [8, 17], parts: [1, 1], partGapDays: [2, 7] },
	po: { lines: [1, 3], qty: [1, 20], qtyStep: 50, leadDays: [7, 30], requisitionShare: 0 },
	receive: { share: 1, offsetDays: [-1, 3], hour: [8, 17], parts: [1, 1], partGapDays: [2, 7] },
	inspect: { share: 0, afterHours: [1, 24], rejectShare: 0 },
	requisition: { qty: [10, 50], qtyStep: 10, neededDays: [10, 30], approveShare: 0.8, rejectShare: 0.1, afterDays: [1, 4] },
	mo: {
		qty: [1, 10],
		qtyStep: 10,
		leadDays: [7, 20],
		releaseAfterDays: [1, 3],
		reportAfterDays: [2, 6],
		reportParts: [1, 1],
		reportGapHours: [2, 24],
		scrapShare: 0,
		completes: true,
		completeAfterHours: [1, 8]
	}
};

export type BehaviourOverrides = { [K in keyof Behaviour]?: Behaviour[K] extends object ? Partial<Behaviour[K]> : Behaviour[K] };

export interface HistorySpec {
	/** The factory date (ISO) of day 0. */
	start: string;
	days: number;
	/** Events per day of each driver, and of each follow-up taken from a pool at a rate. */
	perDay: Partial<Record<Kind, number>>;
	/** Readings fill each day up to this many events. */
	eventsPerDay?: number;
	/** After the last day the follow-ups already planned still happen (days beyond `days`). */
	tail?: boolean;
	/** The factory's open documents were set up (setup.ts "documents"): the history ships, receives and reports them. */
	openingBook?: boolean;
	/** Only the kinds of `perDay` happen: follow-ups of other kinds are not planned (a workload of a fixed mix). */
	exclusive?: boolean;
	/** The opening stock's buffer, as in setup. */
	stockBuffer?: number;
	/**
	 * Days a loader may append in one transaction (default 1). The event log applies a batch type by type,
	 * so stock a batch brings in (completions, inspections) is not there yet for the batch's shipments:
	 * the history counts it from the next block on.
	 */
	blockDays?: number;
	behaviour?: BehaviourOverrides;
	/** Who enters sales orders (in turn), and who does everything else; absent: the sender's credentials decide. */
	actors?: { sales?: readonly string[]; other?: string };
	seed?: number;
}

export interface HistoryDay {
	day: number;
	date: string;
	events: BenchEvent[];
}

// ---- documents and their follow-ups ----

interface SoLine {
	/** When the order was made: later parts of the line name it, not the part before. */
	madeAt: number;
	orderId: string;
	lineId: string;
	itemId: string;
	/** Quantities still to ship, one per shipment. */
	parts: number[];
	shipped: boolean;
	cancelled: boolean;
}
interface OrderPromise {
	orderId: string;
	lines: SoLine[];
	dates: string[];
}
interface PoLine {
	madeAt: number;
	poId: string;
	lineId: string;
	itemId: string;
	parts: number[];
}
interface Receipt {
	poId: string;
	lineId: string;
	itemId: string;
	qty: number;
}
interface Requisition {
	id: string;
	itemId: string;
	qty: number;
	supplierId: string;
	unitPrice: number;
	steps: { role: string }[];
	step: number;
}
interface Mo {
	/** When it was released: reports name the released order. */
	since: number;
	id: string;
	itemId: string;
	qty: number;
	workCenterId: string | undefined;
	parts: number[];
	good: number;
}

type Doc = SoLine | OrderPromise | PoLine | Receipt | Requisition | Mo;

interface Task {
	kind: FollowUpKind;
	ready: number;
	/** When it may be acted on at the earliest: its document settled. */
	eligible: number;
	seq: number;
	doc: Doc;
}

/** A binary min-heap by a key, ties by insertion order. */
class Heap<T extends { seq: number }> {
	private xs: T[] = [];
	constructor(private readonly key: (t: T) => number) {}
	get size(): number {
		return this.xs.length;
	}
	peek(): T | undefined {
		return this.xs[0];
	}
	private less(a: T, b: T): boolean {
		const ka = this.key(a);
		const kb = this.key(b);
		return ka < kb || (ka === kb && a.seq < b.seq);
	}
	push(x: T): void {
		const xs = this.xs;
		xs.push(x);
		for (let i = xs.length - 1; i > 0; ) {
			const p = (i - 1) >> 1;
			if (!this.less(xs[i], xs[p])) break;
			[xs[i], xs[p]] = [xs[p], xs[i]];
			i = p;
		}
	}
	pop(): T | undefined {
		const xs = this.xs;
		const top = xs[0];
		const last = xs.pop();
		if (xs.length && last) {
			xs[0] = last;
			for (let i = 0; ; ) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < xs.length && this.less(xs[l], xs[m])) m = l;
				if (r < xs.length && this.less(xs[r], xs[m])) m = r;
				if (m === i) break;
				[xs[i], xs[m]] = [xs[m], xs[i]];
				i = m;
			}
		}
		return top;
	}
}

/** A follow-up taken at a rate: tasks wait in `incoming` until settled, then in a heap by planned time. */
class Pool {
	readonly incoming: Task[] = [];
	private head = 0;
	readonly ready = new Heap<Task>((t) => t.ready);
	settle(t: number): void {
		while (this.head < this.incoming.length && this.incoming[this.head].eligible <= t) this.ready.push(this.incoming[this.head++]);
		if (this.head > 4096 && this.head * 2 > this.incoming.length) {
			this.incoming.splice(0, this.head);
			this.head = 0;
		}
	}
}

/** Splits a quantity into `n` whole parts (fewer when the quantity is small), the larger ones first. */
function split(qty: number, n: number): number[] {
	const k = Math.max(1, Math.min(n, Math.floor(qty)));
	const base = Math.floor(qty / k);
	const out = Array.from({ length: k }, () => base);
	let rest = qty - base * k;
	for (let i = 0; rest > 0; i = (i + 1) % k) {
		const add = Math.min(1, rest);
		out[i] += add;
		rest -= add;
	}
	return out;
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const HOUR = 3_600_000;
const MINUTE = 60_000;

type Outcome = BenchEvent | null | 'retry';

function mergeBehaviour(over: BehaviourOverrides = {}): Behaviour {
	const out = { ...DEFAULT_BEHAVIOUR } as Record<string, unknown>;
	for (const [k, v] of Object.entries(over)) {
		const base = (DEFAULT_BEHAVIOUR as unknown as Record<string, unknown>)[k];
		out[k] = typeof base === 'object' && base !== null ? { ...base, ...(v as object) } : v;
	}
	return out as unknown as Behaviour;
}

/** The days of a history, one at a time (a day's events are held, never the whole history). */
export function* history(f: GeneratedFactory, spec: HistorySpec): Generator<HistoryDay> {
	const sim = new Simulation(f, spec);
	for (let d = 0; d < spec.days; d++) yield sim.day(d, true);
	if (spec.tail) for (let d = spec.days; sim.pending(); d++) yield sim.day(d, false);
}

class Simulation {
	private readonly b: Behaviour;
	private readonly rng: Rng;
	private readonly products: GeneratedItem[];
	private readonly materials: GeneratedItem[];
	private readonly made: GeneratedItem[];
	private readonly supplierOf: Map<string, { supplierId: string; price: number }>;
	private readonly timeline = new Heap<Task>((t) => t.ready);
	private readonly pools = new Map<FollowUpKind, Pool>();
	private readonly approved: { req: Requisition; eligible: number }[] = [];
	private approvedHead = 0;
	private readonly stock = new Map<string, number>();
	private readonly arriving: { at: number; itemId: string; qty: number }[] = [];
	private arrivingHead = 0;
	private readonly carry = new Map<Kind, number>();
	private seq = 0;
	/** The business time reached: nothing is planned before it. */
	private now = -Infinity;
	/** Events of the days so far. */
	private emitted = 0;
	private readonly next = { so: 0, po: 0, rq: 0, mo: 0, orders: 0, item: 0, customer: 0, supplier: 0 };
	private readonly versions = new Map<string, number>();
	private readonly flags: {
		promise: () => boolean;
		cancel: () => boolean;
		ship: () => boolean;
		receive: () => boolean;
		inspect: () => boolean;
		reject: () => boolean;
		approve: () => boolean;
		rejectReq: () => boolean;
		priority: () => boolean;
		fromRequisition: () => boolean;
		scrap: () => boolean;
	};
	private readonly settleMs: number;

	constructor(
		private readonly f: GeneratedFactory,
		private readonly spec: HistorySpec
	) {
		this.b = mergeBehaviour(spec.behaviour);
		this.rng = new Rng((spec.seed ?? f.seed) ^ 0x68e31da4);
		this.settleMs = this.b.settleMinutes * MINUTE;
		this.products = f.items.filter((i) => i.kind === 'product');
		this.materials = f.items.filter((i) => i.makeOrBuy === 'buy');
		this.made = f.items.filter((i) => i.makeOrBuy === 'make');
		this.supplierOf = new Map();
		for (const s of f.supplierItems) if (!this.supplierOf.has(s.itemId)) this.supplierOf.set(s.itemId, { supplierId: s.supplierId, price: s.price });
		for (const item of f.items) this.stock.set(item.id, openingStock(item, spec.stockBuffer));
		for (const kind of Object.keys(spec.perDay) as Kind[]) if (!(DRIVERS as readonly string[]).includes(kind)) this.pools.set(kind as FollowUpKind, new Pool());
		const b = this.b;
		// The requisition outcomes share one counter: approved, rejected, or left pending.
		const outcome = everyNth(b.requisition.approveShare + b.requisition.rejectShare);
		const rejectOfDecided = everyNth(b.requisition.approveShare + b.requisition.rejectShare > 0 ? b.requisition.rejectShare / (b.requisition.approveShare + b.requisition.rejectShare) : 0);
		this.flags = {
			promise: everyNth(b.promise.share),
			cancel: everyNth(b.cancel.share),
			ship: everyNth(b.ship.share),
			receive: everyNth(b.receive.share),
			inspect: everyNth(b.inspect.share),
			reject: everyNth(b.inspect.rejectShare),
			approve: outcome,
			rejectReq: rejectOfDecided,
			priority: everyNth(b.order.priorityShare),
			fromRequisition: everyNth(b.po.requisitionShare),
			scrap: everyNth(b.mo.scrapShare)
		};
		if (spec.openingBook) this.openBook();
	}

	pending(): boolean {
		return this.timeline.size > 0;
	}

	// ---- planning follow-ups ----

	/** `madeAt`: when what the follow-up depends on happened (the document, or the state change before it). */
	private plan(kind: FollowUpKind, ready: number, doc: Doc, madeAt: number): void {
		const pool = this.pools.get(kind);
		if (!pool && this.spec.exclusive) return;
		const eligible = madeAt + this.settleMs;
		const task: Task = { kind, ready: Math.max(ready, eligible, this.now), eligible, seq: this.seq++, doc };
		// Pools take tasks in the order they settle; a task settled already goes straight to the ready heap.
		if (pool) (pool.incoming.length && pool.incoming.at(-1)!.eligible > eligible ? pool.ready : pool.incoming).push(task);
		else this.timeline.push(task);
	}

	/** A time on day `date` + `days`, within the hours given. */
	private at(date: string, days: number, hours: Range): number {
		return dayStartMs(addDaysIso(date, days)) + this.rng.range(hours) * HOUR + this.rng.int(0, 59) * MINUTE;
	}

	private planShipment(line: SoLine, due: string, madeAt: number): void {
		const s = this.b.ship;
		this.plan('shipment.shipped', this.at(due, this.rng.range(s.offsetDays), s.hour), line, madeAt);
	}

	private planReceipt(line: PoLine, expected: string, madeAt: number): void {
		const r = this.b.receive;
		this.plan('goods.received', this.at(expected, this.rng.range(r.offsetDays), r.hour), line, madeAt);
	}

	private planReports(mo: Mo, from: number): void {
		mo.since = from;
		mo.parts = split(mo.qty, this.rng.range(this.b.mo.reportParts));
		this.plan('production.reported', from + this.rng.range(this.b.mo.reportAfterDays) * DAY_MS + this.rng.int(0, 8 * 60) * MINUTE, mo, from);
	}

	/** The factory's open documents, set up before day 0: shipped, received and reported from day 0 on. */
	private openBook(): void {
		const start = dayStartMs(this.spec.start);
		const madeAt = start - this.settleMs;
		const date = (offset: number) => addDaysIso(this.spec.start, offset);
		for (const so of this.f.salesOrders) {
			for (const l of so.lines) {
				if (!this.flags.ship()) continue;
				const line: SoLine = { madeAt, orderId: so.orderId, lineId: l.lineId, itemId: l.itemId, parts: split(l.qty, this.rng.range(this.b.ship.parts)), shipped: false, cancelled: false };
				this.planShipment(line, date(l.dayOffset), madeAt);
			}
		}
		for (const po of this.f.purchaseOrders) {
			for (const l of po.lines) {
				if (this.flags.receive()) this.planReceipt({ madeAt, poId: po.poId, lineId: l.lineId, itemId: l.itemId, parts: split(l.qty, this.rng.range(this.b.receive.parts)) }, date(l.dayOffset), madeAt);
			}
		}
		for (const o of this.f.productionOrders) {
			const mo: Mo = { since: madeAt, id: o.productionOrderId, itemId: o.itemId, qty: o.qty, workCenterId: this.f.routings.get(o.itemId)?.at(-1)?.workCenterId, parts: [], good: 0 };
			if (o.startOffset <= 0) this.planReports(mo, madeAt);
			else this.plan('production_order.released', dayStartMs(date(o.startOffset)) + 8 * HOUR, mo, madeAt);
		}
		this.next.so = this.f.salesOrders.length;
		this.next.po = this.f.purchaseOrders.length;
		this.next.mo = this.f.productionOrders.length;
	}

	// ---- one day ----

	day(d: number, drivers: boolean): HistoryDay {
		const date = addDaysIso(this.spec.start, d);
		const start = dayStartMs(date);
		const end = start + DAY_MS;
		const events: BenchEvent[] = [];

		// The day's slots: each driver and rated follow-up its quota (plus what yesterday could not do), shuffled, spread over the day.
		const kinds: Kind[] = [];
		if (drivers) {
			for (const [kind, perDay] of Object.entries(this.spec.perDay) as [Kind, number][]) {
				if (kind === 'reading' && this.spec.eventsPerDay !== undefined) continue;
				const n = dailyQuota(perDay, d) + (this.carry.get(kind) ?? 0);
				this.carry.delete(kind);
				for (let i = 0; i < n; i++) kinds.push(kind);
			}
		}
		for (let i = kinds.length - 1; i > 0; i--) {
			const j = Math.floor(this.rng.next() * (i + 1));
			[kinds[i], kinds[j]] = [kinds[j], kinds[i]];
		}
		const times = kinds.map((_, i) => start + Math.floor(((i + this.rng.next()) * DAY_MS) / kinds.length));
		const deferred: Kind[] = [];

		let i = 0;
		for (;;) {
			const slotAt = i < kinds.length ? times[i] : Infinity;
			const top = this.timeline.peek();
			const taskAt = top && top.ready < end ? top.ready : Infinity;
			if (slotAt === Infinity && taskAt === Infinity) break;
			if (taskAt <= slotAt) {
				const task = this.timeline.pop()!;
				this.now = task.ready;
				this.receiveStock(task.ready);
				const e = this.follow(task, task.ready);
				if (e === 'retry') this.replan(task, task.ready + DAY_MS);
				else if (e) events.push(e);
				continue;
			}
			const t = slotAt;
			const kind = kinds[i++];
			this.now = t;
			this.receiveStock(t);
			// What could not be done earlier today goes first.
			for (let k = 0; k < deferred.length; ) {
				const e = this.slot(deferred[k], t);
				if (e) {
					events.push(e);
					deferred.splice(k, 1);
				} else k++;
			}
			const e = this.slot(kind, t);
			if (e) events.push(e);
			else deferred.push(kind);
		}
		for (const kind of deferred) this.carry.set(kind, Math.min((this.carry.get(kind) ?? 0) + 1, Math.ceil(this.spec.perDay[kind] ?? 0) * 2));

		if (drivers && this.spec.eventsPerDay !== undefined) {
			// Readings fill the day up to the running total, so a busy day is made up for by quieter ones.
			const fill = Math.floor((d + 1) * this.spec.eventsPerDay + 1e-9) - this.emitted - events.length;
			if (fill > 0) {
				const readings = Array.from({ length: fill }, (_, k) => this.reading(start + Math.floor(((k + this.rng.next()) * DAY_MS) / fill)));
				this.emitted += events.length + fill;
				return { day: d, date, events: mergeByTime(events, readings) };
			}
		}
		this.emitted += events.length;
		return { day: d, date, events };
	}

	private replan(task: Task, ready: number): void {
		task.ready = ready;
		task.seq = this.seq++;
		const pool = this.pools.get(task.kind);
		if (pool) pool.ready.push(task);
		else this.timeline.push(task);
	}

	/** Stock that arrived (completions, accepted inspections) counts from the next block of days on. */
	private receiveStock(t: number): void {
		while (this.arrivingHead < this.arriving.length && this.arriving[this.arrivingHead].at <= t) {
			const a = this.arriving[this.arrivingHead++];
			this.stock.set(a.itemId, (this.stock.get(a.itemId) ?? 0) + a.qty);
		}
	}

	private arrive(itemId: string, qty: number, t: number): void {
		const start = dayStartMs(this.spec.start);
		const block = this.spec.blockDays ?? 1;
		const day = Math.round((dayStartMs(factoryDateOf(t)) - start) / DAY_MS);
		this.arriving.push({ at: start + (Math.floor(day / block) + 1) * block * DAY_MS, itemId, qty });
	}

	/** One slot: a driver makes a document; a rated follow-up takes the earliest task of its pool. */
	private slot(kind: Kind, t: number): BenchEvent | null {
		if ((DRIVERS as readonly string[]).includes(kind)) return this.drive(kind as DriverKind, t);
		const pool = this.pools.get(kind as FollowUpKind)!;
		pool.settle(t);
		const retry: Task[] = [];
		let out: BenchEvent | null = null;
		while (!out && pool.ready.size) {
			const task = pool.ready.pop()!;
			const e = this.follow(task, t);
			if (e === 'retry') retry.push(task);
			else out = e;
		}
		for (const task of retry) this.replan(task, t + DAY_MS);
		return out;
	}

	private emit(type: string, data: Record<string, unknown>, t: number, actor = this.spec.actors?.other): BenchEvent {
		return { id: this.rng.uuid(), type, occurredAt: iso(t), source: SOURCE, ...(actor ? { actor } : {}), data };
	}

	// ---- drivers ----

	private drive(kind: DriverKind, t: number): BenchEvent {
		const rng = this.rng;
		const b = this.b;
		const date = factoryDateOf(t);
		switch (kind) {
			case 'sales_order.created': {
				const k = this.next.orders++;
				const orderId = `SO-${pad(++this.next.so)}`;
				const customerId = rng.pick(this.f.customers);
				const lines = Array.from({ length: rng.range(b.order.lines) }, (_, i) => ({
					lineId: String((i + 1) * 10),
					itemId: rng.pick(this.products).id,
					qty: rng.range(b.order.qty) * b.order.qtyStep,
					requestedDate: addDaysIso(date, rng.range(b.order.leadDays)),
					...(this.flags.priority() ? { priority: rng.int(1, 9) } : {})
				}));
				const open = lines.map((l): SoLine => ({ madeAt: t, orderId, lineId: l.lineId, itemId: l.itemId, parts: [], shipped: false, cancelled: false }));
				let due = lines.map((l) => l.requestedDate);
				if (this.flags.promise()) {
					due = lines.map(() => addDaysIso(date, rng.range(b.promise.dueDays)));
					this.plan('sales_order.promised', t + rng.range(b.promise.afterMinutes) * MINUTE, { orderId, lines: open, dates: due }, t);
				}
				open.forEach((line, i) => {
					if (this.flags.cancel()) {
						this.plan('sales_order.cancelled', t + rng.range(b.cancel.afterDays) * DAY_MS + rng.int(0, 480) * MINUTE, line, t);
					} else if (this.flags.ship()) {
						line.parts = split(lines[i].qty, rng.range(b.ship.parts));
						this.planShipment(line, due[i], t);
					}
				});
				const sales = this.spec.actors?.sales;
				return this.emit('sales_order.created', { orderId, customerId, lines }, t, sales?.length ? sales[k % sales.length] : this.spec.actors?.other);
			}
			case 'purchase_order.placed': {
				const poId = `PO-${pad(++this.next.po)}`;
				const n = rng.range(b.po.lines);
				let supplierId: string | null = null;
				const lines: Record<string, unknown>[] = [];
				for (let i = 0; i < n; i++) {
					const lineId = String((i + 1) * 10);
					const req = this.flags.fromRequisition() ? this.takeApproved(t) : null;
					if (req) {
						supplierId ??= req.supplierId;
						lines.push({ lineId, itemId: req.itemId, qty: req.qty, unitPrice: req.unitPrice, expectedDate: addDaysIso(date, rng.range(b.po.leadDays)), requisitionId: req.id });
					} else {
						const item = rng.pick(this.materials);
						const terms = this.supplierOf.get(item.id);
						supplierId ??= terms?.supplierId ?? rng.pick(this.f.suppliers);
						lines.push({ lineId, itemId: item.id, qty: rng.range(b.po.qty) * b.po.qtyStep, unitPrice: terms?.price ?? item.unitCost, expectedDate: addDaysIso(date, rng.range(b.po.leadDays)) });
					}
				}
				for (const l of lines) {
					if (!this.flags.receive()) continue;
					const line: PoLine = { madeAt: t, poId, lineId: l.lineId as string, itemId: l.itemId as string, parts: split(l.qty as number, rng.range(b.receive.parts)) };
					this.planReceipt(line, l.expectedDate as string, t);
				}
				return this.emit('purchase_order.placed', { poId, supplierId, lines }, t);
			}
			case 'requisition.created': {
				const item = rng.pick(this.materials);
				const terms = this.supplierOf.get(item.id);
				const req: Requisition = {
					id: `RQ-${pad(++this.next.rq)}`,
					itemId: item.id,
					qty: rng.range(b.requisition.qty) * b.requisition.qtyStep,
					supplierId: terms?.supplierId ?? rng.pick(this.f.suppliers),
					unitPrice: terms?.price ?? item.unitCost,
					steps: [],
					step: 0
				};
				const approval = approvalOf(req.qty * req.unitPrice);
				req.steps = approval.steps;
				if (approval.autoApproved) this.approved.push({ req, eligible: t + this.settleMs });
				else if (this.flags.approve()) {
					const when = t + rng.range(b.requisition.afterDays) * DAY_MS + rng.int(0, 480) * MINUTE;
					this.plan(this.flags.rejectReq() ? 'requisition.rejected' : 'requisition.approved', when, req, t);
				}
				return this.emit(
					'requisition.created',
					{
						requisitionId: req.id,
						itemId: req.itemId,
						qty: req.qty,
						neededBy: addDaysIso(date, rng.range(b.requisition.neededDays)),
						supplierId: req.supplierId,
						unitPrice: req.unitPrice,
						requesterRole: 'planner',
						ruleId: approval.ruleId,
						steps: approval.steps,
						autoApproved: approval.autoApproved
					},
					t
				);
			}
			case 'production_order.created': {
				const item = rng.pick(this.made);
				const operations = this.f.routings.get(item.id) ?? [];
				const mo: Mo = { since: t, id: `MO-${pad(++this.next.mo)}`, itemId: item.id, qty: rng.range(b.mo.qty) * b.mo.qtyStep, workCenterId: operations.at(-1)?.workCenterId, parts: [], good: 0 };
				this.plan('production_order.released', t + rng.range(b.mo.releaseAfterDays) * DAY_MS + rng.int(0, 480) * MINUTE, mo, t);
				return this.emit('production_order.created', { productionOrderId: mo.id, itemId: mo.itemId, qty: mo.qty, dueDate: addDaysIso(date, rng.range(b.mo.leadDays)), operations }, t);
			}
			case 'item.upserted': {
				const item = this.f.items[this.next.item++ % this.f.items.length];
				const unitCost = Math.round(item.unitCost * (0.95 + rng.next() * 0.1) * 100) / 100;
				return this.emit('item.upserted', itemData(item, { unitCost, leadTimeDays: Math.max(1, item.leadTimeDays + rng.int(-1, 1)) }), t);
			}
			case 'customer.upserted': {
				const n = this.next.customer++ % this.f.customers.length;
				const customerId = this.f.customers[n];
				return this.emit('customer.upserted', { customerId, name: `Customer ${n + 1} (v${this.version(customerId)})` }, t);
			}
			case 'supplier.upserted': {
				const n = this.next.supplier++ % this.f.suppliers.length;
				const supplierId = this.f.suppliers[n];
				return this.emit('supplier.upserted', { supplierId, name: `Supplier ${n + 1} (v${this.version(supplierId)})` }, t);
			}
			case 'reading':
				return this.reading(t);
		}
	}

	private version(id: string): number {
		const v = (this.versions.get(id) ?? 1) + 1;
		this.versions.set(id, v);
		return v;
	}

	private reading(t: number): BenchEvent {
		const rng = this.rng;
		return this.emit(READING_TYPE, { workCenterId: rng.pick(this.f.workCenters).id, temperature: 55 + rng.int(0, 300) / 10, spindle: rng.int(0, 3000) }, t);
	}

	private takeApproved(t: number): Requisition | null {
		const next = this.approved[this.approvedHead];
		if (!next || next.eligible > t) return null;
		this.approvedHead++;
		return next.req;
	}

	// ---- follow-ups ----

	private follow(task: Task, t: number): Outcome {
		const rng = this.rng;
		const b = this.b;
		switch (task.kind) {
			case 'sales_order.promised': {
				const p = task.doc as OrderPromise;
				const lines = p.lines.flatMap((l, i) => (l.cancelled ? [] : [{ lineId: l.lineId, promisedDate: p.dates[i] }]));
				return lines.length ? this.emit('sales_order.promised', { orderId: p.orderId, lines }, t) : null;
			}
			case 'sales_order.cancelled': {
				const line = task.doc as SoLine;
				if (line.shipped || line.cancelled) return null;
				line.cancelled = true;
				return this.emit('sales_order.cancelled', { orderId: line.orderId, reasonCode: 'CUSTOMER_CANCELLED', lineIds: [line.lineId] }, t);
			}
			case 'shipment.shipped': {
				const line = task.doc as SoLine;
				if (line.cancelled || !line.parts.length) return null;
				const qty = line.parts[0];
				const have = this.stock.get(line.itemId) ?? 0;
				if (have < qty) return 'retry';
				this.stock.set(line.itemId, have - qty);
				line.parts.shift();
				line.shipped = true;
				if (line.parts.length) this.plan('shipment.shipped', t + rng.range(b.ship.partGapDays) * DAY_MS, line, line.madeAt);
				return this.emit('shipment.shipped', { orderId: line.orderId, lineId: line.lineId, qty }, t);
			}
			case 'goods.received': {
				const line = task.doc as PoLine;
				const qty = line.parts.shift();
				if (qty === undefined) return null;
				if (line.parts.length) this.plan('goods.received', t + rng.range(b.receive.partGapDays) * DAY_MS, line, line.madeAt);
				if (this.flags.inspect()) this.plan('inspection.recorded', t + rng.range(b.inspect.afterHours) * HOUR, { poId: line.poId, lineId: line.lineId, itemId: line.itemId, qty }, t);
				return this.emit('goods.received', { poId: line.poId, lineId: line.lineId, qty }, t);
			}
			case 'inspection.recorded': {
				const r = task.doc as Receipt;
				const rejected = r.qty > 1 && this.flags.reject() ? Math.max(1, Math.floor(r.qty * rng.int(1, 10) / 100)) : 0;
				this.arrive(r.itemId, r.qty - rejected, t);
				return this.emit(
					'inspection.recorded',
					{ poId: r.poId, lineId: r.lineId, acceptedQty: r.qty - rejected, rejectedQty: rejected, ...(rejected ? { reasonCode: 'MATERIAL_DEFECT' } : {}) },
					t
				);
			}
			case 'requisition.approved': {
				const req = task.doc as Requisition;
				const step = req.step++;
				if (req.step < req.steps.length) this.plan('requisition.approved', t + rng.range(b.requisition.afterDays) * DAY_MS, req, t);
				else this.approved.push({ req, eligible: t + this.settleMs });
				return this.emit('requisition.approved', { requisitionId: req.id, step, role: req.steps[step].role }, t);
			}
			case 'requisition.rejected': {
				const req = task.doc as Requisition;
				return this.emit('requisition.rejected', { requisitionId: req.id, step: req.step, role: req.steps[req.step].role }, t);
			}
			case 'production_order.released': {
				const mo = task.doc as Mo;
				this.planReports(mo, t);
				return this.emit('production_order.released', { productionOrderId: mo.id }, t);
			}
			case 'production.reported': {
				const mo = task.doc as Mo;
				if (!mo.parts.length) mo.parts = split(mo.qty, rng.range(b.mo.reportParts));
				const goodQty = mo.parts.shift()!;
				mo.good += goodQty;
				const scrap = this.flags.scrap() ? rng.int(1, 3) : 0;
				// A stream that never completes its orders reports them on and on, past their quantity: its reports
				// say why, as the over-production rule asks (server/production/over-production.ts). All of them,
				// not only those past the quantity: concurrent senders may store a later report before an earlier one.
				const over = !b.mo.completes ? { overProductionReason: 'BATCH_SIZE' } : {};
				if (mo.parts.length || !b.mo.completes) this.plan('production.reported', t + rng.range(b.mo.reportGapHours) * HOUR, mo, mo.since);
				else this.plan('production_order.completed', t + rng.range(b.mo.completeAfterHours) * HOUR, mo, t);
				return this.emit(
					'production.reported',
					{ productionOrderId: mo.id, ...(mo.workCenterId ? { workCenterId: mo.workCenterId } : {}), goodQty, ...(scrap ? { scrapQty: scrap, reasonCode: 'OPERATOR' } : {}), ...over },
					t
				);
			}
			case 'production_order.completed': {
				const mo = task.doc as Mo;
				this.arrive(mo.itemId, mo.good, t);
				return this.emit('production_order.completed', { productionOrderId: mo.id }, t);
			}
		}
	}
}

/** Two lists in time order, merged (ISO instants of one format compare as strings). */
function mergeByTime(a: BenchEvent[], b: BenchEvent[]): BenchEvent[] {
	const out: BenchEvent[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (j >= b.length || (i < a.length && a[i].occurredAt <= b[j].occurredAt)) out.push(a[i++]);
		else out.push(b[j++]);
	}
	return out;
}
