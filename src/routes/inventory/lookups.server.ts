// What the inventory forms offer to choose from: the stock_adjust reason codes in the page's language
// and the production orders still open. Read-only; the lists are kept by their own capabilities.
import type { Locale } from '$lib/i18n';
import type { ReasonChoice } from '$lib/components/inventory/labels';
import type { Queryable } from '$server/db/db.ts';

/** Every code of the list, retired ones too (the history names them); the form offers the active ones. */
export async function adjustReasons(q: Queryable, locale: Locale): Promise<ReasonChoice[]> {
	const r = await q.query<{ code: string; label_zh: string; label_en: string; active: boolean }>(
		`select code, label_zh, label_en, active from reason_codes where list = 'stock_adjust' order by code`
	);
	return r.rows.map((x) => ({ code: x.code, label: locale === 'en' ? x.label_en : x.label_zh, active: x.active }));
}

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
