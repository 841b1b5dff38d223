// Reading customers' agreed prices: the ones a new order's items may take (the sales order command)
// and a customer's list (the customer page, GET /api/customers/<id>). Withdrawn prices keep their row
// without a price (migration 20261210000000) and are never returned.
import type { Queryable } from '../db/db.ts';
import type { AgreedPrice } from './pricing.ts';

export interface CustomerPriceRow extends AgreedPrice {
	itemId: string;
	itemName: string | null;
	uom: string | null;
	updatedAt: string;
}

/** The customer's agreed prices of these items, by item. */
export async function customerPrices(q: Queryable, customerId: string, itemIds: readonly string[]): Promise<Map<string, AgreedPrice>> {
	const r = await q.query<{ item_id: string; unit_price: number; currency: string }>(
		`select item_id, unit_price::float8 as unit_price, currency from customer_prices
		where customer_id = $1 and item_id = any($2::text[]) and unit_price is not null`,
		[customerId, [...itemIds]]
	);
	return new Map(r.rows.map((x) => [x.item_id, { unitPrice: x.unit_price, currency: x.currency }]));
}

/** Every agreed price of the customer, by item code. */
export async function listCustomerPrices(q: Queryable, customerId: string): Promise<CustomerPriceRow[]> {
	const r = await q.query<Omit<CustomerPriceRow, 'updatedAt'> & { updatedAt: Date | string }>(
		`select p.item_id as "itemId", i.name as "itemName", i.uom, p.unit_price::float8 as "unitPrice", p.currency, p.version_at as "updatedAt"
		from customer_prices p left join items i on i.item_id = p.item_id
		where p.customer_id = $1 and p.unit_price is not null order by p.item_id`,
		[customerId]
	);
	return r.rows.map((x) => ({ ...x, updatedAt: new Date(x.updatedAt).toISOString() }));
}
