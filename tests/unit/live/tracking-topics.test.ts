import { describe, expect, it } from 'vitest';
import { mayChangeTrackingView, trackingTopic } from '../../../server/live/tracking-topics.ts';

// Which commits make the hub read a tracking view again: its own customer's orders, production and
// stock that may move them, and its own link's revocation; not another customer's orders.
const LINK = '0b8e0c52-6d0a-4c8e-9f8e-2a4c7f1d9e01';
const topic = trackingTopic(LINK);
const scope = { customerId: 'C-A', orderIds: new Set(['SO-A1']) };
const may = (type: string, data: Record<string, unknown>) => mayChangeTrackingView(topic, scope, { type, data });

describe('tracking view: which commits may change it', () => {
	it('its own customer’s orders and shipments do', () => {
		expect(may('shipment.shipped', { orderId: 'SO-A1', lineId: '10', qty: 1 })).toBe(true);
		expect(may('sales_order.promised', { orderId: 'SO-A1', lines: [] })).toBe(true);
		expect(may('sales_order.created', { orderId: 'SO-A2', customerId: 'C-A', lines: [] })).toBe(true);
		expect(may('customer.upserted', { customerId: 'C-A', name: 'x' })).toBe(true);
	});

	it('another customer’s orders and shipments do not', () => {
		expect(may('shipment.shipped', { orderId: 'SO-B1', lineId: '10', qty: 1 })).toBe(false);
		expect(may('sales_order.promised', { orderId: 'SO-B1', lines: [] })).toBe(false);
		expect(may('sales_order.created', { orderId: 'SO-B2', customerId: 'C-B', lines: [] })).toBe(false);
		expect(may('production_order.released', { productionOrderId: 'MO-1', salesOrderId: 'SO-B1' })).toBe(false);
	});

	it('a change to an order it does not show may bring the order back, and unscoped production is read to be sure', () => {
		expect(may('sales_order.changed', { orderId: 'SO-OLD' })).toBe(true);
		expect(may('production.reported', { productionOrderId: 'MO-9', goodQty: 3 })).toBe(true);
		// Not read yet: its customer is not known, so any shipment may be its.
		expect(mayChangeTrackingView(topic, undefined, { type: 'shipment.shipped', data: { orderId: 'SO-B1', lineId: '10', qty: 1 } })).toBe(true);
	});

	it('events that show nowhere on the page do not, and only its own link’s revocation does', () => {
		expect(may('purchase_order.placed', { poId: 'PO-1', supplierId: 'S-1' })).toBe(false);
		expect(may('alert.raised', { alertId: 'x' })).toBe(false);
		expect(may('tracking_link.revoked', { linkId: LINK, customerId: 'C-A' })).toBe(true);
		expect(may('tracking_link.revoked', { linkId: '11111111-2222-4333-8444-555555555555', customerId: 'C-A' })).toBe(false);
	});
});
