// Event builders for tests: valid events of the fixed types with fresh ids; override what matters.
import { randomUUID } from 'node:crypto';
import type { Catalogue } from '../../server/events/catalogue.ts';
import type { ValidEvent } from '../../server/events/envelope.ts';
import { validateBatch } from '../../server/events/validate.ts';

export interface RawEvent {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	actor?: string;
	data: Record<string, unknown>;
}

let clock = Date.parse('2026-11-20T08:00:00+08:00');
const nextTime = () => new Date((clock += 1000)).toISOString();

function event(type: string, data: Record<string, unknown>, over: Partial<RawEvent> = {}): RawEvent {
	return { id: randomUUID(), type, occurredAt: nextTime(), source: 'test', data, ...over };
}

export const ev = {
	item: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('item.upserted', {
			itemId: 'ITEM-' + randomUUID().slice(0, 8),
			name: '自行车 Bike',
			kind: 'product',
			uom: 'pcs',
			unitCost: 120.5,
			makeOrBuy: 'make',
			leadTimeDays: 3,
			...data
		}, over),
	customer: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('customer.upserted', { customerId: 'C-' + randomUUID().slice(0, 8), name: '华东客户', ...data }, over),
	supplier: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('supplier.upserted', { supplierId: 'S-' + randomUUID().slice(0, 8), name: '宁波供应商', ...data }, over),
	salesOrder: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('sales_order.created', {
			orderId: 'SO-' + randomUUID().slice(0, 8),
			customerId: 'C-1',
			lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-01', priority: 3 }],
			...data
		}, over),
	shipment: (data: Record<string, unknown>, over?: Partial<RawEvent>) =>
		event('shipment.shipped', { orderId: 'SO-1', lineId: '10', qty: 1, ...data }, over),
	purchaseOrder: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('purchase_order.placed', {
			poId: 'PO-' + randomUUID().slice(0, 8),
			supplierId: 'S-1',
			lines: [{ lineId: '1', itemId: 'MAT-1', qty: 100, unitPrice: 2.5, expectedDate: '2026-12-05' }],
			...data
		}, over),
	receipt: (data: Record<string, unknown>, over?: Partial<RawEvent>) =>
		event('goods.received', { poId: 'PO-1', lineId: '1', qty: 10, ...data }, over),
	production: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('production.reported', { productionOrderId: 'MO-1', workCenterId: 'WC-1', goodQty: 8, scrapQty: 1, ...data }, over),
	extension: (data: Record<string, unknown> = {}, over?: Partial<RawEvent>) =>
		event('x.mes.machine_reading', { machine: 'CNC-3', spindleRpm: 12000, ...data }, over)
};

/**
 * The master data the builders' default ids name (customer C-1, supplier S-1, items ITEM-1 and MAT-1,
 * and a few more that tests use): ingest rules refuse orders for unknown customers, suppliers and
 * items, so a test that sends orders sends these first. Stock may go negative for these items, so
 * projection tests can ship and issue without setting stock up first.
 */
export function baseMasterData(items: string[] = [], customers: string[] = [], suppliers: string[] = []): RawEvent[] {
	const at = { occurredAt: '2026-01-01T00:00:00Z' };
	return [
		...['ITEM-1', 'P-1', 'P', 'P-BIKE', ...items].map((itemId) => ev.item({ itemId, allowNegativeStock: true }, at)),
		...['MAT-1', 'M-1'].map((itemId) => ev.item({ itemId, kind: 'material', makeOrBuy: 'buy', allowNegativeStock: true }, at)),
		...['C-1', ...customers].map((customerId) => ev.customer({ customerId }, at)),
		...['S-1', 'S-OOO', ...suppliers].map((supplierId) => ev.supplier({ supplierId }, at))
	];
}

/** A realistic mix of the fixed types (the benchmark uses the same shapes). */
export function mixedBatch(n: number): RawEvent[] {
	const out: RawEvent[] = [];
	const makers = [ev.item, ev.customer, ev.supplier, ev.salesOrder, ev.purchaseOrder, ev.production];
	for (let i = 0; i < n; i++) out.push(makers[i % makers.length]());
	return out;
}

/** Stores baseMasterData (and the extra ids) the way ingest does. */
export async function appendMasterData(
	rt: { catalogue: Catalogue; append(events: ValidEvent[]): Promise<unknown> },
	...extra: Parameters<typeof baseMasterData>
): Promise<void> {
	const v = validateBatch(rt.catalogue, { events: baseMasterData(...extra) });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await rt.append(v.events);
}
