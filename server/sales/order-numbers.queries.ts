// Sales order numbers of a pattern `<prefix><n>`: the highest n in use, so whoever numbers new orders
// (a form's suggestion, the simulator's sales desk) can take the next. Reads the projection only.
import type { Queryable } from '../db/db.ts';

/** The highest n of the order ids `<prefix><n>` (n digits only), 0 when there is none. */
export async function lastOrderNumber(q: Queryable, prefix: string): Promise<number> {
	const r = await q.query<{ n: number | null }>(
		`select max(substring(order_id from length($1) + 1)::numeric)::float8 as n from sales_orders
		where left(order_id, length($1)) = $1 and substring(order_id from length($1) + 1) ~ '^[0-9]{1,12}$'`,
		[prefix]
	);
	return r.rows[0]?.n ?? 0;
}
