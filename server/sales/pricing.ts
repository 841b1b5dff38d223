// The prices a new sales order's lines get when they come without one: the customer's agreed price
// of the item when it is in the order's currency, else the item's list price when the order is in
// the factory's currency, else none. Pure: the command reads the prices and writes the event, so the
// event log keeps the prices as they were given (a later price change does not move old orders).
import { BASE_CURRENCY } from '../shared/money.ts';

export interface AgreedPrice {
	unitPrice: number;
	currency: string;
}

export interface PriceSources {
	/** The customer's prices by item. */
	customer: ReadonlyMap<string, AgreedPrice>;
	/** Items' list prices (in the factory's currency) by item; null: none. */
	list: ReadonlyMap<string, number | null>;
}

/** The order's currency: as given, else the customer's, else the factory's. */
export const orderCurrency = (given: string | undefined, customers: string | null): string => given ?? customers ?? BASE_CURRENCY;

/** The unit price for a line of `itemId` in `currency` when none was given; undefined when there is none. */
export function defaultPrice(itemId: string, currency: string, sources: PriceSources): number | undefined {
	const agreed = sources.customer.get(itemId);
	if (agreed && agreed.currency === currency) return agreed.unitPrice;
	const list = sources.list.get(itemId);
	if (currency === BASE_CURRENCY && list !== null && list !== undefined) return list;
	return undefined;
}

/** The lines with the prices they lack filled in where a default exists. */
export function withDefaultPrices<L extends { itemId: string; unitPrice?: number }>(lines: readonly L[], currency: string, sources: PriceSources): L[] {
	return lines.map((l) => {
		if (l.unitPrice !== undefined) return l;
		const unitPrice = defaultPrice(l.itemId, currency, sources);
		return unitPrice === undefined ? l : { ...l, unitPrice };
	});
}
