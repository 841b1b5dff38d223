import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { createTrackingLink, openTrackingLink, revokeTrackingLink, trackingAccessLog, trackingLinksOf, trackingView } from '../../../server/sales/tracking.ts';
import { AppError } from '../../../server/errors.ts';

// Customer tracking links: one customer's orders only, nothing internal, every opening logged,
// revocable, and only sales and managers may share.
let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:li.na', roles: ['sales'] };
const buyer: Actor = { kind: 'user', id: 'b', name: 'user:zhang.wei', roles: ['purchasing'] };
const NOW = new Date('2026-12-07T10:00:00+08:00');

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	const rt = t.rt;
	await execute(rt, saveCustomer, { customerId: 'C-A', name: '一汽配套' }, admin);
	await execute(rt, saveCustomer, { customerId: 'C-B', name: '别的客户' }, admin);
	await execute(rt, saveSupplier, { supplierId: 'S-SECRET', name: '秘密铸造厂' }, admin);
	await execute(rt, saveItem, { itemId: 'P-1', name: '刹车卡钳', kind: 'product', uom: 'pcs', unitCost: 321.5, makeOrBuy: 'make', leadTimeDays: 3 }, admin);
	await execute(rt, adjustStock, { itemId: 'P-1', locationId: 'MAIN', qty: 100, reasonCode: 'COUNT' }, admin);
	await execute(rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-A1', customerId: 'C-A', lines: [{ lineId: '10', itemId: 'P-1', qty: 10, requestedDate: '2026-12-20' }, { lineId: '20', itemId: 'P-1', qty: 4, requestedDate: '2026-12-01' }] }, admin);
	await execute(rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-B1', customerId: 'C-B', lines: [{ lineId: '10', itemId: 'P-1', qty: 5, requestedDate: '2026-12-20' }] }, admin);
	await execute(rt, promiseSalesOrder, { orderId: 'SO-A1', lines: [{ lineId: '10', promisedDate: '2026-12-18' }] }, admin);
}, 60_000);
afterAll(async () => t?.close());

describe(`customer order tracking (${backendLabel})`, () => {
	it('a link opens its customer’s orders, with dates, status and progress, and nothing internal', async () => {
		const link = await execute(t.rt, createTrackingLink, { customerId: 'C-A', locale: 'en', label: 'Buyer Wang' }, sales);
		expect(link.path).toBe(`/track/${link.token}`);
		const opened = await openTrackingLink(t.rt.db, link.token);
		expect(opened).toEqual({ linkId: link.linkId, customerId: 'C-A', locale: 'en' });
		const view = await trackingView(t.rt.db, { customerId: 'C-A', now: NOW, timeZone: 'Asia/Shanghai' });
		expect(view).toEqual({
			customerName: '一汽配套',
			today: '2026-12-07',
			orders: [
				{
					orderId: 'SO-A1',
					orderedOn: '2026-12-07',
					lines: [
						{ lineId: '10', itemId: 'P-1', itemName: '刹车卡钳', qty: 10, shippedQty: 0, requestedDate: '2026-12-20', promisedDate: '2026-12-18', status: 'promised', progress: 0, lastShippedAt: null },
						{ lineId: '20', itemId: 'P-1', itemName: '刹车卡钳', qty: 4, shippedQty: 0, requestedDate: '2026-12-01', promisedDate: null, status: 'late', progress: 0, lastShippedAt: null }
					]
				}
			]
		});
		const text = JSON.stringify(view);
		for (const internal of ['SO-B1', '别的客户', 'C-B', '秘密铸造厂', 'S-SECRET', '321.5', 'unitCost', 'risk', 'user:']) expect(text).not.toContain(internal);
	});

	it('logs every opening with where it came from, and counts them on the link', async () => {
		const link = await execute(t.rt, createTrackingLink, { customerId: 'C-A' }, sales);
		await openTrackingLink(t.rt.db, link.token, { at: new Date('2026-12-07T02:00:00Z'), ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone)' });
		await openTrackingLink(t.rt.db, link.token, { at: new Date('2026-12-07T03:00:00Z'), ip: '203.0.113.8', userAgent: null });
		// A refresh of the open page logs nothing.
		await openTrackingLink(t.rt.db, link.token);
		expect(await trackingAccessLog(t.rt.db, link.linkId)).toEqual([
			{ at: '2026-12-07T03:00:00.000Z', ip: '203.0.113.8', userAgent: null },
			{ at: '2026-12-07T02:00:00.000Z', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (iPhone)' }
		]);
		const listed = (await trackingLinksOf(t.rt.db, 'C-A')).find((l) => l.linkId === link.linkId)!;
		expect(listed).toMatchObject({ accessCount: 2, lastAccessAt: '2026-12-07T03:00:00.000Z', locale: 'zh-CN', createdBy: 'user:li.na', revokedAt: null });
	});

	it('a revoked link opens nothing; its events say who shared and who revoked, never the secret', async () => {
		const link = await execute(t.rt, createTrackingLink, { customerId: 'C-A', label: '王经理' }, sales);
		await execute(t.rt, revokeTrackingLink, { linkId: link.linkId }, sales);
		expect(await openTrackingLink(t.rt.db, link.token, { at: NOW, ip: null, userAgent: null })).toBe('revoked');
		expect(await openTrackingLink(t.rt.db, 'no-such-link')).toBeNull();
		await expect(execute(t.rt, revokeTrackingLink, { linkId: link.linkId }, sales)).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
		const events = (await t.rt.db.query<{ type: string; actor: string; data: Record<string, unknown> }>(
			`select type, actor, data from events where type like 'tracking_link.%' and data->>'linkId' = $1 order by seq`,
			[link.linkId]
		)).rows;
		expect(events).toEqual([
			{ type: 'tracking_link.created', actor: 'user:li.na', data: { linkId: link.linkId, customerId: 'C-A', locale: 'zh-CN', label: '王经理' } },
			{ type: 'tracking_link.revoked', actor: 'user:li.na', data: { linkId: link.linkId, customerId: 'C-A' } }
		]);
		expect(JSON.stringify(events)).not.toContain(link.token);
	});

	it('only sales and managers share; an unknown customer is refused on its field', async () => {
		await expect(execute(t.rt, createTrackingLink, { customerId: 'C-A' }, buyer)).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
		const refused = await execute(t.rt, createTrackingLink, { customerId: 'C-NONE' }, sales).catch((e: AppError) => e);
		expect(refused).toBeInstanceOf(AppError);
		expect((refused as AppError).details.issues).toEqual([expect.objectContaining({ path: 'customerId', code: 'ERR_UNKNOWN_CUSTOMER' })]);
		expect(await trackingLinksOf(t.rt.db, 'C-NONE')).toEqual([]);
	});

	it('shipped orders stay on the page for 30 days after their last shipment', async () => {
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-A1', lineId: '20', qty: 4 }, admin);
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-A1', lineId: '10', qty: 10 }, admin);
		const shipped = await trackingView(t.rt.db, { customerId: 'C-A', now: NOW, timeZone: 'Asia/Shanghai' });
		expect(shipped.orders[0].lines.map((l) => [l.status, l.progress])).toEqual([['shipped', 100], ['shipped', 100]]);
		const later = await trackingView(t.rt.db, { customerId: 'C-A', now: new Date('2027-01-20T10:00:00+08:00'), timeZone: 'Asia/Shanghai' });
		expect(later.orders).toEqual([]);
	});
});
