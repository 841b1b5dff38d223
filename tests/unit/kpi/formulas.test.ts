// The KPI formulas as pure functions of a subject's facts and the ledger's horizon.
import { describe, expect, it } from 'vitest';
import { salesContributions, type SalesOrderFacts } from '../../../server/kpi/families/sales.ts';
import { purchasingContributions, reachedAt, type PurchaseOrderFacts } from '../../../server/kpi/families/purchasing.ts';
import type { Contribution } from '../../../server/kpi/ledger.ts';
import { productionContributions, yieldContributions } from '../../../server/kpi/families/production.ts';

const T = (s: string) => Date.parse(s);
const ctx = (horizon: string | null) => ({ horizon: horizon ? T(horizon) : null, timeZone: 'Asia/Shanghai' });
const totals = (cs: Contribution[], kpi: string) => cs.filter((c) => c.kpi === kpi && c.dim === '').map((c) => [c.record, new Date(c.bucket).toISOString(), c.num, c.den]);

const order = (over: Partial<SalesOrderFacts['lines'][number]> = {}, more: Partial<SalesOrderFacts> = {}): SalesOrderFacts => ({
	orderId: 'SO-1',
	customerId: 'C-1',
	enteredAt: T('2026-11-20T09:00:00+08:00'),
	firstPromisedAt: null,
	lines: [{ lineId: '10', itemId: 'X', qty: 5, requestedDate: '2026-12-01', promisedDate: null, cancelled: false, shippedQty: 0, lastShippedAt: null, ...over }],
	...more
});

describe('sales formulas', () => {
	it('counts nothing for an open line before its due date ends, and a late line after', () => {
		expect(totals(salesContributions(order(), ctx('2026-12-01T23:59:59+08:00')), 'otd')).toEqual([]);
		expect(totals(salesContributions(order(), ctx('2026-12-02T00:00:00+08:00')), 'otd')).toEqual([['SO-1/10', '2026-11-30T16:00:00.000Z', 0, 1]]);
	});

	it('judges a partly shipped line as open, and a line shipped in full by its last shipment', () => {
		const part = order({ shippedQty: 4, lastShippedAt: T('2026-11-30T10:00:00+08:00') });
		expect(totals(salesContributions(part, ctx(null)), 'otd')).toEqual([]);
		const full = order({ shippedQty: 5, lastShippedAt: T('2026-12-01T23:59:59+08:00') });
		expect(totals(salesContributions(full, ctx(null)), 'otd')).toEqual([['SO-1/10', '2026-11-30T16:00:00.000Z', 1, 1]]);
	});

	it('leaves cancelled lines out of every KPI', () => {
		expect(salesContributions(order({ cancelled: true, shippedQty: 5, lastShippedAt: T('2026-11-30T10:00:00+08:00') }), ctx('2027-01-01T00:00:00Z'))).toEqual([]);
	});

	it('adds a row per dimension', () => {
		const cs = salesContributions(order({ shippedQty: 5, lastShippedAt: T('2026-11-30T10:00:00+08:00') }), ctx(null)).filter((c) => c.kpi === 'otd');
		expect(cs.map((c) => c.dim)).toEqual(['', 'customer:C-1', 'item:X']);
	});

	it('measures order response time in hours from entry to the first promise', () => {
		const o = order({}, { firstPromisedAt: T('2026-11-20T12:30:00+08:00') });
		expect(totals(salesContributions(o, ctx(null)), 'order_response_time')).toEqual([['SO-1', '2026-11-20T01:00:00.000Z', 3.5, 1]]);
	});
});

const po = (over: Partial<PurchaseOrderFacts['lines'][number]> = {}): PurchaseOrderFacts => ({
	poId: 'PO-1',
	supplierId: 'S-1',
	lines: [{ lineId: '1', itemId: 'M', qty: 10, due: '2026-12-05', receipts: [], inspections: [], requisitionAt: null, ...over }]
});

describe('purchasing formulas', () => {
	it('finds when a running total first reaches a quantity, by business time whatever the order given', () => {
		const list = [
			{ at: 3, id: 'c', qty: 5 },
			{ at: 1, id: 'a', qty: 4 },
			{ at: 2, id: 'b', qty: 1 }
		];
		expect(reachedAt(list, (x) => x.qty, 5)).toBe(2);
		expect(reachedAt(list, (x) => x.qty, 11)).toBeNull();
	});

	it('measures purchase cycle time from requisition to full acceptance, in days', () => {
		const facts = po({
			requisitionAt: T('2026-11-20T08:00:00+08:00'),
			inspections: [
				{ at: T('2026-12-04T08:00:00+08:00'), id: 'a', accepted: 6, rejected: 1 },
				{ at: T('2026-12-06T20:00:00+08:00'), id: 'b', accepted: 4, rejected: 0 }
			]
		});
		const cs = purchasingContributions(facts, ctx(null));
		expect(totals(cs, 'purchase_cycle_time')).toEqual([['PO-1/1', '2026-12-06T12:00:00.000Z', 16.5, 1]]);
		expect(totals(cs, 'supplier_quality')).toEqual([
			['PO-1/1', '2026-12-04T00:00:00.000Z', 6, 7],
			['PO-1/1', '2026-12-06T12:00:00.000Z', 4, 4]
		]);
	});
});

describe('production formulas', () => {
	const mo = { productionOrderId: 'MO-1', itemId: 'B', qty: 10, goodQty: 10, dueDate: '2026-12-05', status: 'completed', closedAt: T('2026-12-05T18:00:00+08:00') };

	it('attains the plan when completed in full before the end of the due date', () => {
		expect(totals(productionContributions(mo, ctx(null)), 'plan_attainment')).toEqual([['MO-1', '2026-12-04T16:00:00.000Z', 1, 1]]);
		expect(totals(productionContributions({ ...mo, goodQty: 9 }, ctx(null)), 'plan_attainment')).toEqual([['MO-1', '2026-12-04T16:00:00.000Z', 0, 1]]);
		expect(productionContributions({ ...mo, status: 'released', closedAt: null }, ctx('2026-12-05T23:00:00+08:00'))).toEqual([]);
		expect(productionContributions({ ...mo, status: 'cancelled' }, ctx('2027-01-01T00:00:00Z'))).toEqual([]);
	});

	it('counts the yield of each report in its minute, for the total and its work centre', () => {
		const cs = yieldContributions({ eventId: 'e1', at: T('2026-12-05T10:00:10+08:00'), workCenterId: 'WC-1', good: 8, scrap: 2 });
		expect(cs.map((c) => [c.dim, new Date(c.bucket).toISOString(), c.num, c.den])).toEqual([
			['', '2026-12-05T02:00:00.000Z', 8, 10],
			['workCenter:WC-1', '2026-12-05T02:00:00.000Z', 8, 10]
		]);
		expect(yieldContributions({ eventId: 'e2', at: 0, workCenterId: null, good: 0, scrap: 0 })).toEqual([]);
	});
});
