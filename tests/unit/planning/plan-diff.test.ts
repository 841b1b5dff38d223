import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPlans, isEmptyDiff } from '../../../server/planning/plan-diff.ts';
import type { Plan, PlanException, PlannedOrder } from '../../../server/planning/types.ts';

const line = { kind: 'sales_order_line' as const, orderId: 'SO-1', lineId: '1' };

function plan(orders: PlannedOrder[], exceptions: PlanException[] = []): Plan {
	const byItem = <T extends { itemId: string }>(list: T[]) => {
		const m = new Map<string, T[]>();
		for (const x of list) m.set(x.itemId, [...(m.get(x.itemId) ?? []), x]);
		return m;
	};
	return { records: new Map(), plannedOrders: byItem(orders), receiptUses: new Map(), onHandPegs: new Map(), exceptions: byItem(exceptions), children: new Map(), order: [], lowLevelCodes: new Map() };
}

const order = (itemId: string, receipt: number, qty: number, lead = 2, kind: 'make' | 'buy' = 'make'): PlannedOrder => ({
	id: `${itemId}@${receipt}`,
	itemId,
	kind,
	qty,
	releaseBucket: receipt - lead,
	receiptBucket: receipt,
	pegs: [{ qty, demand: line, bucket: receipt }]
});
const facts = ({ pegs: _, ...o }: PlannedOrder) => o;

describe('diffPlans', () => {
	it('names the planned orders added, removed and changed, and a moved order as one removed and one added', () => {
		const before = plan([order('FG', 10, 5), order('RM', 8, 5, 3, 'buy'), order('BOLT', 4, 100, 1, 'buy')]);
		const after = plan([order('FG', 10, 8), order('RM', 6, 8, 3, 'buy'), order('BOLT', 4, 100, 1, 'buy'), order('PAINT', 7, 2, 1, 'buy')]);
		const d = diffPlans(before, after);
		expect(d.added).toEqual([facts(order('PAINT', 7, 2, 1, 'buy')), facts(order('RM', 6, 8, 3, 'buy'))]);
		expect(d.removed).toEqual([facts(order('RM', 8, 5, 3, 'buy'))]);
		expect(d.changed).toEqual([{ before: facts(order('FG', 10, 5)), after: facts(order('FG', 10, 8)) }]);
		expect(isEmptyDiff(d)).toBe(false);
	});

	it('tells exception messages that appear, disappear and change date or size', () => {
		const po = { kind: 'purchase_order' as const, id: 'PO-1', lineId: '1' };
		const before = plan(
			[],
			[
				{ kind: 'expedite', itemId: 'RM', ref: po, bucket: 5, days: 2 },
				{ kind: 'shortage', itemId: 'RM', bucket: 3, days: 10 },
				{ kind: 'defer', itemId: 'BOLT', ref: { kind: 'production_order', id: 'MO-1' }, bucket: 9, days: 3 }
			]
		);
		const after = plan(
			[],
			[
				{ kind: 'expedite', itemId: 'RM', ref: po, bucket: 4, days: 3 },
				{ kind: 'shortage', itemId: 'RM', bucket: 3, days: 10 },
				{ kind: 'past_due', itemId: 'FG', plannedOrderId: 'FG@1', bucket: -1, days: 1 }
			]
		);
		const d = diffPlans(before, after);
		expect(d.exceptionsAdded).toEqual([{ kind: 'past_due', itemId: 'FG', plannedOrderId: 'FG@1', bucket: -1, days: 1 }]);
		expect(d.exceptionsRemoved).toEqual([{ kind: 'defer', itemId: 'BOLT', ref: { kind: 'production_order', id: 'MO-1' }, bucket: 9, days: 3 }]);
		expect(d.exceptionsChanged).toEqual([{ before: { kind: 'expedite', itemId: 'RM', ref: po, bucket: 5, days: 2 }, after: { kind: 'expedite', itemId: 'RM', ref: po, bucket: 4, days: 3 } }]);
		expect(d.added).toEqual([]);
	});

	const orders = fc.uniqueArray(
		fc.record({ item: fc.constantFrom('FG', 'SUB', 'RM'), receipt: fc.integer({ min: 0, max: 20 }), qty: fc.integer({ min: 1, max: 50 }) }),
		{ selector: (o) => `${o.item}@${o.receipt}`, maxLength: 12 }
	);
	const toPlan = (list: { item: string; receipt: number; qty: number }[]) => plan(list.map((o) => order(o.item, o.receipt, o.qty)));

	it('finds nothing between a plan and itself', () => {
		fc.assert(fc.property(orders, (list) => isEmptyDiff(diffPlans(toPlan(list), toPlan(list)))));
	});

	it('reads the same both ways: added one way is removed the other, a change swaps before and after', () => {
		fc.assert(
			fc.property(orders, orders, (x, y) => {
				const ab = diffPlans(toPlan(x), toPlan(y));
				const ba = diffPlans(toPlan(y), toPlan(x));
				expect(ba.added).toEqual(ab.removed);
				expect(ba.removed).toEqual(ab.added);
				expect(ba.changed).toEqual(ab.changed.map(({ before, after }) => ({ before: after, after: before })));
			})
		);
	});

	it('accounts for every order: those of the new plan are the old ones less removed, plus added, with changes applied', () => {
		fc.assert(
			fc.property(orders, orders, (x, y) => {
				const d = diffPlans(toPlan(x), toPlan(y));
				const ids = new Set(x.map((o) => `${o.item}@${o.receipt}`));
				for (const r of d.removed) ids.delete(r.id);
				for (const a of d.added) ids.add(a.id);
				expect([...ids].sort()).toEqual(y.map((o) => `${o.item}@${o.receipt}`).sort());
				for (const c of d.changed) expect(c.after.qty).toBe(y.find((o) => `${o.item}@${o.receipt}` === c.after.id)!.qty);
			})
		);
	});
});
