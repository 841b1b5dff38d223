// The choices the settings forms offer, in the page's language: roles, reason lists, entities and
// field types. What the pages list (users, reason codes, rules, fields) the core reads:
// server/auth/user.queries.ts, server/shared/reason-codes.ts, server/purchasing/approval-rule.queries.ts,
// server/masterdata/custom-field.queries.ts.
import type { Choice } from '$lib/components/settings/lists';
import { translator, type Locale, type MessageKey } from '$lib/i18n';
import { ROLES, ROLE_LABELS } from '$server/auth/roles.ts';
import { REASON_LISTS, type ReasonList } from '$server/sales/schemas.ts';
import { CUSTOM_ENTITIES, type CustomEntity, type CustomFieldDefinition } from '$server/masterdata/custom-fields.ts';

export const roleChoices = (locale: Locale): Choice[] => ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][locale] }));

// Every list, entity and field type of the server has words here: the types check that none is missing.
const LIST_KEYS = {
	order_change: 'settings.reasonList.order_change',
	order_cancel: 'settings.reasonList.order_cancel',
	po_delay: 'settings.reasonList.po_delay',
	scrap: 'settings.reasonList.scrap',
	wc_stop: 'settings.reasonList.wc_stop',
	stock_adjust: 'settings.reasonList.stock_adjust',
	correction: 'settings.reasonList.correction',
	over_production: 'settings.reasonList.over_production'
} satisfies Record<ReasonList, MessageKey>;

const ENTITY_KEYS = {
	item: 'settings.entity.item',
	customer: 'settings.entity.customer',
	supplier: 'settings.entity.supplier',
	sales_order: 'settings.entity.sales_order',
	purchase_order: 'settings.entity.purchase_order'
} satisfies Record<CustomEntity, MessageKey>;

const TYPE_KEYS = {
	text: 'settings.fieldType.text',
	number: 'settings.fieldType.number',
	date: 'settings.fieldType.date',
	choice: 'settings.fieldType.choice'
} satisfies Record<CustomFieldDefinition['type'], MessageKey>;

export const reasonListChoices = (locale: Locale): Choice[] => REASON_LISTS.map((l) => ({ value: l, label: translator(locale)(LIST_KEYS[l]) }));

export const entityChoices = (locale: Locale): Choice[] => CUSTOM_ENTITIES.map((e) => ({ value: e, label: translator(locale)(ENTITY_KEYS[e]) }));

export const fieldTypeChoices = (locale: Locale): Choice[] =>
	(Object.keys(TYPE_KEYS) as (keyof typeof TYPE_KEYS)[]).map((ty) => ({ value: ty, label: translator(locale)(TYPE_KEYS[ty]) }));
