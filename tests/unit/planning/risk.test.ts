import { describe, expect, it } from 'vitest';
import { assessRisks } from '../../../server/planning/risk.ts';
import { riskEvents, type AtRisk } from '../../../server/planning/risk-events.ts';
import type { Plan, PlanInput, PlannedOrder, ReceiptUse } from '../../../server/planning/types.ts';

const line = { kind: 'sales_order_line' as const, orderId: 'SO-1', lineId: '1' };

function input(items: Array<[string, 'make' | 'buy', number]>): PlanInput {
	return {
		buckets: 60,
		items: items.map(([id, kind, leadTime]) => ({ id, kind, leadTime, onHand: 0, safetyStock: 0, lotSizing: { rule: 'LFL' } })),
		bom: [{ parent: 'FG', child: 'RM', qty: 1 }],
		demands: [],
		receipts: []
	};
}

function plan(planned: PlannedOrder[], uses: ReceiptUse[] = [], onHand: Plan['onHandPegs'] = new Map()): Plan {
	const byItem = <T extends { itemId: string }>(list: T[]) => {
		const m = new Map<string, T[]>();
		for (const x of list) m.set(x.itemId, [...(m.get(x.itemId) ?? []), x]);
		return m;
	};
	return { records: new Map(), plannedOrders: byItem(planned), receiptUses: byItem(uses), onHandPegs: onHand, exceptions: new Map(), children: new Map(), order: [], lowLevelCodes: new Map() };
}

const fg = (receipt: number, release: number): PlannedOrder => ({ id: `FG@${receipt}`, itemId: 'FG', kind: 'make', qty: 10, releaseBucket: release, receiptBucket: receipt, pegs: [{ qty: 10, demand: line, bucket: receipt }] });

describe('supply risks through pegging', () => {
	it('blames the delayed purchase order line that feeds the component, with its supplier', () => {
		const po: ReceiptUse = { ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' }, itemId: 'RM', bucket: 12, qty: 10, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'FG@10' }, bucket: 8 }] };
		const risks = assessRisks(plan([fg(10, 8)], [po]), input([['FG', 'make', 2], ['RM', 'buy', 5]]), [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: 10 }], new Map([['purchase_order:PO-1:1', { supplierId: 'S-001', delayed: true }]]));
		expect(risks).toEqual([
			{
				orderId: 'SO-1',
				lineId: '1',
				itemId: 'FG',
				dueBucket: 10,
				expectedBucket: 14,
				daysLate: 4,
				causes: [{ code: 'RISK_RECEIPT_LATE', itemId: 'RM', bucket: 12, ref: po.ref, supplierId: 'S-001', delayed: true }]
			}
		]);
	});

	it('says no supply is planned in time when a component purchase would have to be released in the past', () => {
		const rm: PlannedOrder = { id: 'RM@4', itemId: 'RM', kind: 'buy', qty: 10, releaseBucket: -1, receiptBucket: 4, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'FG@6' }, bucket: 4 }] };
		const [risk] = assessRisks(plan([fg(6, 4), rm]), input([['FG', 'make', 2], ['RM', 'buy', 5]]), [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: 6 }]);
		expect(risk.expectedBucket).toBe(7);
		expect(risk.causes).toEqual([{ code: 'RISK_NO_SUPPLY', itemId: 'RM', bucket: 5 }]);
	});

	it('blames the make lead time when the parent itself starts too late', () => {
		const [risk] = assessRisks(plan([fg(1, -1)]), input([['FG', 'make', 2], ['RM', 'buy', 5]]), [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: 1 }]);
		expect(risk).toMatchObject({ expectedBucket: 2, daysLate: 1, causes: [{ code: 'RISK_MAKE_LEAD_TIME', itemId: 'FG', bucket: 2 }] });
	});

	it('after a late component counts the routing\'s processing time, not the whole lead time again (at most the lead time), a part of a day rounded up', () => {
		const po: ReceiptUse = { ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' }, itemId: 'RM', bucket: 12, qty: 10, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'FG@10' }, bucket: 7 }] };
		const routed = (processing: { setupDays: number; runDaysPerUnit: number }) => {
			const i = input([['FG', 'make', 3], ['RM', 'buy', 5]]);
			return { ...i, items: i.items.map((x) => (x.id === 'FG' ? { ...x, processing } : x)) };
		};
		const due = (dueBucket: number) => [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket }];
		// Without a routing: the lead time (3) after the component (12).
		expect(assessRisks(plan([fg(10, 7)], [po]), input([['FG', 'make', 3], ['RM', 'buy', 5]]), due(10))[0]).toMatchObject({ expectedBucket: 15, daysLate: 5 });
		// 10 units of 0.02 days and a setup of 0.1: 0.3 days, there by the end of 12, i.e. bucket 13; due on 13, on time.
		const quick = routed({ setupDays: 0.1, runDaysPerUnit: 0.02 });
		expect(assessRisks(plan([fg(10, 7)], [po]), quick, due(10))[0]).toMatchObject({ expectedBucket: 13, daysLate: 3, causes: [{ code: 'RISK_RECEIPT_LATE', itemId: 'RM', bucket: 12 }] });
		expect(assessRisks(plan([fg(10, 7)], [po]), quick, due(13))).toEqual([]);
		// 1.5 days of work: two buckets; longer than the lead time: the lead time.
		expect(assessRisks(plan([fg(10, 7)], [po]), routed({ setupDays: 0.5, runDaysPerUnit: 0.1 }), due(10))[0]).toMatchObject({ expectedBucket: 14 });
		expect(assessRisks(plan([fg(10, 7)], [po]), routed({ setupDays: 2, runDaysPerUnit: 1 }), due(10))[0]).toMatchObject({ expectedBucket: 15 });
		// Parts of a day add up through the levels before the date is rounded: a sub-assembly of 0.3 days
		// after the component, then the product's 0.3 days: 12.6, bucket 13 (a day a level would say 14).
		const sub: PlannedOrder = { id: 'SUB@9', itemId: 'SUB', kind: 'make', qty: 10, releaseBucket: 6, receiptBucket: 9, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'FG@10' }, bucket: 7 }] };
		const poSub: ReceiptUse = { ...po, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'SUB@9' }, bucket: 6 }] };
		const levels = input([['FG', 'make', 3], ['SUB', 'make', 3], ['RM', 'buy', 5]]);
		const twoLevels = { ...levels, items: levels.items.map((x) => (x.kind === 'make' ? { ...x, processing: { setupDays: 0.1, runDaysPerUnit: 0.02 } } : x)) };
		expect(assessRisks(plan([fg(10, 7), sub], [poSub]), twoLevels, due(10))[0]).toMatchObject({ expectedBucket: 13, causes: [{ code: 'RISK_RECEIPT_LATE', itemId: 'RM' }] });
		// Components in time: the planned receipt, whatever the routing.
		const early: ReceiptUse = { ...po, bucket: 6 };
		expect(assessRisks(plan([fg(10, 7)], [early]), quick, due(10))).toEqual([]);
		expect(assessRisks(plan([fg(10, 7)], [early]), quick, due(9))[0]).toMatchObject({ expectedBucket: 10, causes: [{ code: 'RISK_MAKE_LEAD_TIME', itemId: 'FG' }] });
	});

	it('finds no risk when stock covers the line, and a past due one when its date has passed', () => {
		const onHand = new Map([['FG', [{ qty: 10, demand: line, bucket: 0 }]]]);
		const inputs = input([['FG', 'make', 2], ['RM', 'buy', 5]]);
		expect(assessRisks(plan([], [], onHand), inputs, [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: 3 }])).toEqual([]);
		const [late] = assessRisks(plan([], [], onHand), inputs, [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: -2 }]);
		expect(late).toMatchObject({ expectedBucket: 0, daysLate: 2, causes: [{ code: 'RISK_PAST_DUE', bucket: -2 }] });
	});
});

describe('risk events', () => {
	const po: ReceiptUse = { ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' }, itemId: 'RM', bucket: 12, qty: 10, pegs: [{ qty: 10, demand: { kind: 'planned_order', id: 'FG@10' }, bucket: 8 }] };
	const lines = [{ orderId: 'SO-1', lineId: '1', itemId: 'FG', dueBucket: 10 }];
	const facts = new Map([['purchase_order:PO-1:1', { supplierId: 'S-001', delayed: true }]]);
	const inputs = input([['FG', 'make', 2], ['RM', 'buy', 5]]);

	it('raises a line once with dates and words, then stays quiet until its outlook changes', () => {
		const [first] = riskEvents(plan([fg(10, 8)], [po]), inputs, '2026-12-06', lines, facts, []);
		expect(first).toEqual({
			type: 'sales_order_line.at_risk',
			data: {
				orderId: 'SO-1',
				lineId: '1',
				dueDate: '2026-12-16',
				expectedDate: '2026-12-20',
				daysLate: 4,
				causes: [
					{
						code: 'RISK_RECEIPT_LATE_DELAYED',
						message: 'PO-1 line 1 from S-001 delayed to 12-18',
						params: { item: 'RM', date: '2026-12-18', ref: 'PO-1', line: '1', supplier: 'S-001' },
						ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' }
					}
				]
			}
		});
		const data = first.data as AtRisk;
		const stored = { orderId: "SO-1", lineId: "1", expectedDate: data.expectedDate, daysLate: 4, causes: data.causes };
		expect(riskEvents(plan([fg(10, 8)], [po]), inputs, '2026-12-06', lines, facts, [stored])).toEqual([]);
		expect(riskEvents(plan([fg(10, 8)]), inputs, '2026-12-06', lines, facts, [stored])).toEqual([{ type: 'sales_order_line.risk_cleared', data: { orderId: 'SO-1', lineId: '1' } }]);
	});
});
