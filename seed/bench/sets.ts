// The data sets of the benchmarks, each the generated factory and its history at the sizes its
// benchmark has always measured (scale 1), smaller in proportion below it. One generator, one seed:
//   planning  the factory alone: 10,000 items on 5 BOM levels, 50,000 open sales order lines, 365 days
//   reads     two years of a factory's life: 100,000 sales order lines, 20,000 purchase order lines,
//             10,000 items, 1,000,000 events (mostly machine telemetry)
//   kpi       90 days × 10,000 events a day: 4,000 orders, 3,000 promises, 3,000 shipments
//   mix       a plant's event stream, 10,000 events a day in the shares of MIX, on an opening book
//   readings  machine telemetry alone, 10,000 events a day
// A set is plain data — the factory, the options of its setup events, the spec of its history — that a
// benchmark loads its own way.
import { FULL_FACTORY, generateFactory, type FactorySizes, type GeneratedFactory } from './factory.ts';
import { addDaysIso, type BenchEvent } from './events.ts';
import { history, type HistoryDay, type HistorySpec, type Kind } from './history.ts';
import { setupEvents, type SetupOptions } from './setup.ts';

export const DEFAULT_SEED = 20261206;

export interface BenchSet {
	name: string;
	seed: number;
	scale: number;
	factory: GeneratedFactory;
	setup: SetupOptions;
	history: HistorySpec;
}

/** The set's setup events: master data, opening stock, and (where the set has them) open documents. */
export function setupOf(set: BenchSet): BenchEvent[] {
	return setupEvents(set.factory, set.setup);
}

/** The set's history, day by day. */
export function daysOf(set: BenchSet): Generator<HistoryDay> {
	return history(set.factory, set.history);
}

/** The first `n` events of the history, in order. */
export function firstEvents(set: BenchSet, n: number): BenchEvent[] {
	const out: BenchEvent[] = [];
	for (const day of daysOf(set)) {
		for (const e of day.events) {
			if (out.length === n) return out;
			out.push(e);
		}
	}
	if (out.length < n) throw new Error(`${set.name}: the history has ${out.length} events, ${n} asked for`);
	return out;
}

/** `full` at `scale`, never below `min`. */
const sized = (full: number, scale: number, min: number) => Math.max(min, Math.round(full * scale));

function factoryAt(seed: number, sizes: FactorySizes): GeneratedFactory {
	return generateFactory({ seed, scale: 1, sizes });
}

// ---- planning ----

/** The planning benchmark's factory (scale 1: FULL_FACTORY). Sizes scale through the generator itself. */
export function planningFactory(scale: number, seed = DEFAULT_SEED): GeneratedFactory {
	return generateFactory({ seed, scale });
}

// ---- reads ----

/** The reads data set at scale 1; a scale of 0.01 gives the 1% set. */
export const FULL_READS = {
	salesOrderLines: 100_000,
	purchaseOrderLines: 20_000,
	items: 10_000,
	events: 1_000_000,
	customers: 2_000,
	suppliers: 500,
	requisitions: 5_000,
	productionOrders: 10_000,
	workCenters: 60,
	days: 730
} as const;

const SALES_LINES_PER_ORDER = 4;
const PO_LINES_PER_ORDER = 2;
/** Users entering sales orders, in turn; the benchmark's own user is one of them ("my orders"). */
export const SALES_USERS = ['bench', ...Array.from({ length: 9 }, (_, i) => `sales${i + 1}`)];

export interface ReadsSizes {
	salesOrderLines: number;
	purchaseOrderLines: number;
	items: number;
	events: number;
	customers: number;
	suppliers: number;
	requisitions: number;
	productionOrders: number;
	workCenters: number;
}

export function readsSizes(scale: number): ReadsSizes {
	return {
		salesOrderLines: sized(FULL_READS.salesOrderLines, scale, 40),
		purchaseOrderLines: sized(FULL_READS.purchaseOrderLines, scale, 10),
		items: sized(FULL_READS.items, scale, 40),
		events: sized(FULL_READS.events, scale, 1_000),
		customers: sized(FULL_READS.customers, scale, 10),
		suppliers: sized(FULL_READS.suppliers, scale, 5),
		requisitions: sized(FULL_READS.requisitions, scale, 10),
		productionOrders: sized(FULL_READS.productionOrders, scale, 10),
		workCenters: sized(FULL_READS.workCenters, scale, 5)
	};
}

/**
 * Two years up to `today` (exclusive): master data set up the evening before, then every day its
 * orders (four lines each, entered by the sales users in turn), cancellations, shipments around the due
 * date (some in two parts, some late), purchase orders (some for approved requisitions), receipts and
 * inspections, requisitions and approvals, production orders through to completion, new versions of
 * customers and suppliers, and machine readings filling the log to its size.
 */
export function readsSet(scale: number, today: string, seed = DEFAULT_SEED): BenchSet & { sizes: ReadsSizes } {
	const sizes = readsSizes(scale);
	const days = FULL_READS.days;
	const factory = factoryAt(seed, {
		...FULL_FACTORY,
		items: sizes.items,
		customers: sizes.customers,
		suppliers: sizes.suppliers,
		workCenters: sizes.workCenters,
		// A year of the history's demand, so stock and lot sizes fit it.
		salesLines: Math.round((sizes.salesOrderLines * 365) / days)
	});
	const start = addDaysIso(today, -days);
	const setup: SetupOptions = { today: start, parts: ['customers', 'suppliers', 'items', 'workCenters', 'boms', 'routings', 'supplierItems', 'stock'], stockBuffer: 5_000, actor: 'user:bench' };
	const setupCount = setupEvents(factory, setup).length;
	const perDay: Partial<Record<Kind, number>> = {
		'sales_order.created': Math.ceil(sizes.salesOrderLines / SALES_LINES_PER_ORDER) / days,
		'purchase_order.placed': Math.ceil(sizes.purchaseOrderLines / PO_LINES_PER_ORDER) / days,
		'requisition.created': sizes.requisitions / days,
		'production_order.created': sizes.productionOrders / days,
		// Three versions of every customer, two of every supplier: histories with more than one entry.
		'customer.upserted': (2 * sizes.customers) / days,
		'supplier.upserted': sizes.suppliers / days
	};
	return {
		name: 'reads',
		seed,
		scale,
		sizes,
		factory,
		setup,
		history: {
			start,
			days,
			perDay,
			eventsPerDay: Math.max(0, sizes.events - setupCount) / days,
			stockBuffer: setup.stockBuffer,
			// A week of about 10,000 events per transaction at full size.
			blockDays: 7,
			actors: { sales: SALES_USERS.map((u) => `user:${u}`), other: 'user:bench' },
			seed,
			behaviour: {
				settleMinutes: 60,
				order: { lines: [SALES_LINES_PER_ORDER, SALES_LINES_PER_ORDER], qty: [1, 50], qtyStep: 1, leadDays: [14, 43], priorityShare: 0 },
				cancel: { share: 0.02, afterDays: [1, 3] },
				ship: { share: 1, offsetDays: [-4, 9], hour: [8, 17], parts: [1, 2], partGapDays: [3, 10] },
				po: { lines: [PO_LINES_PER_ORDER, PO_LINES_PER_ORDER], qty: [10, 99], qtyStep: 1, leadDays: [7, 27], requisitionShare: 0.175 },
				receive: { share: 1, offsetDays: [-1, 4], hour: [8, 17], parts: [1, 1], partGapDays: [2, 7] },
				inspect: { share: 1, afterHours: [1, 24], rejectShare: 0.05 },
				requisition: { qty: [10, 40], qtyStep: 10, neededDays: [10, 30], approveShare: 0.8, rejectShare: 0.1, afterDays: [1, 4] },
				mo: { qty: [1, 5], qtyStep: 10, leadDays: [10, 20], releaseAfterDays: [1, 3], reportAfterDays: [2, 7], reportParts: [1, 2], reportGapHours: [4, 24], scrapShare: 0.1, completes: true, completeAfterHours: [1, 8] }
			}
		}
	};
}

// ---- kpi ----

export const KPI_START = '2026-09-01';
export const KPI_DAYS = 90;
/** Orders a day at scale 1; with their promises and shipments, 10,000 events a day. */
export const KPI_ORDERS_PER_DAY = 4_000;

/**
 * 90 days of orders entered at every hour of the day, one line of 10 each; 3 in 4 promised 5 to 604
 * minutes after entry (for 6 to 14 days after the order day), 3 in 4 shipped from a day before to a day
 * after the line's due date. Shipments falling after the 90 days still happen (the tail), so the log
 * holds every order's events. Customers and products as many as the ledger's dimensions always had.
 */
export function kpiSet(scale: number, seed = DEFAULT_SEED): BenchSet {
	const factory = factoryAt(seed, { ...FULL_FACTORY, items: sized(5_000, scale, 50), customers: sized(200, scale, 10), suppliers: 1, workCenters: 1, salesLines: sized(KPI_ORDERS_PER_DAY * 365, scale, 100) });
	const setup: SetupOptions = { today: KPI_START, parts: ['customers', 'items', 'stock'], productsOnly: true, stockBuffer: 20_000 };
	return {
		name: 'kpi',
		seed,
		scale,
		factory,
		setup,
		history: {
			start: KPI_START,
			days: KPI_DAYS,
			perDay: { 'sales_order.created': KPI_ORDERS_PER_DAY * scale },
			tail: true,
			stockBuffer: setup.stockBuffer,
			seed,
			behaviour: {
				settleMinutes: 5,
				order: { lines: [1, 1], qty: [10, 10], qtyStep: 1, leadDays: [5, 14], priorityShare: 0 },
				promise: { share: 0.75, afterMinutes: [5, 604], dueDays: [6, 14] },
				ship: { share: 0.75, offsetDays: [-1, 1], hour: [10, 10], parts: [1, 1], partGapDays: [1, 1] },
				receive: { share: 0, offsetDays: [0, 0], hour: [8, 8], parts: [1, 1], partGapDays: [1, 1] }
			}
		}
	};
}

// ---- the ingest mix and telemetry ----

/** Share of each fixed type in the mix: a plant where reports, shipments and receipts dominate. */
export const MIX = [
	['production.reported', 0.26],
	['shipment.shipped', 0.24],
	['goods.received', 0.16],
	['sales_order.created', 0.14],
	['purchase_order.placed', 0.1],
	['item.upserted', 0.05],
	['customer.upserted', 0.03],
	['supplier.upserted', 0.02]
] as const satisfies readonly (readonly [Kind, number])[];

/** Events a day of a plant's stream at full scale (and of telemetry): the density the ingest and live benchmarks post. */
export const STREAM_EVENTS_PER_DAY = 10_000;
const STREAM_START = '2026-11-20';

/**
 * The plant of the ingest and live benchmarks (items, customers, suppliers, work centres, opening
 * stock, and open orders of every kind to ship, receive and report from the first event on), and a
 * stream of at least `events` events of the 8 fixed types in the shares of MIX. Nothing refers to a
 * document younger than a day (10 batches of 1,000), so concurrent senders never get ahead of it.
 */
export function mixSet(scale: number, events: number, seed = DEFAULT_SEED): BenchSet {
	const factory = factoryAt(seed, {
		items: sized(5_000, scale, 50),
		customers: sized(200, scale, 10),
		suppliers: sized(80, scale, 5),
		workCenters: sized(12, scale, 2),
		// At least enough open lines for the first day's shipments and receipts, before the stream's own orders settle.
		salesLines: sized(10_000, scale, 2_000),
		purchaseLines: sized(6_000, scale, 1_500),
		productionOrders: sized(1_500, scale, 30)
	});
	const setup: SetupOptions = { today: STREAM_START, stockBuffer: 1_000_000 };
	return {
		name: 'mix',
		seed,
		scale,
		factory,
		setup,
		history: {
			start: STREAM_START,
			days: Math.ceil(events / STREAM_EVENTS_PER_DAY) + 1,
			perDay: Object.fromEntries(MIX.map(([kind, share]) => [kind, share * STREAM_EVENTS_PER_DAY])),
			openingBook: true,
			exclusive: true,
			stockBuffer: setup.stockBuffer,
			seed,
			behaviour: {
				settleMinutes: 24 * 60,
				order: { lines: [1, 5], qty: [1, 200], qtyStep: 1, leadDays: [7, 60], priorityShare: 0.7 },
				ship: { share: 1, offsetDays: [-2, 2], hour: [8, 17], parts: [1, 4], partGapDays: [1, 3] },
				po: { lines: [1, 5], qty: [10, 5000], qtyStep: 1, leadDays: [3, 45], requisitionShare: 0 },
				receive: { share: 1, offsetDays: [-2, 2], hour: [8, 17], parts: [1, 4], partGapDays: [1, 3] },
				mo: { reportAfterDays: [0, 1], reportParts: [1, 4], reportGapHours: [1, 12], scrapShare: 0.4, completes: false }
			}
		}
	};
}

/** Machine readings alone, `events` of them at the stream's density (no setup: telemetry names no document). */
export function readingsSet(scale: number, events: number, seed = DEFAULT_SEED): BenchSet {
	const mix = mixSet(scale, 0, seed);
	return {
		...mix,
		name: 'readings',
		setup: { ...mix.setup, parts: [] },
		// A stream of its own: the ingest benchmark stores readings and the mix side by side, and their ids must differ.
		history: { start: STREAM_START, days: Math.ceil(events / STREAM_EVENTS_PER_DAY) + 1, perDay: { reading: STREAM_EVENTS_PER_DAY }, exclusive: true, seed: seed + 1 }
	};
}
