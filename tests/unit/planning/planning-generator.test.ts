// The generated planning factory: deterministic, shaped as promised, and plannable.
import { describe, expect, it } from 'vitest';
import { generatePlanningFactory, toPlanInput } from '../../../seed/planning-generator.ts';
import { planRegenerative } from '../../../server/planning/mrp.ts';

describe('planning generator', () => {
	it('gives the same factory for the same seed and another for another seed', () => {
		const a = generatePlanningFactory({ seed: 7, scale: 0.02 });
		expect(generatePlanningFactory({ seed: 7, scale: 0.02 })).toEqual(a);
		expect(generatePlanningFactory({ seed: 8, scale: 0.02 }).bom).not.toEqual(a.bom);
	});

	it('scales items and sales order lines and spreads items over five BOM levels', () => {
		const f = generatePlanningFactory({ seed: 1, scale: 0.05 });
		expect(f.items).toHaveLength(500);
		expect(f.salesOrders.reduce((n, o) => n + o.lines.length, 0)).toBe(2500);
		expect(new Set(f.items.map((i) => i.level))).toEqual(new Set([0, 1, 2, 3, 4]));
		expect(f.items.filter((i) => i.makeOrBuy === 'buy').every((i) => i.level === 4)).toBe(true);
		const plan = planRegenerative(toPlanInput(f));
		expect(Math.max(...plan.lowLevelCodes.values())).toBe(4);
		// Every item below the products is used by some parent.
		const used = new Set(f.bom.map((l) => l.child));
		expect(f.items.filter((i) => i.level > 0).every((i) => used.has(i.id))).toBe(true);
	});
});
