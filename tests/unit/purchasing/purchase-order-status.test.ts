import { describe, expect, it } from 'vitest';
import { purchaseOrderLate, purchaseOrderLineLateness, stillToReceive } from '../../../server/purchasing/purchase-order-status.ts';

const today = '2026-12-05';

describe('purchase order line lateness', () => {
	it('is late when still to receive after its expected date, by whole days', () => {
		expect(purchaseOrderLineLateness({ qty: 100, receivedQty: 40, expectedDate: '2026-12-01' }, today)).toEqual({ late: true, daysLate: 4 });
		expect(purchaseOrderLineLateness({ qty: 100, receivedQty: 0, expectedDate: '2026-11-30' }, today)).toEqual({ late: true, daysLate: 5 });
	});

	it('is not late on its expected date, nor before it', () => {
		expect(purchaseOrderLineLateness({ qty: 100, receivedQty: 0, expectedDate: today }, today)).toEqual({ late: false, daysLate: 0 });
		expect(purchaseOrderLineLateness({ qty: 100, receivedQty: 0, expectedDate: '2026-12-09' }, today)).toEqual({ late: false, daysLate: 0 });
	});

	it('is not late once received in full, or when known only by a receipt', () => {
		expect(purchaseOrderLineLateness({ qty: 100, receivedQty: 100, expectedDate: '2026-11-01' }, today).late).toBe(false);
		expect(purchaseOrderLineLateness({ qty: null, receivedQty: 10, expectedDate: null }, today).late).toBe(false);
		expect(stillToReceive({ qty: null, receivedQty: 0 })).toBe(false);
	});

	it('counts days across a month and a year end', () => {
		expect(purchaseOrderLineLateness({ qty: 1, receivedQty: 0, expectedDate: '2026-12-30' }, '2027-01-02').daysLate).toBe(3);
		expect(purchaseOrderLineLateness({ qty: 1, receivedQty: 0, expectedDate: '2028-02-28' }, '2028-03-01').daysLate).toBe(2);
	});

	it('makes an order late when any of its lines is', () => {
		const onTime = { qty: 10, receivedQty: 0, expectedDate: '2026-12-08' };
		const lateLine = { qty: 10, receivedQty: 5, expectedDate: '2026-12-04' };
		expect(purchaseOrderLate([onTime], today)).toBe(false);
		expect(purchaseOrderLate([onTime, lateLine], today)).toBe(true);
		expect(purchaseOrderLate([], today)).toBe(false);
	});
});
