// The engine on PlanInput: pegging, exception messages, the live plan's pull-in of later receipts,
// the horizon, BOM errors and net change on hand-made cases.
import { describe, expect, it } from 'vitest';
import { planNetChange, planRegenerative } from '../../../server/planning/mrp.ts';
import type { Demand, PlanInput, PlanItem, Receipt } from '../../../server/planning/types.ts';

const item = (id: string, more: Partial<PlanItem> = {}): PlanItem => ({ id, kind: 'buy', leadTime: 0, onHand: 0, safetyStock: 0, lotSizing: { rule: 'LFL' }, ...more });
const so = (itemId: string, bucket: number, qty: number, lineId = `${itemId}-${bucket}`): Demand => ({ itemId, bucket, qty, source: { kind: 'sales_order_line', orderId: 'SO1', lineId } });
const po = (itemId: string, bucket: number, qty: number, id = `PO-${itemId}-${bucket}`): Receipt => ({ itemId, bucket, qty, ref: { kind: 'purchase_order', id, lineId: '1' } });
const input = (p: Partial<PlanInput>): PlanInput => ({ buckets: 10, items: [], bom: [], demands: [], receipts: [], ...p });

describe('planRegenerative', () => {
	it('pegs each planned order to the sales order lines it serves, and the surplus to stock', () => {
		const plan = planRegenerative(
			input({ items: [item('A', { onHand: 5, lotSizing: { rule: 'FOQ', qty: 20 } })], demands: [so('A', 2, 8, 'L1'), so('A', 2, 4, 'L2'), so('A', 6, 10, 'L3')] })
		);
		expect(plan.onHandPegs.get('A')).toEqual([{ qty: 5, demand: { kind: 'sales_order_line', orderId: 'SO1', lineId: 'L1' }, bucket: 2 }]);
		expect(plan.plannedOrders.get('A')).toEqual([
			{
				id: 'A@2',
				itemId: 'A',
				kind: 'buy',
				qty: 20,
				releaseBucket: 2,
				receiptBucket: 2,
				pegs: [
					{ qty: 3, demand: { kind: 'sales_order_line', orderId: 'SO1', lineId: 'L1' }, bucket: 2 },
					{ qty: 4, demand: { kind: 'sales_order_line', orderId: 'SO1', lineId: 'L2' }, bucket: 2 },
					{ qty: 10, demand: { kind: 'sales_order_line', orderId: 'SO1', lineId: 'L3' }, bucket: 6 },
					{ qty: 3, demand: { kind: 'stock' }, bucket: 2 }
				]
			}
		]);
	});

	it('pegs dependent demand to the parent planned order, so pegs lead up to the sales order', () => {
		const plan = planRegenerative(
			input({
				items: [item('A', { kind: 'make', leadTime: 2 }), item('B', { leadTime: 1 })],
				bom: [{ parent: 'A', child: 'B', qty: 3 }],
				demands: [so('A', 5, 2, 'L1')]
			})
		);
		expect(plan.plannedOrders.get('B')).toEqual([
			{ id: 'B@3', itemId: 'B', kind: 'buy', qty: 6, releaseBucket: 2, receiptBucket: 3, pegs: [{ qty: 6, demand: { kind: 'planned_order', id: 'A@5' }, bucket: 3 }] }
		]);
		expect(plan.plannedOrders.get('A')![0].pegs[0].demand).toEqual({ kind: 'sales_order_line', orderId: 'SO1', lineId: 'L1' });
		expect(plan.children.get('A')).toEqual(['B']);
		expect(plan.order).toEqual(['A', 'B']);
		expect([...plan.lowLevelCodes]).toEqual([
			['A', 0],
			['B', 1]
		]);
	});

	it('serves sales orders before safety stock within a bucket, and on hand first', () => {
		const plan = planRegenerative(input({ items: [item('A', { onHand: 100, safetyStock: 20 })], demands: [so('A', 0, 50, 'L1'), so('A', 5, 50, 'L2')] }));
		expect(plan.onHandPegs.get('A')!.map((p) => [p.demand.kind, p.qty, p.bucket])).toEqual([
			['sales_order_line', 50, 0],
			['safety_stock', 20, 0],
			['sales_order_line', 30, 5]
		]);
		expect(plan.plannedOrders.get('A')!.map((o) => [o.id, o.qty, o.pegs.map((p) => p.qty)])).toEqual([['A@5', 20, [20]]]);
	});

	it('counts demands and receipts before bucket 0 in bucket 0 and ignores those beyond the horizon', () => {
		const plan = planRegenerative(
			input({ buckets: 5, items: [item('A')], demands: [so('A', -3, 4), so('A', 5, 100)], receipts: [po('A', -2, 10), po('A', 7, 50)] })
		);
		const r = plan.records.get('A')!;
		expect([r.buckets, r.grossRequirements, r.scheduledReceipts, r.projectedOnHand]).toEqual([[0], [4], [10], [6]]);
		expect(plan.receiptUses.get('A')!.map((u) => u.bucket)).toEqual([-2]);
		expect(plan.exceptions.get('A')).toEqual([{ kind: 'past_due', itemId: 'A', ref: { kind: 'purchase_order', id: 'PO-A--2', lineId: '1' }, bucket: -2, days: 2, qty: 10 }]);
	});

	it('asks to expedite, defer or cancel existing receipts', () => {
		const plan = planRegenerative(
			input({
				items: [item('A', { leadTime: 5 })],
				demands: [so('A', 6, 10), so('A', 9, 5)],
				receipts: [po('A', 1, 10, 'early'), po('A', 8, 5, 'fine'), po('A', 9, 7, 'spare')]
			}),
			{ deferTolerance: 2 }
		);
		// `early` is needed 5 buckets after it arrives (beyond the tolerance of 2); `fine` serves bucket 9.
		expect(plan.exceptions.get('A')!.map((e) => [e.kind, e.ref && 'id' in e.ref ? e.ref.id : null, e.bucket, e.days])).toEqual([
			['defer', 'early', 6, 5],
			['cancel', 'spare', 9, undefined]
		]);
	});

	it('in the live plan pulls in a later receipt before planning a past-due order', () => {
		const base = input({ items: [item('A', { leadTime: 5 })], demands: [so('A', 1, 10)], receipts: [po('A', 3, 10, 'late'), po('A', 8, 10, 'far')] });
		const textbook = planRegenerative(base);
		expect(textbook.plannedOrders.get('A')!.map((o) => [o.id, o.releaseBucket])).toEqual([['A@1', -4]]);
		expect(textbook.exceptions.get('A')!.map((e) => e.kind)).toEqual(['cancel', 'cancel', 'past_due', 'shortage']);

		const live = planRegenerative(base, { useLaterReceiptsFirst: true });
		expect(live.plannedOrders.get('A')).toBeUndefined();
		expect(live.exceptions.get('A')).toEqual([
			{ kind: 'expedite', itemId: 'A', ref: { kind: 'purchase_order', id: 'late', lineId: '1' }, bucket: 1, days: 2 },
			{ kind: 'cancel', itemId: 'A', ref: { kind: 'purchase_order', id: 'far', lineId: '1' }, bucket: 8, qty: 10 }
		]);
		// The record shows the receipt where the plan counts it.
		const r = live.records.get('A')!;
		expect([r.buckets, r.scheduledReceipts, r.projectedOnHand]).toEqual([
			[1, 3, 8],
			[10, 0, 10],
			[0, 0, 10]
		]);
	});

	it('throws on a BOM cycle, naming the items in it', () => {
		const bad = input({
			items: ['A', 'B', 'C', 'D'].map((id) => item(id)),
			bom: [
				{ parent: 'A', child: 'B', qty: 1 },
				{ parent: 'B', child: 'C', qty: 1 },
				{ parent: 'C', child: 'D', qty: 1 },
				{ parent: 'D', child: 'B', qty: 1 }
			]
		});
		expect(() => planRegenerative(bad)).toThrow('BOM cycle: B → C → D → B');
	});

	it('throws on a BOM line or demand for an unknown item, and on a bucket that is not whole', () => {
		expect(() => planRegenerative(input({ items: [item('A')], bom: [{ parent: 'A', child: 'X', qty: 1 }] }))).toThrow('"X"');
		expect(() => planRegenerative(input({ items: [item('A')], demands: [so('Y', 1, 1)] }))).toThrow('"Y"');
		expect(() => planRegenerative(input({ items: [item('A')], demands: [so('A', 1.5, 1)] }))).toThrow('demands.0.bucket');
	});
});

describe('planNetChange', () => {
	const factory = input({
		buckets: 30,
		items: [item('A', { kind: 'make', leadTime: 2 }), item('B', { kind: 'make', leadTime: 1 }), item('C', { leadTime: 3, lotSizing: { rule: 'POQ', periods: 5 } }), item('D')],
		bom: [
			{ parent: 'A', child: 'B', qty: 2 },
			{ parent: 'B', child: 'C', qty: 1, scrapPct: 10 },
			{ parent: 'D', child: 'C', qty: 4 }
		],
		demands: [so('A', 10, 5), so('D', 12, 3)],
		receipts: [po('C', 4, 8)]
	});

	it('replans a new sales order and everything below it, like a regenerative run', () => {
		const prev = planRegenerative(factory);
		const next = { ...factory, demands: [...factory.demands, so('A', 20, 7, 'new')] };
		const plan = planNetChange(prev, next, ['A']);
		expect(plan).toEqual(planRegenerative(next));
		// D is not below A: its results are the previous plan's, shared.
		expect(plan.records.get('D')).toBe(prev.records.get('D'));
		expect(plan.records.get('C')).not.toBe(prev.records.get('C'));
	});

	it('follows a BOM change that moves an item to another level', () => {
		const prev = planRegenerative(factory);
		const next = { ...factory, bom: [...factory.bom, { parent: 'C', child: 'D', qty: 1 }].filter((l) => !(l.parent === 'D')) };
		const plan = planNetChange(prev, next, ['C']);
		expect(plan).toEqual(planRegenerative(next));
		expect(plan.lowLevelCodes.get('D')).toBe(3);
	});

	it('replans a component dropped from one BOM while another still uses it at the same level', () => {
		// B → C goes; D → C keeps C at level 1, so only the old BOM says C must be replanned.
		const items = factory.items.map((i) => (i.id === 'D' ? { ...i, kind: 'make' as const } : i));
		const before = { ...factory, items, bom: [...factory.bom.filter((l) => l.parent !== 'D'), { parent: 'X', child: 'C', qty: 1 }], demands: [...factory.demands, so('X', 9, 2)] };
		before.items = [...items, item('X', { kind: 'make', leadTime: 0 }), item('Y')];
		before.bom = [{ parent: 'Y', child: 'X', qty: 1 }, ...before.bom];
		// C is at level 2 under A → B and under Y → X.
		const prev = planRegenerative(before);
		expect(prev.lowLevelCodes.get('C')).toBe(2);
		const next = { ...before, bom: before.bom.filter((l) => l.parent !== 'B') };
		const plan = planNetChange(prev, next, ['B']);
		expect(plan.lowLevelCodes.get('C')).toBe(2);
		expect(plan).toEqual(planRegenerative(next));
		const gross = (p: typeof plan) => p.records.get('C')!.grossRequirements.reduce((a, b) => a + b, 0);
		expect([gross(prev) > 2, gross(plan)]).toEqual([true, 2]);
	});

	it('drops a removed item and replans what it used', () => {
		const prev = planRegenerative(factory);
		const next = { ...factory, items: factory.items.filter((i) => i.id !== 'D'), bom: factory.bom.filter((l) => l.parent !== 'D'), demands: factory.demands.filter((d) => d.itemId !== 'D') };
		const plan = planNetChange(prev, next, ['D']);
		expect(plan).toEqual(planRegenerative(next));
		expect(plan.records.has('D')).toBe(false);
	});

	it('leaves the previous plan as it was', () => {
		const prev = planRegenerative(factory);
		const copy = structuredClone(prev);
		planNetChange(prev, { ...factory, demands: [so('A', 3, 50)] }, ['A']);
		expect(prev).toEqual(copy);
	});
});
