import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, cancelSalesOrder } from '../../../server/sales/commands.ts';
import { adjustStock, issueStock, transferStock } from '../../../server/inventory/commands.ts';
import { placePurchaseOrder, receiveGoods } from '../../../server/purchasing/commands.ts';
import { createProductionOrder } from '../../../server/production/commands.ts';
import { availability, stockOf } from '../../../server/inventory/queries.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const wh: Actor = { kind: 'user', id: 'w', name: 'user:wh', roles: ['warehouse'] };

async function fails(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path, code: issue?.code };
}

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveItem, { itemId: 'INV-A', name: 'A', kind: 'product', uom: 'pcs', unitCost: 10, makeOrBuy: 'make', leadTimeDays: 1 }, admin);
	await execute(t.rt, saveItem, { itemId: 'INV-M', name: 'M', kind: 'material', uom: 'kg', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 1 }, admin);
	await execute(t.rt, saveCustomer, { customerId: 'INV-C', name: 'C' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'INV-S', name: 'S' }, admin);
});
afterAll(async () => t?.close());

describe(`stock movements and availability (${backendLabel})`, () => {
	it('transfers between locations at the average cost, never below zero', async () => {
		await execute(t.rt, adjustStock, { itemId: 'INV-A', locationId: 'MAIN', qty: 10, unitCost: 12, reasonCode: 'OPENING' }, wh);
		expect(await fails(execute(t.rt, transferStock, { itemId: 'INV-A', fromLocationId: 'MAIN', toLocationId: 'SHOP', qty: 11 }, wh))).toMatchObject({ code: 'ERR_STOCK_NEGATIVE' });
		await execute(t.rt, transferStock, { itemId: 'INV-A', fromLocationId: 'MAIN', toLocationId: 'SHOP', qty: 4 }, wh);
		const rows = Object.fromEntries((await stockOf(t.rt.db, 'INV-A')).map((s) => [s.locationId, [s.onHand, s.value]]));
		expect(rows).toEqual({ MAIN: [6, 72], SHOP: [4, 48] });
		expect(await fails(execute(t.rt, transferStock, { itemId: 'INV-A', fromLocationId: 'MAIN', toLocationId: 'MAIN', qty: 1 }, wh))).toMatchObject({ status: 400, path: 'toLocationId' });
	});

	it('never lets goods out of QC or REJECTED except by inspection', async () => {
		await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: 'INV-PO', supplierId: 'INV-S', lines: [{ lineId: '1', itemId: 'INV-M', qty: 50, unitPrice: 2, expectedDate: '2026-12-01' }] }, admin);
		await execute(t.rt, receiveGoods, { poId: 'INV-PO', lineId: '1', qty: 50 }, wh);
		expect(await fails(execute(t.rt, transferStock, { itemId: 'INV-M', fromLocationId: 'QC', toLocationId: 'MAIN', qty: 5 }, wh))).toMatchObject({ code: 'ERR_LOCATION_CONTROLLED', path: 'fromLocationId' });
		expect(await fails(execute(t.rt, transferStock, { itemId: 'INV-M', fromLocationId: 'MAIN', toLocationId: 'REJECTED', qty: 1 }, wh))).toMatchObject({ code: 'ERR_LOCATION_CONTROLLED' });
		expect((await availability(t.rt.db, 'INV-M'))).toMatchObject({ onHand: 0, inInspection: 50, available: 0 });
	});

	it('counts open sales demand as allocated, and frees it when lines are cancelled', async () => {
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'INV-SO', customerId: 'INV-C', lines: [{ lineId: '1', itemId: 'INV-A', qty: 7, requestedDate: '2026-12-01' }, { lineId: '2', itemId: 'INV-A', qty: 2, requestedDate: '2026-12-02' }] }, admin);
		expect(await availability(t.rt.db, 'INV-A')).toMatchObject({ onHand: 10, allocated: 9, available: 1 });
		await execute(t.rt, cancelSalesOrder, { orderId: 'INV-SO', reasonCode: 'DUPLICATE', lineIds: ['2'] }, admin);
		expect(await availability(t.rt.db, 'INV-A')).toMatchObject({ allocated: 7, available: 3 });
	});

	it('issues components to an open production order only', async () => {
		await execute(t.rt, adjustStock, { itemId: 'INV-M', locationId: 'MAIN', qty: 20, unitCost: 2, reasonCode: 'COUNT' }, wh);
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'INV-MO', itemId: 'INV-A', qty: 2, dueDate: '2026-12-01' }, admin);
		expect(await fails(execute(t.rt, issueStock, { itemId: 'INV-M', locationId: 'MAIN', qty: 5, productionOrderId: 'NOPE' }, wh))).toMatchObject({ path: 'productionOrderId' });
		await execute(t.rt, issueStock, { itemId: 'INV-M', locationId: 'MAIN', qty: 5, productionOrderId: 'INV-MO' }, wh);
		expect((await stockOf(t.rt.db, 'INV-M')).find((s) => s.locationId === 'MAIN')?.onHand).toBe(15);
	});
});
