// Textbook MRP tables computed by hand, through the same function the `mrp` CLI calls.
import { describe, expect, it } from 'vitest';
import { runMrpCli, TextbookInputError, type MrpRecordRows } from '../../../server/planning/textbook.ts';

type Rows = [gross: number[], receipts: number[], onHand: number[], net: number[], plannedReceipts: number[], releases: number[]];
const rows = ([grossRequirements, scheduledReceipts, projectedOnHand, netRequirements, plannedOrderReceipts, plannedOrderReleases]: Rows): MrpRecordRows => ({
	grossRequirements,
	scheduledReceipts,
	projectedOnHand,
	netRequirements,
	plannedOrderReceipts,
	plannedOrderReleases
});

const one = (periods: number, item: Record<string, unknown>, gross: Record<string, number>) =>
	runMrpCli({ periods, items: [{ id: 'A', ...item }], grossRequirements: { A: gross } });

describe('mrp (textbook records)', () => {
	it('lot-for-lot: nets on hand and a scheduled receipt, offsets by the lead time', () => {
		const out = one(8, { leadTime: 2, onHand: 20, scheduledReceipts: { 2: 10 } }, { 1: 5, 3: 30, 5: 10, 6: 15, 8: 20 });
		expect(out.items.A).toEqual(
			rows([
				[5, 0, 30, 0, 10, 15, 0, 20],
				[0, 10, 0, 0, 0, 0, 0, 0],
				[15, 25, 0, 0, 0, 0, 0, 0],
				[0, 0, 5, 0, 10, 15, 0, 20],
				[0, 0, 5, 0, 10, 15, 0, 20],
				[5, 0, 10, 15, 0, 20, 0, 0]
			])
		);
		// On hand serves periods 1 and 3 first, so the receipt of period 2 is first needed in period 3.
		expect(out.exceptions).toEqual([{ kind: 'defer', itemId: 'A', receiptPeriod: 2, neededPeriod: 3, periods: 1 }]);
	});

	it('fixed order quantity: as many lots as the period needs', () => {
		const out = one(6, { leadTime: 1, onHand: 10, lotSizing: { rule: 'FOQ', qty: 25 } }, { 2: 20, 3: 10, 4: 40, 6: 5 });
		expect(out.items.A).toEqual(
			rows([
				[0, 20, 10, 40, 0, 5],
				[0, 0, 0, 0, 0, 0],
				[10, 15, 5, 15, 15, 10],
				[0, 10, 0, 35, 0, 0],
				[0, 25, 0, 50, 0, 0],
				[25, 0, 50, 0, 0, 0]
			])
		);
		expect(out.exceptions).toEqual([]);
	});

	it('periodic order quantity: one order covers the periods from the first that needs one', () => {
		const out = one(8, { leadTime: 1, onHand: 15, lotSizing: { rule: 'POQ', periods: 3 } }, { 1: 10, 2: 20, 3: 15, 4: 5, 5: 30, 6: 10, 8: 25 });
		expect(out.items.A).toEqual(
			rows([
				[10, 20, 15, 5, 30, 10, 0, 25],
				[0, 0, 0, 0, 0, 0, 0, 0],
				[5, 20, 5, 0, 10, 0, 0, 0],
				[0, 15, 0, 0, 30, 0, 0, 25],
				[0, 35, 0, 0, 40, 0, 0, 25],
				[35, 0, 0, 40, 0, 0, 25, 0]
			])
		);
	});

	it('min raises an order, then multiple rounds it up (in that order)', () => {
		const out = one(3, { leadTime: 0, lotSizing: { rule: 'LFL', min: 25, multiple: 10 } }, { 1: 5, 2: 45, 3: 12 });
		// 5 → min 25 → 30; 20 → 25 → 30; 2 → 25 → 30 (rounding first would give 25, 25, 25).
		expect(out.items.A).toEqual(rows([[5, 45, 12], [0, 0, 0], [25, 10, 28], [5, 20, 2], [30, 30, 30], [30, 30, 30]]));
	});

	it('multiple alone rounds up to the next multiple; min alone lifts small orders', () => {
		expect(one(2, { leadTime: 0, lotSizing: { rule: 'LFL', multiple: 12 } }, { 1: 5, 2: 20 }).items.A.plannedOrderReceipts).toEqual([12, 24]);
		expect(one(2, { leadTime: 0, lotSizing: { rule: 'LFL', min: 8 } }, { 1: 5, 2: 20 }).items.A.plannedOrderReceipts).toEqual([8, 17]);
	});

	it('keeps projected on hand at the safety stock', () => {
		const out = one(5, { leadTime: 1, onHand: 30, safetyStock: 10 }, { 2: 15, 3: 20, 5: 10 });
		expect(out.items.A).toEqual(
			rows([
				[0, 15, 20, 0, 10],
				[0, 0, 0, 0, 0],
				[30, 15, 10, 10, 10],
				[0, 0, 15, 0, 10],
				[0, 0, 15, 0, 10],
				[0, 15, 0, 10, 0]
			])
		);
	});

	it('tops up safety stock above on hand in period 1, past due but short of no order', () => {
		const out = one(3, { leadTime: 1, onHand: 5, safetyStock: 10 }, {});
		expect(out.items.A).toEqual(rows([[0, 0, 0], [0, 0, 0], [10, 10, 10], [5, 0, 0], [5, 0, 0], [0, 0, 0]]));
		expect(out.exceptions).toEqual([{ kind: 'past_due', itemId: 'A', qty: 5, releasePeriod: 0, receiptPeriod: 1, periodsLate: 1 }]);
	});

	it('reports releases before period 1 as past due and the demand they serve as short', () => {
		const out = one(5, { leadTime: 2 }, { 1: 10, 4: 5 });
		expect(out.items.A.plannedOrderReceipts).toEqual([10, 0, 0, 5, 0]);
		expect(out.items.A.plannedOrderReleases).toEqual([0, 5, 0, 0, 0]);
		expect(out.exceptions).toEqual([
			{ kind: 'past_due', itemId: 'A', qty: 10, releasePeriod: -1, receiptPeriod: 1, periodsLate: 2 },
			{ kind: 'shortage', itemId: 'A', period: 1, qty: 10 }
		]);
	});

	it('grosses up a component for scrap in the parent release period', () => {
		const out = runMrpCli({
			periods: 3,
			items: [
				{ id: 'A', leadTime: 1 },
				{ id: 'B', leadTime: 1, onHand: 50 }
			],
			bom: [{ parent: 'A', child: 'B', qty: 2, scrapPct: 20 }],
			grossRequirements: { A: { 3: 100 } }
		});
		expect(out.items.A).toEqual(rows([[0, 0, 100], [0, 0, 0], [0, 0, 0], [0, 0, 100], [0, 0, 100], [0, 100, 0]]));
		// 100 × 2 × (1 + 0.20) = 240, as production issues it
		expect(out.items.B).toEqual(rows([[0, 240, 0], [0, 0, 0], [50, 0, 0], [0, 190, 0], [0, 190, 0], [190, 0, 0]]));
	});

	it('plans an item used at two levels once, at its lowest level, with both parents’ demand', () => {
		// A uses B and C; B uses C too: C has low-level code 2 and must wait for B's releases.
		const out = runMrpCli({
			periods: 6,
			items: [
				{ id: 'C', leadTime: 1, onHand: 10 },
				{ id: 'A', leadTime: 1 },
				{ id: 'B', leadTime: 1, onHand: 3 }
			],
			bom: [
				{ parent: 'A', child: 'B', qty: 1 },
				{ parent: 'A', child: 'C', qty: 2 },
				{ parent: 'B', child: 'C', qty: 1 }
			],
			grossRequirements: { A: { 5: 10, 6: 5 } }
		});
		expect(out.items.A.plannedOrderReleases).toEqual([0, 0, 0, 10, 5, 0]);
		expect(out.items.B).toEqual(
			rows([
				[0, 0, 0, 10, 5, 0],
				[0, 0, 0, 0, 0, 0],
				[3, 3, 3, 0, 0, 0],
				[0, 0, 0, 7, 5, 0],
				[0, 0, 0, 7, 5, 0],
				[0, 0, 7, 5, 0, 0]
			])
		);
		expect(out.items.C).toEqual(
			rows([
				[0, 0, 7, 25, 10, 0],
				[0, 0, 0, 0, 0, 0],
				[10, 10, 3, 0, 0, 0],
				[0, 0, 0, 22, 10, 0],
				[0, 0, 0, 22, 10, 0],
				[0, 0, 22, 10, 0, 0]
			])
		);
		expect(Object.keys(out.items)).toEqual(['C', 'A', 'B']);
	});

	it('takes items named only in the BOM as lead time 0, nothing on hand, lot-for-lot (the contract example)', () => {
		const out = runMrpCli({
			periods: 8,
			items: [{ id: 'A', leadTime: 1, onHand: 10, safetyStock: 0, lotSizing: { rule: 'LFL' }, scheduledReceipts: { 2: 5 } }],
			bom: [{ parent: 'A', child: 'B', qty: 2 }],
			grossRequirements: { A: { 4: 50, 8: 20 } }
		});
		expect(out.items.A.plannedOrderReleases).toEqual([0, 0, 35, 0, 0, 0, 20, 0]);
		expect(out.items.B).toEqual(
			rows([
				[0, 0, 70, 0, 0, 0, 40, 0],
				[0, 0, 0, 0, 0, 0, 0, 0],
				[0, 0, 0, 0, 0, 0, 0, 0],
				[0, 0, 70, 0, 0, 0, 40, 0],
				[0, 0, 70, 0, 0, 0, 40, 0],
				[0, 0, 70, 0, 0, 0, 40, 0]
			])
		);
	});

	it('turns a past-due parent release into demand on the component in period 1', () => {
		const out = runMrpCli({
			periods: 3,
			items: [
				{ id: 'A', leadTime: 2 },
				{ id: 'B', leadTime: 0, onHand: 4 }
			],
			bom: [{ parent: 'A', child: 'B', qty: 1 }],
			grossRequirements: { A: { 2: 6 } }
		});
		expect(out.items.B.grossRequirements).toEqual([6, 0, 0]);
		expect(out.items.B.plannedOrderReceipts).toEqual([2, 0, 0]);
		expect(out.exceptions).toEqual([
			{ kind: 'past_due', itemId: 'A', qty: 6, releasePeriod: 0, receiptPeriod: 2, periodsLate: 1 },
			{ kind: 'shortage', itemId: 'A', period: 2, qty: 6 }
		]);
	});

	it('says what a scheduled receipt nobody needs should do', () => {
		const out = one(4, { leadTime: 1, onHand: 10, scheduledReceipts: { 1: 5, 3: 20 } }, { 2: 12 });
		expect(out.exceptions).toEqual([
			{ kind: 'defer', itemId: 'A', receiptPeriod: 1, neededPeriod: 2, periods: 1 },
			{ kind: 'cancel', itemId: 'A', receiptPeriod: 3, qty: 20 }
		]);
	});

	it.each<[string, unknown, string]>([
		['a FOQ without qty', { periods: 2, items: [{ id: 'A', leadTime: 0, lotSizing: { rule: 'FOQ' } }] }, 'items.0.lotSizing.qty'],
		['a negative on hand', { periods: 2, items: [{ id: 'A', leadTime: 0, onHand: -1 }] }, 'items.0.onHand'],
		['a fractional lead time', { periods: 2, items: [{ id: 'A', leadTime: 1.5 }] }, 'items.0.leadTime'],
		['a period beyond the horizon', { periods: 2, items: [{ id: 'A', leadTime: 0 }], grossRequirements: { A: { 3: 1 } } }, 'grossRequirements.A.3'],
		['period 0', { periods: 2, items: [{ id: 'A', leadTime: 0, scheduledReceipts: { 0: 1 } }] }, 'items.0.scheduledReceipts.0'],
		['demand for an unknown item', { periods: 2, items: [{ id: 'A', leadTime: 0 }], grossRequirements: { Z: { 1: 1 } } }, 'grossRequirements.Z'],
		['a duplicate item', { periods: 2, items: [{ id: 'A', leadTime: 0 }, { id: 'A', leadTime: 1 }] }, 'items.1.id'],
		['a misspelt field', { periods: 2, items: [{ id: 'A', leadtime: 0 }] }, 'items.0'],
		['a BOM cycle', { periods: 2, items: [{ id: 'A', leadTime: 0 }], bom: [{ parent: 'A', child: 'B', qty: 1 }, { parent: 'B', child: 'A', qty: 1 }] }, 'A → B → A']
	])('rejects %s, naming where', (_label, input, where) => {
		expect(() => runMrpCli(input)).toThrow(TextbookInputError);
		expect(() => runMrpCli(input)).toThrow(where);
	});
});
