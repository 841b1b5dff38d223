import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findCycle, type BomEdges } from '../../../server/masterdata/bom-graph.ts';

const edges = (pairs: [string, string][]): BomEdges => {
	const m: BomEdges = new Map();
	for (const [p, c] of pairs) m.set(p, [...(m.get(p) ?? []), c]);
	return m;
};

describe('findCycle', () => {
	it('accepts a two-level BOM', () => {
		expect(findCycle(edges([['B', 'C']]), 'A', ['B', 'D'])).toBeNull();
	});

	it('finds an item that contains itself', () => {
		expect(findCycle(new Map(), 'A', ['A'])).toEqual(['A', 'A']);
	});

	it('finds a cycle through several levels and names the path', () => {
		expect(findCycle(edges([['B', 'C'], ['C', 'A']]), 'A', ['B'])).toEqual(['A', 'B', 'C', 'A']);
	});

	it('lets a component be shared by several parents (a diamond is not a cycle)', () => {
		expect(findCycle(edges([['B', 'D'], ['C', 'D']]), 'A', ['B', 'C'])).toBeNull();
	});

	it('judges the parent by its new lines, not the ones it replaces', () => {
		// A used to contain B, and B contains A's old component; A's new BOM drops B.
		expect(findCycle(edges([['A', 'B'], ['B', 'X']]), 'B', ['A'])).toEqual(['B', 'A', 'B']);
		expect(findCycle(edges([['A', 'B']]), 'A', ['X'])).toBeNull();
	});

	it('never reports a cycle for a BOM forest built level by level (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { maxLength: 60 }), (pairs) => {
				// Only edges from a lower to a higher number: acyclic by construction.
				const m: BomEdges = new Map();
				for (const [a, b] of pairs) if (a < b) m.set(`I${a}`, [...(m.get(`I${a}`) ?? []), `I${b}`]);
				for (const [p, cs] of m) expect(findCycle(m, p, cs)).toBeNull();
			})
		);
	});
});
