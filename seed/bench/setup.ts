// The factory as the events that set it up: master data (customers, suppliers, items, work centres,
// BOMs, routings, supplier terms), opening stock, and the open documents of day 0 (sales orders,
// purchase orders, production orders, released when they have started). In an order the event log
// accepts batch by batch: what an event names comes before it. Nothing here is timed by a benchmark.
import { chooseRule, DEFAULT_APPROVAL_RULES } from '../../server/purchasing/approval.ts';
import type { GeneratedFactory, GeneratedItem } from './factory.ts';
import { addDaysIso, dayStartMs, iso, SOURCE, type BenchEvent } from './events.ts';
import { Rng } from './random.ts';

export type SetupPart = 'customers' | 'suppliers' | 'items' | 'workCenters' | 'boms' | 'routings' | 'supplierItems' | 'stock' | 'documents';

export interface SetupOptions {
	/** The factory date of day offset 0 (ISO): documents' dates count from it, and the setup happens the evening before. */
	today: string;
	/** What to write; absent: everything. */
	parts?: readonly SetupPart[];
	/** Added to every product's opening stock, so the history's shipments find goods. */
	stockBuffer?: number;
	/** Items (and their stock) of the products alone: for data sets whose events name nothing else. */
	productsOnly?: boolean;
	actor?: string;
}

export const ALL_PARTS: readonly SetupPart[] = ['customers', 'suppliers', 'items', 'workCenters', 'boms', 'routings', 'supplierItems', 'stock', 'documents'];

/** The opening stock of an item at MAIN: the factory's on-hand figure, and the buffer for products. */
export function openingStock(item: GeneratedItem, stockBuffer = 0): number {
	return item.onHand + (item.kind === 'product' ? stockBuffer : 0);
}

/** The item's master data as item.upserted carries it. */
export function itemData(item: GeneratedItem, change?: { unitCost: number; leadTimeDays: number }): Record<string, unknown> {
	return {
		itemId: item.id,
		name: item.name,
		kind: item.kind,
		uom: 'pcs',
		unitCost: change?.unitCost ?? item.unitCost,
		makeOrBuy: item.makeOrBuy,
		leadTimeDays: change?.leadTimeDays ?? item.leadTimeDays,
		...(item.safetyStock > 0 ? { safetyStock: item.safetyStock } : {}),
		lotSizing: item.lotSizing
	};
}

/** The approval rule of the installation's defaults that decides a requisition of this amount. */
export function approvalOf(amount: number): { ruleId: string | null; steps: { role: string }[]; autoApproved: boolean } {
	const rule = chooseRule(DEFAULT_APPROVAL_RULES, { amount, category: null, supplierId: null, requesterRole: 'planner' });
	return { ruleId: rule?.ruleId ?? null, steps: rule?.steps ?? [], autoApproved: (rule?.steps.length ?? 0) === 0 };
}

export function setupEvents(f: GeneratedFactory, opts: SetupOptions): BenchEvent[] {
	const parts = new Set(opts.parts ?? ALL_PARTS);
	const rng = new Rng(f.seed ^ 0x27d4eb2f);
	let at = dayStartMs(opts.today) - 6 * 3_600_000;
	const out: BenchEvent[] = [];
	const add = (type: string, data: Record<string, unknown>) => {
		out.push({ id: rng.uuid(), type, occurredAt: iso(at++), source: SOURCE, ...(opts.actor ? { actor: opts.actor } : {}), data });
	};
	const date = (offset: number) => addDaysIso(opts.today, offset);
	const items = opts.productsOnly ? f.items.filter((i) => i.kind === 'product') : f.items;

	if (parts.has('customers')) for (const [i, customerId] of f.customers.entries()) add('customer.upserted', { customerId, name: `Customer ${i + 1}` });
	if (parts.has('suppliers')) for (const [i, supplierId] of f.suppliers.entries()) add('supplier.upserted', { supplierId, name: `Supplier ${i + 1}` });
	if (parts.has('items')) for (const item of items) add('item.upserted', itemData(item));
	if (parts.has('workCenters')) {
		for (const wc of f.workCenters) add('work_center.upserted', { workCenterId: wc.id, name: wc.name, calendar: { shifts: wc.shifts, workdays: wc.workdays, holidays: [] } });
	}
	if (parts.has('boms')) {
		const lines = new Map<string, { childItemId: string; qtyPer: number; scrapPct?: number }[]>();
		for (const l of f.bom) {
			const list = lines.get(l.parent) ?? [];
			list.push({ childItemId: l.child, qtyPer: l.qty, ...(l.scrapPct ? { scrapPct: l.scrapPct } : {}) });
			lines.set(l.parent, list);
		}
		for (const [parentItemId, list] of lines) add('bom.replaced', { parentItemId, lines: list });
	}
	if (parts.has('routings')) for (const [itemId, operations] of f.routings) add('routing.replaced', { itemId, operations });
	if (parts.has('supplierItems')) for (const s of f.supplierItems) add('supplier_item.upserted', { ...s });
	if (parts.has('stock')) {
		for (const item of items) {
			const qty = openingStock(item, opts.stockBuffer);
			if (qty > 0) add('stock.adjusted', { itemId: item.id, locationId: 'MAIN', qty, unitCost: item.unitCost, reasonCode: 'OPENING' });
		}
	}
	if (parts.has('documents')) {
		for (const so of f.salesOrders) {
			add('sales_order.created', {
				orderId: so.orderId,
				customerId: so.customerId,
				lines: so.lines.map((l) => ({ lineId: l.lineId, itemId: l.itemId, qty: l.qty, requestedDate: date(l.dayOffset) }))
			});
		}
		const cost = new Map(f.items.map((i) => [i.id, i.unitCost]));
		for (const po of f.purchaseOrders) {
			add('purchase_order.placed', {
				poId: po.poId,
				supplierId: po.supplierId,
				lines: po.lines.map((l) => ({ lineId: l.lineId, itemId: l.itemId, qty: l.qty, unitPrice: cost.get(l.itemId)!, expectedDate: date(l.dayOffset) }))
			});
		}
		for (const mo of f.productionOrders) {
			add('production_order.created', { productionOrderId: mo.productionOrderId, itemId: mo.itemId, qty: mo.qty, dueDate: date(mo.dueOffset), operations: f.routings.get(mo.itemId) ?? [] });
		}
		// Orders whose start has come are on the shop floor.
		for (const mo of f.productionOrders) if (mo.startOffset <= 0) add('production_order.released', { productionOrderId: mo.productionOrderId });
	}
	return out;
}
