// The item form's values as typed (strings, so a refused form shows exactly what was entered) and
// their conversion to the saveItem command's input. Field names are the command's paths
// ("lotSizing.qty"), so an issue finds its field by path.
import { compact, num, optional, text } from './form-values.ts';

export const KINDS = ['product', 'semi', 'material'] as const;
export const MAKE_OR_BUY = ['make', 'buy'] as const;
export const LOT_RULES = ['LFL', 'FOQ', 'POQ'] as const;
export const BACKFLUSH = ['none', 'operation', 'completion'] as const;

export interface ItemFormValues {
	itemId: string;
	name: string;
	kind: string;
	uom: string;
	unitCost: string;
	listPrice: string;
	makeOrBuy: string;
	leadTimeDays: string;
	safetyStock: string;
	lotSizing: { rule: string; qty: string; periods: string; min: string; multiple: string };
	category: string;
	backflush: string;
	allowNegativeStock: boolean;
	overProductionPct: string;
}

/** A stored item as the queries return it. */
export interface ItemFields {
	itemId: string;
	name: string;
	kind: string;
	uom: string;
	unitCost: number;
	listPrice?: number | null;
	makeOrBuy: string;
	leadTimeDays: number;
	safetyStock: number | null;
	lotSizing: Record<string, unknown> | null;
	category: string | null;
	backflush: string | null;
	allowNegativeStock: boolean;
	overProductionPct?: number;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function blankItemValues(): ItemFormValues {
	return {
		itemId: '',
		name: '',
		kind: 'material',
		uom: '',
		unitCost: '',
		listPrice: '',
		makeOrBuy: 'buy',
		leadTimeDays: '',
		safetyStock: '',
		lotSizing: { rule: '', qty: '', periods: '', min: '', multiple: '' },
		category: '',
		backflush: '',
		allowNegativeStock: false,
		overProductionPct: ''
	};
}

export function itemValues(item: ItemFields): ItemFormValues {
	const lot = item.lotSizing ?? {};
	return {
		itemId: item.itemId,
		name: item.name,
		kind: item.kind,
		uom: item.uom,
		unitCost: str(item.unitCost),
		listPrice: str(item.listPrice),
		makeOrBuy: item.makeOrBuy,
		leadTimeDays: str(item.leadTimeDays),
		safetyStock: str(item.safetyStock),
		lotSizing: { rule: str(lot.rule), qty: str(lot.qty), periods: str(lot.periods), min: str(lot.min), multiple: str(lot.multiple) },
		category: str(item.category),
		backflush: str(item.backflush),
		allowNegativeStock: item.allowNegativeStock,
		// 0 is the default: shown empty, as an item without a tolerance.
		overProductionPct: item.overProductionPct ? str(item.overProductionPct) : ''
	};
}

export function readItemForm(form: FormData): ItemFormValues {
	return {
		itemId: text(form, 'itemId'),
		name: text(form, 'name'),
		kind: text(form, 'kind'),
		uom: text(form, 'uom'),
		unitCost: text(form, 'unitCost'),
		listPrice: text(form, 'listPrice'),
		makeOrBuy: text(form, 'makeOrBuy'),
		leadTimeDays: text(form, 'leadTimeDays'),
		safetyStock: text(form, 'safetyStock'),
		lotSizing: {
			rule: text(form, 'lotSizing.rule'),
			qty: text(form, 'lotSizing.qty'),
			periods: text(form, 'lotSizing.periods'),
			min: text(form, 'lotSizing.min'),
			multiple: text(form, 'lotSizing.multiple')
		},
		category: text(form, 'category'),
		backflush: text(form, 'backflush'),
		// A checkbox is sent only when ticked: unticked is a definite "no", not "not given".
		allowNegativeStock: form.has('allowNegativeStock'),
		overProductionPct: text(form, 'overProductionPct')
	};
}

/** The saveItem input. Required fields are passed even when empty, so the schema names them. */
export function itemInput(v: ItemFormValues): Record<string, unknown> {
	const lot = v.lotSizing;
	const lotSizing = lot.rule
		? compact({
				rule: lot.rule,
				// The quantity belongs to FOQ and the periods to POQ; a value left in a field of another rule is dropped.
				qty: lot.rule === 'FOQ' ? num(lot.qty) : undefined,
				periods: lot.rule === 'POQ' ? num(lot.periods) : undefined,
				min: num(lot.min),
				multiple: num(lot.multiple)
			})
		: undefined;
	return compact({
		itemId: v.itemId,
		name: v.name,
		kind: optional(v.kind),
		uom: v.uom,
		unitCost: num(v.unitCost),
		listPrice: num(v.listPrice),
		makeOrBuy: optional(v.makeOrBuy),
		leadTimeDays: num(v.leadTimeDays),
		safetyStock: num(v.safetyStock),
		lotSizing,
		category: optional(v.category),
		backflush: optional(v.backflush),
		allowNegativeStock: v.allowNegativeStock,
		overProductionPct: num(v.overProductionPct)
	});
}

/** Paths the item form shows a field for. */
export const ITEM_FIELD_PATHS = new Set([
	'itemId',
	'name',
	'kind',
	'uom',
	'unitCost',
	'listPrice',
	'makeOrBuy',
	'leadTimeDays',
	'safetyStock',
	'lotSizing.rule',
	'lotSizing.qty',
	'lotSizing.periods',
	'lotSizing.min',
	'lotSizing.multiple',
	'category',
	'backflush',
	'allowNegativeStock',
	'overProductionPct'
]);
