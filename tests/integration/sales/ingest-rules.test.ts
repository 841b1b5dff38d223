// Sales rules hold through the ingest API as through the commands: the same code on the same field,
// and nothing of the batch stored. Events for an order not known yet wait for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../../support/backend.ts';
import { event, openIngestRules, type IngestRules } from '../../support/ingest-rules.ts';

let s: IngestRules;
beforeAll(async () => {
	s = await openIngestRules();
	await s.command('item.save', { itemId: 'BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 });
	await s.command('customer.save', { customerId: 'C1', name: 'East China Bikes' });
	await s.command('stock.adjust', { itemId: 'BIKE', locationId: 'MAIN', qty: 5, reasonCode: 'OPENING' });
	const line = (lineId: string, qty: number) => ({ lineId, itemId: 'BIKE', qty, requestedDate: '2026-12-20' });
	await s.command('sales_order.create', { orderId: 'SO-1', customerId: 'C1', lines: [line('10', 10), line('20', 4)] });
	await s.command('sales_order.cancel', { orderId: 'SO-1', lineIds: ['20'], reasonCode: 'CUSTOMER_CANCELLED' });
	await s.command('shipment.ship', { orderId: 'SO-1', lineId: '10', qty: 2 });
});
afterAll(async () => s?.close());

describe(`sales rules through ingest (${backendLabel})`, () => {
	it('refuses orders for an unknown customer or item', async () => {
		const order = (customerId: string, itemId: string) => ({ orderId: 'SO-X', customerId, lines: [{ lineId: '1', itemId, qty: 1, requestedDate: '2026-12-20' }] });
		await s.expectSameRefusal({ command: 'sales_order.create', input: order('NOBODY', 'BIKE'), type: 'sales_order.created', code: 'ERR_UNKNOWN_CUSTOMER', path: 'customerId' });
		await s.expectSameRefusal({ command: 'sales_order.create', input: order('C1', 'NOTHING'), type: 'sales_order.created', code: 'ERR_UNKNOWN_ITEM', path: 'lines.0.itemId' });
	});

	it('refuses shipping more than is open on the line', async () => {
		await s.expectSameRefusal({ command: 'shipment.ship', input: { orderId: 'SO-1', lineId: '10', qty: 9 }, type: 'shipment.shipped', code: 'ERR_SO_OVER_SHIPMENT', path: 'qty' });
	});

	it('refuses a shipment that would take stock below zero', async () => {
		await s.expectSameRefusal({ command: 'shipment.ship', input: { orderId: 'SO-1', lineId: '10', qty: 4 }, type: 'shipment.shipped', code: 'ERR_STOCK_NEGATIVE', path: 'qty' });
	});

	it('refuses shipping a cancelled line or a line the order does not have', async () => {
		await s.expectSameRefusal({ command: 'shipment.ship', input: { orderId: 'SO-1', lineId: '20', qty: 1 }, type: 'shipment.shipped', code: 'ERR_SO_LINE_CANCELLED', path: 'lineId' });
		await s.expectSameRefusal({ command: 'shipment.ship', input: { orderId: 'SO-1', lineId: '99', qty: 1 }, type: 'shipment.shipped', code: 'ERR_SO_UNKNOWN_LINE', path: 'lineId' });
	});

	it('refuses changes below what shipped, of cancelled lines, or with an unknown reason', async () => {
		const change = (lines: unknown[], reasonCode = 'CUSTOMER_REQUEST') => ({ orderId: 'SO-1', reasonCode, lines });
		await s.expectSameRefusal({ command: 'sales_order.change', input: change([{ lineId: '10', qty: 1 }]), type: 'sales_order.changed', code: 'ERR_SO_QTY_BELOW_SHIPPED', path: 'lines.0.qty' });
		await s.expectSameRefusal({ command: 'sales_order.change', input: change([{ lineId: '20', qty: 5 }]), type: 'sales_order.changed', code: 'ERR_SO_LINE_CANCELLED', path: 'lines.0.lineId' });
		await s.expectSameRefusal({ command: 'sales_order.change', input: change([{ lineId: '10', qty: 12 }], 'WHIM'), type: 'sales_order.changed', code: 'ERR_UNKNOWN_REASON', path: 'reasonCode' });
	});

	it('refuses cancelling a line that is cancelled already', async () => {
		const cancel = { orderId: 'SO-1', lineIds: ['20'], reasonCode: 'CUSTOMER_CANCELLED' };
		await s.expectSameRefusal({ command: 'sales_order.cancel', input: cancel, type: 'sales_order.cancelled', code: 'ERR_SO_LINE_CANCELLED', path: 'lineIds.0' });
	});

	it("refuses a customer's price of an unknown customer or item", async () => {
		await s.expectSameRefusal({ command: 'customer_price.save', input: { customerId: 'NOBODY', itemId: 'BIKE', unitPrice: 10 }, type: 'customer_price.upserted', code: 'ERR_UNKNOWN_CUSTOMER', path: 'customerId' });
		await s.expectSameRefusal({ command: 'customer_price.save', input: { customerId: 'C1', itemId: 'NOTHING', unitPrice: 10 }, type: 'customer_price.upserted', code: 'ERR_UNKNOWN_ITEM', path: 'itemId' });
		await s.expectSameRefusal({ command: 'customer_price.remove', input: { customerId: 'C1', itemId: 'NOTHING' }, type: 'customer_price.removed', code: 'ERR_UNKNOWN_ITEM', path: 'itemId' });
	});

	it('keeps a shipment for an order not known yet: it waits for its order', async () => {
		expect((await s.post([event('shipment.shipped', { orderId: 'SO-LATER', lineId: '1', qty: 1 })])).status).toBe(200);
	});
});
