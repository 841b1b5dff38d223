// The benchmark factory: deterministic, sized by its scale, its BOM on five acyclic levels, every
// document naming known items, customers and suppliers, and plannable.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FULL_FACTORY, generateFactory, LEVEL_SHARE, toPlanInput, type GeneratedFactory } from '../../../seed/bench/factory.ts';
import { planRegenerative } from '../../../server/planning/mrp.ts';

const lines = (f: GeneratedFactory) => f.salesOrders.reduce((n, o) => n + o.lines.length, 0);
const purchaseLines = (f: GeneratedFactory) => f.purchaseOrders.reduce((n, o) => n + o.lines.length, 0);

describe('benchmark factory', () => {
	it('gives the same factory for the same seed and another for another seed', () => {
		const a = generateFactory({ seed: 7, scale: 0.02 });
		expect(generateFactory({ seed: 7, scale: 0.02 })).toEqual(a);
		const b = generateFactory({ seed: 8, scale: 0.02 });
		expect(b.bom).not.toEqual(a.bom);
		expect(b.routings).not.toEqual(a.routings);
	});

	it('is, for planning, the factory earlier planning benchmarks measured (same seed, same data)', () => {
		const { seed, scale, horizonDays, items, bom, customers, suppliers, salesOrders, purchaseOrders, productionOrders } = generateFactory({ seed: 20261206, scale: 0.1 });
		const planning = JSON.stringify({ seed, s: scale, horizonDays, items, bom, customers, suppliers, salesOrders, purchaseOrders, productionOrders });
		expect(createHash('sha256').update(planning).digest('hex')).toBe('81d552d76737e09ca87fa190636ffbe0236ccce729f8cdb6ac7b6ea35617f12f');
	});

	it('counts items, open sales order lines and the rest in proportion to the scale', () => {
		for (const scale of [0.01, 0.05, 0.2]) {
			const f = generateFactory({ seed: 3, scale });
			const expectItems = LEVEL_SHARE.reduce((n, share) => n + Math.max(1, Math.round(FULL_FACTORY.items * share * scale)), 0);
			expect(f.items).toHaveLength(expectItems);
			expect(lines(f)).toBe(Math.round(FULL_FACTORY.salesLines * scale));
			expect(purchaseLines(f)).toBe(Math.round(FULL_FACTORY.purchaseLines * scale));
			expect(f.productionOrders).toHaveLength(Math.round(FULL_FACTORY.productionOrders * scale));
			expect(f.customers).toHaveLength(Math.round(FULL_FACTORY.customers * scale));
			expect(f.suppliers).toHaveLength(Math.round(FULL_FACTORY.suppliers * scale));
			expect(f.workCenters).toHaveLength(Math.max(1, Math.round(FULL_FACTORY.workCenters * scale)));
		}
	});

	it('has the full sizes at scale 1: 10,000 items and 50,000 open sales order lines', () => {
		const f = generateFactory({ seed: 20261206, scale: 1 });
		expect(f.items).toHaveLength(10_000);
		expect(lines(f)).toBe(50_000);
		expect(f.horizonDays).toBe(365);
	});

	it('takes sizes of its own, at least one of each', () => {
		const f = generateFactory({ seed: 1, scale: 1, sizes: { items: 200, salesLines: 300, customers: 7, suppliers: 3, workCenters: 2, purchaseLines: 20, productionOrders: 5 } });
		expect(f.items).toHaveLength(200);
		expect(lines(f)).toBe(300);
		expect([f.customers.length, f.suppliers.length, f.workCenters.length, f.productionOrders.length]).toEqual([7, 3, 2, 5]);
		const tiny = generateFactory({ seed: 1, scale: 0.00001 });
		expect(tiny.items).toHaveLength(5);
		expect(tiny.customers).toHaveLength(1);
	});

	it('spreads items over five BOM levels whose lines always go down a level or more (no cycle)', () => {
		const f = generateFactory({ seed: 1, scale: 0.05 });
		const level = new Map(f.items.map((i) => [i.id, i.level]));
		expect(new Set(f.items.map((i) => i.level))).toEqual(new Set([0, 1, 2, 3, 4]));
		for (const l of f.bom) expect(level.get(l.child)!).toBeGreaterThan(level.get(l.parent)!);
		expect(f.items.filter((i) => i.makeOrBuy === 'buy').every((i) => i.level === 4)).toBe(true);
		expect(f.items.filter((i) => i.kind === 'product').every((i) => i.level === 0)).toBe(true);
		// Every item below the products is used by some parent, and no parent lists a child twice.
		const used = new Set(f.bom.map((l) => l.child));
		expect(f.items.filter((i) => i.level > 0).every((i) => used.has(i.id))).toBe(true);
		expect(new Set(f.bom.map((l) => `${l.parent}/${l.child}`)).size).toBe(f.bom.length);
		const plan = planRegenerative(toPlanInput(f));
		expect(Math.max(...plan.lowLevelCodes.values())).toBe(4);
	});

	it('names only known items, customers, suppliers and work centres in its documents and terms', () => {
		const f = generateFactory({ seed: 5, scale: 0.05 });
		const items = new Map(f.items.map((i) => [i.id, i]));
		const customers = new Set(f.customers);
		const suppliers = new Set(f.suppliers);
		const workCenters = new Set(f.workCenters.map((w) => w.id));
		for (const so of f.salesOrders) {
			expect(customers.has(so.customerId)).toBe(true);
			for (const l of so.lines) expect(items.get(l.itemId)?.kind).toBe('product');
			expect(new Set(so.lines.map((l) => l.lineId)).size).toBe(so.lines.length);
		}
		for (const po of f.purchaseOrders) {
			expect(suppliers.has(po.supplierId)).toBe(true);
			for (const l of po.lines) expect(items.get(l.itemId)?.makeOrBuy).toBe('buy');
		}
		for (const mo of f.productionOrders) expect(items.get(mo.itemId)?.makeOrBuy).toBe('make');
		for (const [itemId, ops] of f.routings) {
			expect(items.get(itemId)?.makeOrBuy).toBe('make');
			for (const op of ops) expect(workCenters.has(op.workCenterId)).toBe(true);
		}
		expect([...f.routings.keys()].sort()).toEqual(f.items.filter((i) => i.makeOrBuy === 'make').map((i) => i.id).sort());
		for (const s of f.supplierItems) {
			expect(suppliers.has(s.supplierId)).toBe(true);
			expect(items.get(s.itemId)?.makeOrBuy).toBe('buy');
		}
		expect(new Set(f.supplierItems.map((s) => s.itemId))).toEqual(new Set(f.items.filter((i) => i.makeOrBuy === 'buy').map((i) => i.id)));
	});
});
