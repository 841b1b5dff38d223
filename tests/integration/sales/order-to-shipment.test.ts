import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { getSalesOrder } from '../../../server/sales/queries.ts';
import { stockOf } from '../../../server/inventory/queries.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:wang.sales', roles: ['sales'] };
const warehouse: Actor = { kind: 'user', id: 'w', name: 'user:zhao.wh', roles: ['warehouse'] };
const TODAY = '2026-11-25';

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveCustomer, { customerId: 'C-SH', name: '上海客户' }, admin);
	await execute(t.rt, saveItem, { itemId: 'BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 }, admin);
	await execute(t.rt, saveItem, { itemId: 'HELMET', name: 'Helmet', kind: 'product', uom: 'pcs', unitCost: 20, makeOrBuy: 'buy', leadTimeDays: 5, allowNegativeStock: true }, admin);
});
afterAll(async () => t?.close());

async function fails(p: Promise<unknown>): Promise<{ status: number; path: string; code?: string }> {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path ?? '', code: issue?.code };
}

const order = () => getSalesOrder(t.rt.db, 'SO-100', TODAY);

describe(`sales order to shipment (${backendLabel})`, () => {
	it('enters an order with known customer and items only', async () => {
		expect(await fails(execute(t.rt, createSalesOrder, { orderId: 'SO-X', customerId: 'C-NONE', allowPastDates: true, lines: [{ lineId: '1', itemId: 'BIKE', qty: 1, requestedDate: '2026-12-01' }] }, sales))).toMatchObject({ status: 409, path: 'customerId' });
		expect(await fails(execute(t.rt, createSalesOrder, { orderId: 'SO-X', customerId: 'C-SH', allowPastDates: true, lines: [{ lineId: '1', itemId: 'BIKE', qty: 1, requestedDate: '2026-12-01' }, { lineId: '2', itemId: 'NOPE', qty: 1, requestedDate: '2026-12-01' }] }, sales))).toMatchObject({ status: 409, path: 'lines.1.itemId' });
		// Dates of the test's past (the order has a late line): confirmed, as a user would.
		await execute(t.rt, createSalesOrder, {
			orderId: 'SO-100',
			customerId: 'C-SH',
			allowPastDates: true,
			lines: [
				{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: '2026-12-01', priority: 2 },
				{ lineId: '20', itemId: 'HELMET', qty: 5, requestedDate: '2026-11-20' }
			]
		}, sales);
		expect(await fails(execute(t.rt, createSalesOrder, { orderId: 'SO-100', customerId: 'C-SH', allowPastDates: true, lines: [{ lineId: '1', itemId: 'BIKE', qty: 1, requestedDate: '2026-12-01' }] }, sales))).toMatchObject({ status: 409, path: 'orderId', code: 'ERR_SO_EXISTS' });
		const o = await order();
		expect(o?.lines.map((l) => [l.lineId, l.status])).toEqual([['10', 'open'], ['20', 'late']]);
	});

	it('changes a line only with an active reason, and promises a date', async () => {
		expect(await fails(execute(t.rt, changeSalesOrder, { orderId: 'SO-100', reasonCode: 'BECAUSE', lines: [{ lineId: '10', qty: 6 }] }, sales))).toMatchObject({ path: 'reasonCode', code: 'ERR_UNKNOWN_REASON' });
		expect(await fails(execute(t.rt, changeSalesOrder, { orderId: 'SO-100', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '99', qty: 6 }] }, sales))).toMatchObject({ path: 'lines.0.lineId' });
		await execute(t.rt, changeSalesOrder, { orderId: 'SO-100', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '10', qty: 6, requestedDate: '2026-12-05' }], allowPastDates: true }, sales);
		await execute(t.rt, promiseSalesOrder, { orderId: 'SO-100', lines: [{ lineId: '10', promisedDate: '2026-12-04' }] }, sales);
		const line = (await order())!.lines[0];
		expect(line).toMatchObject({ qty: 6, requestedDate: '2026-12-05', promisedDate: '2026-12-04', priority: 2, status: 'promised' });
	});

	it('ships only what is open and on hand, and moves stock at moving average cost', async () => {
		expect(await fails(execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '10', qty: 2 }, warehouse))).toMatchObject({ path: 'qty', code: 'ERR_STOCK_NEGATIVE' });
		await execute(t.rt, adjustStock, { itemId: 'BIKE', locationId: 'MAIN', qty: 4, unitCost: 100, reasonCode: 'OPENING' }, warehouse);
		await execute(t.rt, adjustStock, { itemId: 'BIKE', locationId: 'MAIN', qty: 4, unitCost: 130, reasonCode: 'COUNT' }, warehouse);
		expect((await stockOf(t.rt.db, 'BIKE'))[0]).toMatchObject({ onHand: 8, value: 920, averageCost: 115 });

		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '10', qty: 2 }, warehouse);
		expect((await order())!.lines[0]).toMatchObject({ shippedQty: 2, status: 'partially_shipped', progress: 33 });
		expect((await stockOf(t.rt.db, 'BIKE'))[0]).toMatchObject({ onHand: 6, value: 690, averageCost: 115 });

		expect(await fails(execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '10', qty: 5 }, warehouse))).toMatchObject({ path: 'qty', code: 'ERR_SO_OVER_SHIPMENT' });
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '10', qty: 4 }, warehouse);
		expect((await order())!.lines[0]).toMatchObject({ shippedQty: 6, status: 'shipped', progress: 100 });
		expect(await fails(execute(t.rt, changeSalesOrder, { orderId: 'SO-100', reasonCode: 'CAPACITY', lines: [{ lineId: '10', qty: 5 }] }, sales))).toMatchObject({ path: 'lines.0.qty', code: 'ERR_SO_QTY_BELOW_SHIPPED' });
	});

	it('lets an item that allows it go below zero', async () => {
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '20', qty: 2 }, warehouse);
		expect((await stockOf(t.rt.db, 'HELMET'))[0]).toMatchObject({ onHand: -2 });
	});

	it('cancels the open rest of an order with a reason, and refuses shipped or cancelled lines', async () => {
		expect(await fails(execute(t.rt, cancelSalesOrder, { orderId: 'SO-100', reasonCode: 'DUPLICATE', lineIds: ['10'] }, sales))).toMatchObject({ path: 'lineIds.0', code: 'ERR_SO_LINE_SHIPPED' });
		await execute(t.rt, cancelSalesOrder, { orderId: 'SO-100', reasonCode: 'CUSTOMER_CANCELLED', lineIds: ['20'] }, sales);
		const line = (await order())!.lines[1];
		expect(line).toMatchObject({ status: 'cancelled', cancelReason: 'CUSTOMER_CANCELLED', shippedQty: 2 });
		expect(await fails(execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '20', qty: 1 }, warehouse))).toMatchObject({ code: 'ERR_SO_LINE_CANCELLED' });
	});

	it('keeps every step in the order history with its actor', async () => {
		const h = (await order())!.history;
		expect(h.map((e) => [e.type, e.actor]).reverse()).toEqual([
			['sales_order.created', 'user:wang.sales'],
			['sales_order.changed', 'user:wang.sales'],
			['sales_order.promised', 'user:wang.sales'],
			['shipment.shipped', 'user:zhao.wh'],
			['shipment.shipped', 'user:zhao.wh'],
			['shipment.shipped', 'user:zhao.wh'],
			['sales_order.cancelled', 'user:wang.sales']
		]);
	});

	it('refuses roles that may not ship or sell', async () => {
		expect((await fails(execute(t.rt, shipSalesOrderLine, { orderId: 'SO-100', lineId: '10', qty: 1 }, { ...sales, roles: ['quality'] }))).status).toBe(403);
		expect((await fails(execute(t.rt, createSalesOrder, { orderId: 'SO-Q', customerId: 'C-SH', allowPastDates: true, lines: [{ lineId: '1', itemId: 'BIKE', qty: 1, requestedDate: '2026-12-01' }] }, warehouse))).status).toBe(403);
	});
});
