import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { adminCommand, signInAs } from '../support/ui.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// A warehouse keeper takes back a shipment and a receipt entered by mistake, from the order's history:
// the correction asks for a reason (refused without one, beside the field), then the line owes the
// quantity again, the entry is marked corrected and the correction stands beside it.

// CORRECTION_SCREENSHOTS=<folder> keeps the open correction form at desk and phone width.
const shots = process.env.CORRECTION_SCREENSHOTS;

const KEEPER = { username: 'zhao.wh', displayName: '赵仓管', password: 'warehouse-pass-1', roles: ['warehouse'] } as const;
const OPERATOR = { username: 'wu.op', displayName: '吴操作', password: 'production-pass-1', roles: ['production'] } as const;

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { ...KEEPER, roles: [...KEEPER.roles] });
	await insertUser(db, { ...OPERATOR, roles: [...OPERATOR.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await command('customer.save', { customerId: 'C-1', name: '上海客户' });
	await command('supplier.save', { supplierId: 'S-1', name: '宁波供应商' });
	await command('item.save', { itemId: 'BIKE', name: '自行车', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 });
	await command('item.save', { itemId: 'BOLT', name: '螺栓', kind: 'material', uom: 'pcs', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3 });
	await command('stock.adjust', { itemId: 'BIKE', locationId: 'MAIN', qty: 40, reasonCode: 'OPENING' });
	await command('sales_order.create', { orderId: 'SO-7', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 10, requestedDate: '2027-03-01' }] });
	await command('shipment.ship', { orderId: 'SO-7', lineId: '10', qty: 8 });
	await command('purchase_order.place', { poId: 'PO-7', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'BOLT', qty: 100, unitPrice: 2, expectedDate: '2027-03-01' }] });
	await command('goods.receive', { poId: 'PO-7', lineId: '1', qty: 60 });
	await command('production_order.create', { productionOrderId: 'MO-7', itemId: 'BIKE', qty: 2, dueDate: '2027-03-01' });
	await command('production_order.release', { productionOrderId: 'MO-7' });
	await command('production.report', { productionOrderId: 'MO-7', goodQty: 5, overProductionReason: 'BATCH_SIZE' });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

const command = (name: string, input: unknown) => adminCommand(server, name, input);
const signIn = (next: string, who: { username: string; password: string } = KEEPER): Promise<Page> => signInAs(browser, server, who, next);

describe('corrections in Chromium', () => {
	it('takes a shipment back from the order history, with a reason', async () => {
		const page = await signIn('/sales/SO-7');
		await expect.poll(() => page.getByTestId('shipped-qty').first().textContent()).toBe('8');
		const correction = page.getByTestId('correction');
		await correction.locator('summary').click();
		// Without a reason: refused beside the field, nothing changes.
		await correction.locator('button[type=submit]').click();
		await expect.poll(() => correction.locator('.field-error').count()).toBe(1);
		expect(await page.getByTestId('shipped-qty').first().textContent()).toBe('8');
		await correction.locator('select[name=reasonCode]').selectOption('WRONG_QTY');
		await correction.locator('input[name=note]').fill('应为 6 件');
		if (shots) {
			await page.setViewportSize({ width: 1366, height: 900 });
			await page.screenshot({ path: `${shots}/correction-desk-zh.png`, fullPage: true });
			await page.setViewportSize({ width: 390, height: 844 });
			await page.screenshot({ path: `${shots}/correction-phone-zh.png`, fullPage: true });
		}
		await correction.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('shipped-qty').first().textContent()).toBe('0');
		await expect.poll(() => page.getByTestId('corrected').count()).toBe(1);
		expect(await page.getByTestId('correction').count()).toBe(0);
		expect(await page.locator('main').textContent()).toContain('应为 6 件');
		await page.close();
	});

	it('takes a receipt back from the purchase order history', async () => {
		const page = await signIn('/purchasing/orders/PO-7');
		const correction = page.getByTestId('correction');
		await correction.locator('summary').click();
		await correction.locator('select[name=reasonCode]').selectOption('DUPLICATE_ENTRY');
		await correction.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('corrected').count()).toBe(1);
		const stock = (await (await fetch(`${server.url}/api/stock/BOLT`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
			locations: { locationId: string; onHand: number }[];
		};
		expect(stock.locations.find((l) => l.locationId === 'QC')?.onHand ?? 0).toBe(0);
		await page.close();
	});

	it('takes an over-report back from the production order history', async () => {
		const good = async () =>
			((await (await fetch(`${server.url}/api/production-orders/MO-7`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { goodQty: number }).goodQty;
		expect(await good()).toBe(5);
		const page = await signIn('/production/orders/MO-7', OPERATOR);
		const correction = page.getByTestId('correction');
		await correction.locator('summary').click();
		await correction.locator('select[name=reasonCode]').selectOption('WRONG_QTY');
		await correction.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('corrected').count()).toBe(1);
		expect(await good()).toBe(0);
		await page.close();
	});

	it('asks before what cannot be undone: completing an order, cancelling lines, disabling a user', async () => {
		await command('user.create', { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] });
		await command('user.create', { username: 'chen.mgr', displayName: '陈经理', password: 'manager-pass-1', roles: ['manager', 'admin'] });
		await command('sales_order.create', { orderId: 'SO-8', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 3, requestedDate: '2027-03-01' }] });
		const asked: string[] = [];
		// Completing MO-7 (2 of 2 after its correction…): a "no" sends nothing, a "yes" completes.
		await command('production.report', { productionOrderId: 'MO-7', goodQty: 2 });
		const op = await signIn('/production/orders/MO-7', OPERATOR);
		op.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
		await op.getByTestId('mo-complete').locator('button[type=submit]').click();
		await expect.poll(() => asked.length).toBe(1);
		expect(await op.getByTestId('mo-status').getAttribute('data-status')).not.toBe('completed');
		op.once('dialog', (d) => void (asked.push(d.message()), d.accept()));
		await op.getByTestId('mo-complete').locator('button[type=submit]').click();
		await expect.poll(() => op.getByTestId('mo-status').getAttribute('data-status')).toBe('completed');
		await op.close();
		// Cancelling a sales line, as a manager.
		const mgr = await signIn('/sales/SO-8', { username: 'chen.mgr', password: 'manager-pass-1' });
		const cancel = mgr.getByTestId('cancel-form');
		await cancel.locator('[data-testid=cancel-line] input').first().check();
		await cancel.locator('select[name=reasonCode]').selectOption('CUSTOMER_CANCELLED');
		mgr.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
		await cancel.locator('button[type=submit]').click();
		await expect.poll(() => asked.length).toBe(3);
		expect(await mgr.getByTestId('cancel-form').count()).toBe(1);
		mgr.once('dialog', (d) => void (asked.push(d.message()), d.accept()));
		await cancel.locator('button[type=submit]').click();
		await expect.poll(() => mgr.locator('main').textContent()).toContain('已取消');
		// Disabling a user, from the list.
		await mgr.goto(`${server.url}/settings/users`);
		await hydrated(mgr);
		const row = mgr.locator('[data-testid=user-row][data-username="li.planner"]');
		mgr.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
		await row.locator('[data-testid=disable-user] button').click();
		await expect.poll(() => asked.length).toBe(5);
		expect(await row.locator('[data-testid=disable-user]').count()).toBe(1);
		mgr.once('dialog', (d) => void (asked.push(d.message()), d.accept()));
		await row.locator('[data-testid=disable-user] button').click();
		await expect.poll(() => row.locator('[data-testid=disable-user]').count()).toBe(0);
		expect(asked[0]).toContain('完工');
		expect(asked[2]).toContain('取消');
		expect(asked[4]).toContain('李计划');
		await mgr.close();
	});
});
