import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPrice, orderCurrency, withDefaultPrices } from '../../../server/sales/pricing.ts';
import { lineValue, total } from '../../../server/shared/money.ts';

const sources = {
	customer: new Map([
		['PUMP', { unitPrice: 99, currency: 'CNY' }],
		['VALVE', { unitPrice: 12.5, currency: 'USD' }]
	]),
	list: new Map<string, number | null>([
		['PUMP', 120],
		['VALVE', 80],
		['BOLT', null]
	])
};

describe('sales order prices', () => {
	it("takes the customer's price in the order's currency, else the list price for CNY orders, else none", () => {
		expect(defaultPrice('PUMP', 'CNY', sources)).toBe(99);
		expect(defaultPrice('VALVE', 'CNY', sources)).toBe(80);
		expect(defaultPrice('VALVE', 'USD', sources)).toBe(12.5);
		expect(defaultPrice('PUMP', 'USD', sources)).toBeUndefined();
		expect(defaultPrice('BOLT', 'CNY', sources)).toBeUndefined();
	});

	it('keeps a price given, even 0, and fills only the lines without one', () => {
		const lines = [
			{ itemId: 'PUMP', unitPrice: 0 },
			{ itemId: 'PUMP' },
			{ itemId: 'BOLT' }
		];
		expect(withDefaultPrices(lines, 'CNY', sources)).toEqual([{ itemId: 'PUMP', unitPrice: 0 }, { itemId: 'PUMP', unitPrice: 99 }, { itemId: 'BOLT' }]);
	});

	it("uses the order's currency, else the customer's, else CNY", () => {
		expect(orderCurrency('EUR', 'USD')).toBe('EUR');
		expect(orderCurrency(undefined, 'USD')).toBe('USD');
		expect(orderCurrency(undefined, null)).toBe('CNY');
	});

	it('rounds a line to cents and a total is exactly the sum of the values shown', () => {
		expect(lineValue(3, 1.115)).toBe(3.35);
		expect(lineValue(2, null)).toBeNull();
		fc.assert(
			fc.property(fc.array(fc.option(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000_000 })), { nil: null }), { maxLength: 50 }), (lines) => {
				const values = lines.map((l) => (l === null ? null : lineValue(l[0], l[1] / 1000)));
				const t = total(values);
				const cents = values.reduce<number>((s, v) => s + (v === null ? 0 : Math.round(v * 100)), 0);
				expect(Math.round(t.amount * 100)).toBe(cents);
				expect(t.unpriced).toBe(values.filter((v) => v === null).length);
			})
		);
	});
});
