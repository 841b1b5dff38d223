// Money on documents: the factory's currency and the value of order lines. Pure: no IO. Amounts are
// kept as numbers rounded to cents when they are added up, so a total always equals the sum of the
// line values a page shows.

/** The currency of list prices, purchase prices and costs, and of orders that name none. */
export const BASE_CURRENCY = 'CNY';

/** A line's value: quantity × unit price, in cents precision; null when the line has no price. */
export function lineValue(qty: number | null, unitPrice: number | null): number | null {
	if (unitPrice === null || qty === null) return null;
	return Math.round(qty * unitPrice * 100) / 100;
}

export interface Total {
	/** The sum of the priced lines' values. */
	amount: number;
	/** Lines left out because they have no price. */
	unpriced: number;
}

/** The total of the line values given (null: unpriced). */
export function total(values: readonly (number | null)[]): Total {
	let cents = 0;
	let unpriced = 0;
	for (const v of values) {
		if (v === null) unpriced++;
		else cents += Math.round(v * 100);
	}
	return { amount: cents / 100, unpriced };
}
