// Deterministic event batches for the ingest benchmark (same seed, same events), so HTTP and the COPY
// baseline see identical rows and runs are comparable. Shapes follow CONTRACTS.md and tests/support/events.ts.
import type { RawEvent } from '../support/events.ts';

/** mulberry32: a small seeded PRNG; quality is ample for picking benchmark data. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

class Gen {
	private readonly rnd: () => number;
	private clock = Date.parse('2026-11-20T08:00:00+08:00');

	constructor(seed: number) {
		this.rnd = prng(seed);
	}

	float = () => this.rnd();
	int = (min: number, max: number) => min + Math.floor(this.rnd() * (max - min + 1));
	pick = <T>(list: readonly T[]): T => list[Math.floor(this.rnd() * list.length)];

	/** A random (version 4 layout) UUID drawn from the seeded stream. */
	uuid(): string {
		const hex = Array.from({ length: 32 }, () => Math.floor(this.rnd() * 16).toString(16));
		hex[12] = '4';
		hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
		const s = hex.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	}

	/** Business time advancing ~200 ms per event. */
	now(): string {
		this.clock += this.int(1, 400);
		return new Date(this.clock).toISOString();
	}

	dayAfter(days: number): string {
		return new Date(this.clock + days * 86_400_000).toISOString().slice(0, 10);
	}

	event(type: string, data: Record<string, unknown>): RawEvent {
		return { id: this.uuid(), type, occurredAt: this.now(), source: 'bench', actor: 'bench-gateway', data };
	}
}

const chunk = <T>(list: T[], size: number): T[][] =>
	Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Workload A: machine readings of an extension type, stored and streamed but not projected. */
export function readingBatches(batches: number, batchSize: number, seed = 1): RawEvent[][] {
	const g = new Gen(seed);
	const events = Array.from({ length: batches * batchSize }, (_, seq) =>
		g.event('x.bench.reading', { machine: `M-${String((seq % 40) + 1).padStart(2, '0')}`, value: Math.round(g.float() * 1e5) / 100, seq })
	);
	return chunk(events, batchSize);
}

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
] as const;

type MixType = (typeof MIX)[number][0];

interface OpenLine {
	orderId: string;
	lineId: string;
	batch: number;
	/** Still to ship or receive: the mix never ships or receives more than was ordered (ingest refuses it). */
	open: number;
}

const ITEMS = Array.from({ length: 500 }, (_, i) => `ITEM-${String(i + 1).padStart(4, '0')}`);
const CUSTOMERS = Array.from({ length: 200 }, (_, i) => `C-${String(i + 1).padStart(3, '0')}`);
const SUPPLIERS = Array.from({ length: 80 }, (_, i) => `S-${String(i + 1).padStart(3, '0')}`);

/**
 * What the plant holds before the mix starts, sent once and not timed: the items, customers and
 * suppliers the mix names (ingest refuses orders for unknown ones), and opening stock enough for
 * every shipment of the run (ingest refuses shipments that would take stock below zero).
 */
export function mixSetup(batchSize: number, seed = 3): RawEvent[][] {
	const g = new Gen(seed);
	const master = [
		...ITEMS.map((itemId, i) =>
			g.event('item.upserted', { itemId, name: `物料 Item ${i + 1}`, kind: 'product', uom: 'pcs', unitCost: g.int(100, 90_000) / 100, makeOrBuy: 'make', leadTimeDays: g.int(1, 20) })
		),
		...CUSTOMERS.map((customerId, i) => g.event('customer.upserted', { customerId, name: `华东客户 Customer ${i + 1}` })),
		...SUPPLIERS.map((supplierId, i) => g.event('supplier.upserted', { supplierId, name: `宁波供应商 Supplier ${i + 1}` }))
	];
	const opening = ITEMS.map((itemId) => g.event('stock.adjusted', { itemId, locationId: 'MAIN', qty: 1_000_000, reasonCode: 'OPENING' }));
	return [...chunk(master, batchSize), ...chunk(opening, batchSize)];
}

/** Shipments and receipts reference lines ordered at least this many batches earlier (surely committed with 2 senders). */
const SETTLED_BATCHES = 3;

/**
 * Workload B: the 8 fixed types. Orders have 1–5 lines; shipments and goods receipts reference lines of
 * orders sent earlier (in an earlier batch when there is one, else earlier in the same batch).
 */
export function mixedBatches(batches: number, batchSize: number, seed = 2): RawEvent[][] {
	const g = new Gen(seed);
	const [items, customers, suppliers] = [ITEMS, CUSTOMERS, SUPPLIERS];
	const salesLines: OpenLine[] = [];
	const poLines: OpenLine[] = [];
	let nextSo = 1;
	let nextPo = 1;
	let nextMo = 1;

	/** A line from an earlier batch, preferring recent ones (goods ship days after the order, not months); one with something open. */
	const earlierLine = (lines: OpenLine[], batch: number): OpenLine | undefined => {
		let end = lines.length;
		while (end > 0 && lines[end - 1].batch > batch - SETTLED_BATCHES) end--;
		const line = end === 0 ? (lines.length ? g.pick(lines) : undefined) : lines[Math.max(0, end - 1 - Math.floor(g.float() * Math.min(end, 4000)))];
		return line && line.open > 0 ? line : undefined;
	};
	/** Ships or receives part of what is open on the line, at most `max`. */
	const take = (line: OpenLine, max: number): number => {
		const q = Math.min(line.open, g.int(1, max));
		line.open -= q;
		return q;
	};

	const orderLines = <L>(make: (lineId: string) => L): L[] =>
		Array.from({ length: g.int(1, 5) }, (_, i) => make(String((i + 1) * 10)));

	const makers: Record<MixType, (batch: number) => RawEvent | undefined> = {
		'item.upserted': () => {
			const material = g.float() < 0.6;
			return g.event('item.upserted', {
				itemId: g.pick(items),
				name: material ? `钢板 Steel sheet ${g.int(1, 9)}mm` : `电动自行车 E-bike ${g.int(100, 999)}`,
				kind: material ? 'material' : 'product',
				uom: material ? 'kg' : 'pcs',
				unitCost: g.int(100, 90_000) / 100,
				makeOrBuy: material ? 'buy' : 'make',
				leadTimeDays: g.int(1, 20),
				...(g.float() < 0.5 ? { safetyStock: g.int(0, 200) } : {}),
				...(g.float() < 0.3 ? { lotSizing: { rule: 'FOQ', qty: g.int(1, 10) * 50 } } : {})
			});
		},
		'customer.upserted': () => g.event('customer.upserted', { customerId: g.pick(customers), name: `华东客户 Customer ${g.int(1, 999)}` }),
		'supplier.upserted': () => g.event('supplier.upserted', { supplierId: g.pick(suppliers), name: `宁波供应商 Supplier ${g.int(1, 999)}` }),
		'sales_order.created': (batch) => {
			const orderId = `SO-${String(nextSo++).padStart(7, '0')}`;
			const lines = orderLines((lineId) => ({
				lineId,
				itemId: g.pick(items),
				qty: g.int(1, 200),
				requestedDate: g.dayAfter(g.int(7, 60)),
				...(g.float() < 0.7 ? { priority: g.int(1, 9) } : {})
			}));
			for (const l of lines) salesLines.push({ orderId, lineId: l.lineId, batch, open: l.qty });
			return g.event('sales_order.created', { orderId, customerId: g.pick(customers), lines });
		},
		'shipment.shipped': (batch) => {
			const line = earlierLine(salesLines, batch);
			return line && g.event('shipment.shipped', { orderId: line.orderId, lineId: line.lineId, qty: take(line, 50) });
		},
		'purchase_order.placed': (batch) => {
			const poId = `PO-${String(nextPo++).padStart(7, '0')}`;
			const lines = orderLines((lineId) => ({
				lineId,
				itemId: g.pick(items),
				qty: g.int(10, 5000),
				unitPrice: g.int(10, 50_000) / 100,
				expectedDate: g.dayAfter(g.int(3, 45))
			}));
			for (const l of lines) poLines.push({ orderId: poId, lineId: l.lineId, batch, open: l.qty });
			return g.event('purchase_order.placed', { poId, supplierId: g.pick(suppliers), lines });
		},
		'goods.received': (batch) => {
			const line = earlierLine(poLines, batch);
			return line && g.event('goods.received', { poId: line.orderId, lineId: line.lineId, qty: take(line, 500) });
		},
		'production.reported': () =>
			g.event('production.reported', {
				productionOrderId: `MO-${String(nextMo++ % 5000).padStart(5, '0')}`,
				workCenterId: `WC-${g.int(1, 12)}`,
				goodQty: g.int(1, 60),
				...(g.float() < 0.4 ? { scrapQty: g.int(1, 3) } : {})
			})
	};

	const pickType = (): MixType => {
		let r = g.float();
		for (const [type, share] of MIX) if ((r -= share) < 0) return type;
		return MIX[0][0];
	};

	const out: RawEvent[][] = [];
	for (let b = 0; b < batches; b++) {
		const batch: RawEvent[] = [];
		while (batch.length < batchSize) {
			const e = makers[pickType()](b);
			if (e) batch.push(e);
		}
		out.push(batch);
	}
	return out;
}

/** Events per type, for the report. */
export function typeCounts(batches: RawEvent[][]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const b of batches) for (const e of b) counts[e.type] = (counts[e.type] ?? 0) + 1;
	return counts;
}
