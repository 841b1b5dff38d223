import { describe, expect, it } from 'vitest';
import { deriveLineStatus, factoryDate, lineProgress, type LineFacts } from '../../../server/sales/line-status.ts';

const base: LineFacts = { qty: 10, shippedQty: 0, requestedDate: '2026-12-10', promisedDate: null, cancelled: false, today: '2026-12-01' };

describe('deriveLineStatus', () => {
	it.each<[string, Partial<LineFacts>, string]>([
		['open when nothing has happened', {}, 'open'],
		['promised once a promise date is set', { promisedDate: '2026-12-08' }, 'promised'],
		['in production when an order works on it', { inProduction: true }, 'in_production'],
		['ready when its goods are on hand', { inProduction: true, ready: true }, 'ready'],
		['partially shipped when some has left', { shippedQty: 4 }, 'partially_shipped'],
		['shipped when all has left, even after the due date', { shippedQty: 10, today: '2026-12-20' }, 'shipped'],
		['late when the requested date has passed', { today: '2026-12-11' }, 'late'],
		['late by the promise date when there is one', { promisedDate: '2026-11-30' }, 'late'],
		['not late on the due date itself', { today: '2026-12-10' }, 'open'],
		['late also when partly shipped', { shippedQty: 3, today: '2026-12-11' }, 'late'],
		['cancelled whatever else is true', { cancelled: true, shippedQty: 3, today: '2027-01-01' }, 'cancelled']
	])('is %s', (_label, facts, status) => {
		expect(deriveLineStatus({ ...base, ...facts })).toBe(status);
	});
});

describe('lineProgress and factoryDate', () => {
	it('rounds progress down so 100 means all shipped', () => {
		expect([lineProgress({ qty: 3, shippedQty: 2 }), lineProgress({ qty: 3, shippedQty: 3 }), lineProgress({ qty: 0, shippedQty: 0 })]).toEqual([66, 100, 0]);
	});

	it('gives the calendar date in the factory time zone', () => {
		expect(factoryDate(new Date('2026-11-30T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
		expect(factoryDate(new Date('2026-11-30T17:00:00Z'), 'Europe/Berlin')).toBe('2026-11-30');
	});
});
