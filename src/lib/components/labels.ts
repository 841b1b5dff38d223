// Words for the coded values of an item (kind, make or buy, lot rule, backflush) and for event types.
import type { MessageKey } from '$lib/i18n';
import type { Translate } from './issues.ts';

const VALUE_KEYS = {
	kind: { product: 'item.kind.product', semi: 'item.kind.semi', material: 'item.kind.material' },
	makeOrBuy: { make: 'item.makeOrBuy.make', buy: 'item.makeOrBuy.buy' },
	lotRule: { LFL: 'item.lotRule.LFL', FOQ: 'item.lotRule.FOQ', POQ: 'item.lotRule.POQ' },
	backflush: { none: 'item.backflush.none', operation: 'item.backflush.operation', completion: 'item.backflush.completion' }
} satisfies Record<string, Record<string, MessageKey>>;

/** The label of a coded value; an unknown value shows as it is, an empty one as "not set". */
export function valueLabel(t: Translate, field: keyof typeof VALUE_KEYS, value: string | null | undefined): string {
	if (!value) return t('item.unset');
	const key = (VALUE_KEYS[field] as Record<string, MessageKey>)[value];
	return key ? t(key) : value;
}

/** Labels of the item's fields, for forms, details and the timeline. */
export const FIELD_KEYS = {
	itemId: 'item.itemId',
	name: 'item.name',
	kind: 'item.kind',
	uom: 'item.uom',
	unitCost: 'item.unitCost',
	listPrice: 'item.listPrice',
	makeOrBuy: 'item.makeOrBuy',
	leadTimeDays: 'item.leadTimeDays',
	safetyStock: 'item.safetyStock',
	lotSizing: 'item.lotSizing',
	category: 'item.category',
	backflush: 'item.backflush',
	allowNegativeStock: 'item.allowNegativeStock',
	overProductionPct: 'item.overProductionPct'
} satisfies Record<string, MessageKey>;

export const fieldLabel = (t: Translate, field: string): string =>
	field in FIELD_KEYS ? t(FIELD_KEYS[field as keyof typeof FIELD_KEYS]) : field;

const EVENT_KEYS: Record<string, MessageKey> = { 'item.upserted': 'event.item.upserted', 'bom.replaced': 'event.bom.replaced' };

export const eventLabel = (t: Translate, type: string): string => (EVENT_KEYS[type] ? t(EVENT_KEYS[type]) : type);
