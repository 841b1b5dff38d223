// The benchmark factory: items on five BOM levels with lead times, lot sizing and safety stock,
// multi-level BOMs where components are shared across parents and levels, customers, suppliers and
// their terms, work centres and routings, and the open documents of today: sales order lines over a
// year (the open demand), purchase and production orders. Deterministic for a seed, sizes and scale
// (scale 1 with FULL_FACTORY: 10,000 items, 50,000 open sales order lines, 365 day buckets). Plain data
// with day offsets (0 = today): the planning engine takes it directly (toPlanInput); setup.ts writes
// it as events; history.ts lets it live through days of events.
import type { Demand, LotSizing, PlanInput, Receipt } from '../../server/planning/types.ts';
import { random, Rng } from './random.ts';

export interface GeneratedItem {
	id: string;
	name: string;
	/** 0 = finished product … 4 = purchased material; the BOM may also skip levels. */
	level: number;
	kind: 'product' | 'semi' | 'material';
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	safetyStock: number;
	onHand: number;
	lotSizing: LotSizing;
	unitCost: number;
}

export interface GeneratedBomLine {
	parent: string;
	child: string;
	qty: number;
	scrapPct?: number;
}

export interface GeneratedSalesOrder {
	orderId: string;
	customerId: string;
	lines: { lineId: string; itemId: string; qty: number; dayOffset: number }[];
}

export interface GeneratedPurchaseOrder {
	poId: string;
	supplierId: string;
	lines: { lineId: string; itemId: string; qty: number; dayOffset: number }[];
}

export interface GeneratedProductionOrder {
	productionOrderId: string;
	itemId: string;
	qty: number;
	/** Components are allocated at the start; the goods arrive at the due day. */
	startOffset: number;
	dueOffset: number;
}

export interface GeneratedWorkCenter {
	id: string;
	name: string;
	/** Working periods of a day and ISO weekdays worked (the work_center.upserted calendar). */
	shifts: { start: string; end: string }[];
	workdays: number[];
}

export interface GeneratedOperation {
	seq: number;
	workCenterId: string;
	setupMinutes: number;
	runMinutesPerUnit: number;
}

export interface GeneratedSupplierItem {
	supplierId: string;
	itemId: string;
	price: number;
	leadTimeDays: number;
}

export interface GeneratedFactory {
	seed: number;
	scale: number;
	horizonDays: number;
	items: GeneratedItem[];
	bom: GeneratedBomLine[];
	customers: string[];
	suppliers: string[];
	workCenters: GeneratedWorkCenter[];
	/** Operations of every made item, by item id. */
	routings: Map<string, GeneratedOperation[]>;
	/** One to two suppliers for every bought item. */
	supplierItems: GeneratedSupplierItem[];
	salesOrders: GeneratedSalesOrder[];
	purchaseOrders: GeneratedPurchaseOrder[];
	productionOrders: GeneratedProductionOrder[];
}

/** What is counted, at scale 1. */
export interface FactorySizes {
	items: number;
	/** Open sales order lines: the demand planning plans for. */
	salesLines: number;
	purchaseLines: number;
	productionOrders: number;
	customers: number;
	suppliers: number;
	workCenters: number;
}

/** The full factory of the benchmarks (the planning benchmark's). */
export const FULL_FACTORY: FactorySizes = {
	items: 10_000,
	salesLines: 50_000,
	purchaseLines: 6_000,
	productionOrders: 1_500,
	customers: 500,
	suppliers: 200,
	workCenters: 60
};

export interface GeneratorOptions {
	seed?: number;
	/** 1 = the sizes as given; everything counted scales with it (at least one of each). */
	scale?: number;
	/** Sizes at scale 1; absent ones are FULL_FACTORY's. */
	sizes?: Partial<FactorySizes>;
	horizonDays?: number;
}

/** Share of the items on each BOM level: products, three levels of semi-finished items, materials. */
export const LEVEL_SHARE = [0.1, 0.15, 0.2, 0.25, 0.3];
/** Sales order line quantities are 5 … 100 in steps of 5. */
const MEAN_LINE_QTY = 52.5;

export function generateFactory(opts: GeneratorOptions = {}): GeneratedFactory {
	const seed = opts.seed ?? 1;
	const scale = opts.scale ?? 1;
	const horizonDays = opts.horizonDays ?? 365;
	const sizes = { ...FULL_FACTORY, ...opts.sizes };
	const rnd = random(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const count = (n: number) => Math.max(1, Math.round(n * scale));

	let serial = 0;
	const levels: GeneratedItem[][] = LEVEL_SHARE.map((share, level) =>
		Array.from({ length: count(sizes.items * share) }, () => makeItem(level))
	);
	function makeItem(level: number): GeneratedItem {
		const n = ++serial;
		const buy = level === LEVEL_SHARE.length - 1;
		const kind = level === 0 ? 'product' : buy ? 'material' : 'semi';
		return {
			id: `${kind === 'product' ? 'FG' : kind === 'semi' ? 'SA' : 'RM'}-${String(n).padStart(5, '0')}`,
			name: `${kind} ${n}`,
			level,
			kind,
			makeOrBuy: buy ? 'buy' : 'make',
			leadTimeDays: buy ? int(3, 30) : int(1, 7),
			safetyStock: 0, // stock figures and lot sizes are set once the BOM tells how much of it is needed
			onHand: 0,
			lotSizing: { rule: 'LFL' },
			unitCost: Math.round((buy ? 1 + rnd() * 50 : 20 + rnd() * 200 * (LEVEL_SHARE.length - level)) * 100) / 100
		};
	}
	const items = levels.flat();

	// Every item below level 0 gets one parent on the level above, then each parent more components,
	// mostly from the next level, sometimes from deeper ones (shared components at several levels).
	const bom: GeneratedBomLine[] = [];
	const children = new Map<string, Set<string>>();
	const addLine = (parent: GeneratedItem, child: GeneratedItem) => {
		const set = children.get(parent.id) ?? new Set<string>();
		if (set.has(child.id)) return;
		set.add(child.id);
		children.set(parent.id, set);
		bom.push({ parent: parent.id, child: child.id, qty: pick([1, 1, 1, 2, 2, 3, 4]), ...(rnd() < 0.15 ? { scrapPct: pick([1, 2, 5]) } : {}) });
	};
	for (let level = 1; level < levels.length; level++) for (const child of levels[level]) addLine(pick(levels[level - 1]), child);
	for (let level = 0; level < levels.length - 1; level++) {
		for (const parent of levels[level]) {
			const want = int(2, 5);
			for (let tries = 0; (children.get(parent.id)?.size ?? 0) < want && tries < 50; tries++) {
				const deeper = rnd() < 0.2 && level + 2 < levels.length ? int(level + 2, levels.length - 1) : level + 1;
				addLine(parent, pick(levels[deeper]));
			}
		}
	}

	// Stock and lot sizes as a planner would set them, from the item's expected demand (the products'
	// share of the sales order quantity, exploded through the BOM): a few days to weeks of it on hand,
	// safety stock for some, FOQ for a few weeks of it, POQ for one to four weeks.
	const perDay = new Map<string, number>(items.map((i) => [i.id, 0]));
	const productDaily = (count(sizes.salesLines) * MEAN_LINE_QTY) / levels[0].length / 365;
	for (const p of levels[0]) perDay.set(p.id, productDaily);
	const linesByParent = new Map<string, GeneratedBomLine[]>();
	for (const l of bom) linesByParent.set(l.parent, [...(linesByParent.get(l.parent) ?? []), l]);
	for (const level of levels) {
		for (const parent of level) {
			for (const l of linesByParent.get(parent.id) ?? []) {
				perDay.set(l.child, perDay.get(l.child)! + (perDay.get(parent.id)! * l.qty) / (1 - (l.scrapPct ?? 0) / 100));
			}
		}
	}
	const roundUp = (x: number, to: number) => Math.max(to, Math.ceil(x / to) * to);
	for (const item of items) {
		const weekly = perDay.get(item.id)! * 7;
		item.onHand = rnd() < 0.7 ? Math.round((weekly * int(0, 30)) / 100) * 10 : 0; // 0 … 3 weeks, in tens
		item.safetyStock = rnd() < 0.3 ? roundUp(weekly * int(2, 8) / 7, 10) : 0;
		const r = rnd();
		if (item.kind === 'product') item.lotSizing = r < 0.6 ? { rule: 'LFL' } : { rule: 'POQ', periods: 7 };
		else if (item.kind === 'semi') {
			if (r < 0.1) item.lotSizing = { rule: 'LFL' };
			else if (r < 0.45) item.lotSizing = { rule: 'POQ', periods: 7 };
			else if (r < 0.7) item.lotSizing = { rule: 'POQ', periods: 14 };
			else item.lotSizing = { rule: 'FOQ', qty: roundUp(weekly * int(2, 4), 10) };
		} else {
			if (r < 0.1) item.lotSizing = { rule: 'LFL', multiple: pick([50, 100, 500]) };
			else if (r < 0.35) item.lotSizing = { rule: 'POQ', periods: 14, min: 100 };
			else if (r < 0.6) item.lotSizing = { rule: 'POQ', periods: 30 };
			else item.lotSizing = { rule: 'FOQ', qty: roundUp(weekly * int(3, 8), 50), multiple: 50 };
		}
	}

	const customers = Array.from({ length: count(sizes.customers) }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`);
	const suppliers = Array.from({ length: count(sizes.suppliers) }, (_, i) => `V-${String(i + 1).padStart(4, '0')}`);

	// Sales order lines for products, more of them soon than late in the year, a few already overdue.
	const salesOrders: GeneratedSalesOrder[] = [];
	const products = levels[0];
	for (let lines = count(sizes.salesLines), o = 1; lines > 0; o++) {
		const n = Math.min(lines, int(1, 5));
		const day = Math.floor(horizonDays * rnd() ** 1.5) - 7;
		salesOrders.push({
			orderId: `SO-${String(o).padStart(6, '0')}`,
			customerId: pick(customers),
			lines: Array.from({ length: n }, (_, l) => ({ lineId: String(l + 1), itemId: pick(products).id, qty: int(1, 20) * 5, dayOffset: day + int(0, 3) }))
		});
		lines -= n;
	}

	const materials = levels[levels.length - 1];
	const purchaseOrders: GeneratedPurchaseOrder[] = [];
	for (let lines = count(sizes.purchaseLines), o = 1; lines > 0; o++) {
		const n = Math.min(lines, int(1, 4));
		const day = int(-5, 45);
		purchaseOrders.push({
			poId: `PO-${String(o).padStart(6, '0')}`,
			supplierId: pick(suppliers),
			lines: Array.from({ length: n }, (_, l) => {
				const item = pick(materials);
				return { lineId: String(l + 1), itemId: item.id, qty: roundUp(perDay.get(item.id)! * 7 * int(1, 3), 100), dayOffset: day + int(0, 5) };
			})
		});
		lines -= n;
	}

	const made = items.filter((i) => i.makeOrBuy === 'make');
	const productionOrders: GeneratedProductionOrder[] = Array.from({ length: count(sizes.productionOrders) }, (_, k) => {
		const item = pick(made);
		const dueOffset = int(-3, 20);
		const qty = roundUp(perDay.get(item.id)! * 7 * int(1, 2), 10);
		return { productionOrderId: `MO-${String(k + 1).padStart(6, '0')}`, itemId: item.id, qty, startOffset: dueOffset - item.leadTimeDays, dueOffset };
	});

	// What planning does not read comes from a stream of its own, so the planning data above stays what
	// it was before work centres, routings and supplier terms joined the factory.
	const more = new Rng(seed ^ 0x5bd1e995);
	const workCenters: GeneratedWorkCenter[] = Array.from({ length: count(sizes.workCenters) }, (_, i) => {
		const shifts = more.pick([1, 2, 2, 3]);
		return {
			id: `WC-${String(i + 1).padStart(3, '0')}`,
			name: `Work centre ${i + 1}`,
			shifts: [
				{ start: '08:00', end: '16:00' },
				{ start: '16:00', end: '00:00' },
				{ start: '00:00', end: '08:00' }
			].slice(0, shifts),
			workdays: more.chance(0.3) ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5]
		};
	});
	const routings = new Map<string, GeneratedOperation[]>();
	for (const item of made) {
		routings.set(
			item.id,
			Array.from({ length: more.int(1, 3) }, (_, k) => ({
				seq: (k + 1) * 10,
				workCenterId: more.pick(workCenters).id,
				setupMinutes: more.int(1, 12) * 5,
				runMinutesPerUnit: more.int(1, 40) / 4
			}))
		);
	}
	const supplierItems: GeneratedSupplierItem[] = [];
	for (const item of materials) {
		const first = more.pick(suppliers);
		const second = suppliers.length > 1 && more.chance(0.4) ? more.pick(suppliers.filter((s) => s !== first)) : null;
		for (const supplierId of second ? [first, second] : [first]) {
			supplierItems.push({ supplierId, itemId: item.id, price: Math.round(item.unitCost * (0.9 + more.next() * 0.3) * 100) / 100, leadTimeDays: Math.max(1, item.leadTimeDays + more.int(-2, 5)) });
		}
	}

	return { seed, scale, horizonDays, items, bom, customers, suppliers, workCenters, routings, supplierItems, salesOrders, purchaseOrders, productionOrders };
}

/**
 * The engine's input: day offsets become buckets; sales order lines are demands, purchase order lines
 * and production orders receipts, and each production order allocates its components at its start.
 */
export function toPlanInput(f: GeneratedFactory, buckets = f.horizonDays): PlanInput {
	const demands: Demand[] = [];
	for (const so of f.salesOrders) {
		for (const l of so.lines) demands.push({ itemId: l.itemId, bucket: l.dayOffset, qty: l.qty, source: { kind: 'sales_order_line', orderId: so.orderId, lineId: l.lineId } });
	}
	const linesOf = new Map<string, GeneratedBomLine[]>();
	for (const l of f.bom) linesOf.set(l.parent, [...(linesOf.get(l.parent) ?? []), l]);
	const receipts: Receipt[] = [];
	for (const mo of f.productionOrders) {
		receipts.push({ itemId: mo.itemId, bucket: mo.dueOffset, qty: mo.qty, ref: { kind: 'production_order', id: mo.productionOrderId } });
		for (const l of linesOf.get(mo.itemId) ?? []) {
			demands.push({ itemId: l.child, bucket: mo.startOffset, qty: (mo.qty * l.qty) / (1 - (l.scrapPct ?? 0) / 100), source: { kind: 'production_order', id: mo.productionOrderId } });
		}
	}
	for (const po of f.purchaseOrders) {
		for (const l of po.lines) receipts.push({ itemId: l.itemId, bucket: l.dayOffset, qty: l.qty, ref: { kind: 'purchase_order', id: po.poId, lineId: l.lineId } });
	}
	return {
		buckets,
		items: f.items.map((i) => ({ id: i.id, kind: i.makeOrBuy, leadTime: i.leadTimeDays, onHand: i.onHand, safetyStock: i.safetyStock, lotSizing: i.lotSizing })),
		bom: f.bom.map((l) => ({ ...l })),
		demands,
		receipts
	};
}
