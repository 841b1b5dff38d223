// What the sales forms offer to choose from: customers, items, and the reason codes of a list in the
// page's language. Read-only; the lists themselves are kept by their own capabilities.
import type { Locale } from '$lib/i18n';
import type { ReasonChoice } from '$lib/components/sales/labels';
import type { Queryable } from '$server/db/db.ts';
import type { ReasonList } from '$server/sales/schemas.ts';

export interface Choice {
	id: string;
	name: string;
}

export async function customerChoices(q: Queryable): Promise<Choice[]> {
	return (await q.query<Choice>('select customer_id as id, name from customers order by name, customer_id')).rows;
}

/** Products first, as they are what customers mostly order; any item can be typed by its code. */
export async function itemChoices(q: Queryable, limit = 2000): Promise<(Choice & { uom: string })[]> {
	const r = await q.query<Choice & { uom: string }>(
		`select item_id as id, name, uom from items order by kind <> 'product', item_id limit $1`,
		[limit]
	);
	return r.rows;
}

/** Names and units of the given items (an order's lines). */
export async function itemNames(q: Queryable, itemIds: readonly string[]): Promise<Record<string, { name: string; uom: string }>> {
	const r = await q.query<Choice & { uom: string }>('select item_id as id, name, uom from items where item_id = any($1::text[])', [itemIds]);
	return Object.fromEntries(r.rows.map((i) => [i.id, { name: i.name, uom: i.uom }]));
}

export async function customerName(q: Queryable, customerId: string): Promise<string | null> {
	return (await q.query<{ name: string }>('select name from customers where customer_id = $1', [customerId])).rows[0]?.name ?? null;
}

/** Every code of the list, retired ones too (the history names them); forms offer the active ones. */
export async function reasonChoices(q: Queryable, list: ReasonList, locale: Locale): Promise<ReasonChoice[]> {
	const r = await q.query<{ code: string; label_zh: string; label_en: string; active: boolean }>(
		'select code, label_zh, label_en, active from reason_codes where list = $1 order by code',
		[list]
	);
	return r.rows.map((x) => ({ code: x.code, label: locale === 'en' ? x.label_en : x.label_zh, active: x.active }));
}
