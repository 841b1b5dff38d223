import { describe, expect, it } from 'vitest';
import { buildPlant, demoProfile, DEMO_ORDER_UNITS, UNRELIABLE_SUPPLIER } from '../../../seed/plant/index.ts';
import { finishedPerDay, utilisation } from '../../../seed/plant/capacity.ts';
import { ROLES } from '../../../server/auth/roles.ts';
import { chooseRule, DEFAULT_APPROVAL_RULES } from '../../../server/purchasing/approval.ts';

const plant = buildPlant(1);
const byId = new Map(plant.items.map((i) => [i.itemId, i]));
const bomOf = new Map(plant.boms.map((b) => [b.parentItemId, b.lines]));

/** Levels of a BOM counting the item itself: a product with only bought components has 2. */
function depth(itemId: string): number {
	const lines = bomOf.get(itemId) ?? [];
	return 1 + Math.max(0, ...lines.map((l) => depth(l.childItemId)));
}

describe('the demo plant as data', () => {
	it('is the same for the same seed, and only its figures change with another', () => {
		expect(buildPlant(1)).toEqual(plant);
		const other = buildPlant(2);
		expect(other.items.map((i) => i.itemId)).toEqual(plant.items.map((i) => i.itemId));
		expect(other.items.map((i) => i.unitCost)).not.toEqual(plant.items.map((i) => i.unitCost));
	});

	it('has thirty finished products and about two hundred materials and semi-finished items, each with both names', () => {
		const kinds = (k: string) => plant.items.filter((i) => i.kind === k).length;
		expect(kinds('product')).toBe(30);
		expect(kinds('semi') + kinds('material')).toBeGreaterThanOrEqual(180);
		expect(kinds('semi') + kinds('material')).toBeLessThanOrEqual(230);
		expect(new Set(plant.items.map((i) => i.itemId)).size).toBe(plant.items.length);
		for (const i of plant.items) {
			expect(i.name, i.itemId).toMatch(/[\u4e00-\u9fff]/);
			expect(i.custom?.name_en, i.itemId).toMatch(/^[A-Z0-9][\x20-\x7e\u00d7\u00d8]+$/);
		}
	});

	it('builds every product over three or four BOM levels from known items, made items only from components', () => {
		const depths = plant.items.filter((i) => i.kind === 'product').map((p) => depth(p.itemId));
		expect(Math.min(...depths)).toBe(3);
		expect(Math.max(...depths)).toBe(4);
		for (const b of plant.boms) {
			expect(byId.get(b.parentItemId)?.makeOrBuy, b.parentItemId).toBe('make');
			for (const l of b.lines) expect(byId.has(l.childItemId), `${b.parentItemId} → ${l.childItemId}`).toBe(true);
		}
		for (const i of plant.items) {
			if (i.makeOrBuy === 'make') expect(bomOf.get(i.itemId)?.length, i.itemId).toBeGreaterThan(0);
			else expect(bomOf.has(i.itemId), i.itemId).toBe(false);
		}
	});

	it('routes every made item over eight to twelve work centres with shift calendars and the public holidays', () => {
		expect(plant.workCenters.length).toBeGreaterThanOrEqual(8);
		expect(plant.workCenters.length).toBeLessThanOrEqual(12);
		const centres = new Set(plant.workCenters.map((w) => w.workCenterId));
		const routed = new Map(plant.routings.map((r) => [r.itemId, r.operations]));
		for (const i of plant.items.filter((x) => x.makeOrBuy === 'make')) {
			const ops = routed.get(i.itemId);
			expect(ops?.length, i.itemId).toBeGreaterThan(0);
			for (const o of ops!) expect(centres.has(o.workCenterId), `${i.itemId} at ${o.workCenterId}`).toBe(true);
		}
		// Every work centre has work to do.
		expect(new Set(plant.routings.flatMap((r) => r.operations.map((o) => o.workCenterId)))).toEqual(centres);
		for (const w of plant.workCenters) {
			expect(w.calendar.holidays, w.workCenterId).toContain('2026-02-17'); // Spring Festival
			if (w.workCenterId !== 'HEAT') expect(w.calendar.holidays, w.workCenterId).toContain('2026-10-01');
		}
		expect(new Set(plant.workCenters.map((w) => JSON.stringify([w.calendar.shifts, w.calendar.workdays]))).size).toBeGreaterThan(2);
	});

	it('buys every material from at least one of fifteen suppliers, the unreliable one always the cheapest where it offers', () => {
		expect(plant.suppliers).toHaveLength(15);
		const terms = new Map<string, typeof plant.supplierItems>();
		for (const s of plant.supplierItems) terms.set(s.itemId, [...(terms.get(s.itemId) ?? []), s]);
		for (const i of plant.items.filter((x) => x.makeOrBuy === 'buy')) expect(terms.get(i.itemId)?.length, i.itemId).toBeGreaterThan(0);
		expect(new Set(plant.supplierItems.map((s) => s.supplierId))).toEqual(new Set(plant.suppliers.map((s) => s.supplierId)));
		const offered = plant.supplierItems.filter((s) => s.supplierId === UNRELIABLE_SUPPLIER);
		expect(offered.length).toBeGreaterThan(5);
		for (const s of offered) {
			const others = terms.get(s.itemId)!.filter((x) => x.supplierId !== UNRELIABLE_SUPPLIER);
			expect(others.length, s.itemId).toBeGreaterThan(0);
			for (const o of others) expect(s.price, s.itemId).toBeLessThan(o.price);
		}
		expect(new Set(plant.supplierItems.map((s) => s.leadTimeDays)).size).toBeGreaterThan(5);
	});

	it('has forty customers in two sales departments, and one demo user per role with a salesperson for each', () => {
		expect(plant.customers).toHaveLength(40);
		const dept = (d: string) => plant.customers.filter((c) => c.custom?.sales_department === d).length;
		expect(dept('OEM') + dept('AM')).toBe(40);
		expect(Math.min(dept('OEM'), dept('AM'))).toBeGreaterThanOrEqual(10);
		expect(new Set(plant.customers.map((c) => c.name)).size).toBe(40);
		for (const role of ROLES) expect(plant.users.some((u) => u.roles.includes(role)), role).toBe(true);
		expect(plant.users.filter((u) => u.roles.includes('sales')).map((u) => u.department).sort()).toEqual(['AM', 'OEM']);
		for (const u of plant.users) expect(u.displayName).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
	});

	it('starts with stock above every safety stock', () => {
		const stock = new Map(plant.openingStock.map((s) => [s.itemId, s.qty]));
		for (const i of plant.items) expect(stock.get(i.itemId) ?? 0, i.itemId).toBeGreaterThanOrEqual(i.safetyStock ?? 0);
	});

	it('routes requisitions through its approval rules before the defaults', () => {
		const rules = [...plant.approvalRules, ...DEFAULT_APPROVAL_RULES];
		const rule = (amount: number, category: string, supplierId: string) => chooseRule(rules, { amount, category, supplierId, requesterRole: 'planner' })?.ruleId;
		expect(rule(800, 'CASTING', UNRELIABLE_SUPPLIER)).toBe('PROBATION');
		expect(rule(12_000, 'STEEL', 'S05')).toBe('BLANKET');
		expect(rule(40_000, 'STEEL', 'S05')).toBe('BUYER');
		expect(rule(3_000, 'CASTING', 'S01')).toBe('AUTO_UNDER_5000');
		expect(rule(20_000, 'CASTING', 'S01')).toBe('BUYER');
		expect(rule(80_000, 'FORGING', 'S03')).toBe('LARGE');
	});
});

describe('the demo profile', () => {
	it('gives every supplier, work centre, product and customer of the plant a behaviour, one supplier clearly unreliable', () => {
		expect(Object.keys(demoProfile.suppliers!).sort()).toEqual(plant.suppliers.map((s) => s.supplierId).sort());
		expect(Object.keys(demoProfile.workCenters!).sort()).toEqual(plant.workCenters.map((w) => w.workCenterId).sort());
		expect(Object.keys(demoProfile.products!).sort()).toEqual(plant.items.filter((i) => i.kind === 'product').map((i) => i.itemId).sort());
		expect(Object.keys(demoProfile.customers!).sort()).toEqual(plant.customers.map((c) => c.customerId).sort());
		for (const [id, s] of Object.entries(demoProfile.suppliers!)) {
			if (id === UNRELIABLE_SUPPLIER) {
				expect(s.onTimeRate).toBeLessThan(0.7);
				expect(s.rejectRate).toBeGreaterThan(0.05);
			} else {
				expect(s.onTimeRate, id).toBeGreaterThanOrEqual(0.85);
				expect(s.rejectRate, id).toBeLessThanOrEqual(0.015);
			}
		}
	});

	it('keeps the plant busy at its demand while capacity mostly holds', () => {
		const load = utilisation(plant.parts, plant.workCenters, finishedPerDay(demoProfile.products!, demoProfile.ordersPerDay, DEMO_ORDER_UNITS));
		const values = [...load.values()];
		expect(Math.max(...values)).toBeGreaterThan(0.75);
		expect(Math.max(...values)).toBeLessThan(0.92);
		for (const [wc, u] of load) expect(u, wc).toBeGreaterThan(0.15);
		// Twice the demand would overload the bottleneck: the sizing is not vacuous.
		const doubled = utilisation(plant.parts, plant.workCenters, finishedPerDay(demoProfile.products!, demoProfile.ordersPerDay * 2, DEMO_ORDER_UNITS));
		expect(Math.max(...doubled.values())).toBeGreaterThan(1);
	});
});
