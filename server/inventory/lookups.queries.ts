// What the inventory forms offer to choose from besides reason codes (server/shared/reason-codes.ts):
// the production orders still open, to issue material to. Read-only; the orders are production's.
import type { Queryable } from '../db/db.ts';

/** Open production orders, those using the item in their BOM first, then by due date. */
export async function openOrderChoices(q: Queryable, itemId: string, limit = 200): Promise<{ id: string; name: string }[]> {
	const r = await q.query<{ id: string; name: string }>(
		`select o.production_order_id as id, concat_ws(' ', o.item_id, i.name, o.due_date::text) as name
		from production_orders o left join items i on i.item_id = o.item_id
		where o.status not in ('completed', 'cancelled')
		order by exists (select 1 from bom_lines b where b.parent_item_id = o.item_id and b.child_item_id = $1) desc, o.due_date, o.production_order_id
		limit $2`,
		[itemId, limit]
	);
	return r.rows;
}
