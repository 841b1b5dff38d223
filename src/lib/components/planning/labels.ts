// How the workbench names and links the things a plan talks about: sales order lines, planned,
// production and purchase orders, requisitions, stock; lot-sizing rules in words.
import type { MessageKey } from '$lib/i18n';
import type { Translate } from '../issues.ts';
import type { LotSizingRule } from '$server/planning/workbench.queries.ts';

const REF_KEYS: Record<string, MessageKey> = {
	sales_order_line: 'plan.ref.sales_order_line',
	planned_order: 'plan.ref.planned_order',
	production_order: 'plan.ref.production_order',
	purchase_order: 'plan.ref.purchase_order',
	requisition: 'plan.ref.requisition',
	inspection: 'plan.ref.inspection',
	stock: 'plan.ref.stock',
	on_hand: 'plan.ref.on_hand',
	safety_stock: 'plan.ref.safety_stock',
	forecast: 'plan.ref.forecast'
};

export const refKindLabel = (t: Translate, kind: string): string => (REF_KEYS[kind] ? t(REF_KEYS[kind]) : kind);

const enc = encodeURIComponent;

/** The page of the record a node names; null for what has no page of its own. */
export function refHref(kind: string, id: string, lineId = '', itemId: string | null = null): string | null {
	switch (kind) {
		case 'sales_order_line':
			return `/sales/${enc(id)}`;
		case 'production_order':
			return `/production/orders/${enc(id)}`;
		case 'purchase_order':
			return `/purchasing/orders/${enc(id)}${lineId ? `#line-${enc(lineId)}` : ''}`;
		case 'requisition':
			return `/purchasing/requisitions/${enc(id)}`;
		case 'planned_order':
			return itemId ? planningHref(itemId) : null;
		case 'inspection':
			return lineId ? `/purchasing/orders/${enc(id)}#line-${enc(lineId)}` : itemId ? `/inventory/${enc(itemId)}` : null;
		case 'stock':
		case 'on_hand':
			return itemId ? `/inventory/${enc(itemId)}` : null;
		default:
			return null;
	}
}

/** The workbench with one item's record open. */
export const planningHref = (itemId: string, extra: Record<string, string> = {}) => `/planning?${new URLSearchParams({ item: itemId, ...extra })}`;

/** The pegging tree of a demand or supply. */
export function peggingHref(kind: string, id: string, lineId = ''): string {
	const p = new URLSearchParams({ kind, id });
	if (lineId) p.set('line', lineId);
	return `/planning/pegging?${p}`;
}

export const whatIfHref = (orderId: string, lineId: string) => `/planning/what-if?${new URLSearchParams({ order: orderId, line: lineId })}`;

/** A node's reference as people write it: "SO-1 / 10", "PO-7 / 2", "MO-3". */
export const refText = (id: string, lineId = '') => (lineId ? `${id} / ${lineId}` : id);

export function lotSizingText(t: Translate, lot: LotSizingRule | null, num: (n: number) => string): string {
	if (!lot) return t('plan.lot.LFL');
	const base = lot.rule === 'FOQ' ? t('plan.lot.FOQ', { qty: num(lot.qty ?? 0) }) : lot.rule === 'POQ' ? t('plan.lot.POQ', { periods: lot.periods ?? 1 }) : t('plan.lot.LFL');
	const extra = [lot.min ? t('plan.lot.min', { n: num(lot.min) }) : '', lot.multiple ? t('plan.lot.multiple', { n: num(lot.multiple) }) : ''].filter(Boolean);
	return extra.length ? `${base} · ${extra.join(' · ')}` : base;
}
