import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { createRuntime } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { execute, type Actor } from '../../server/commands/command.ts';
import { saveItem, saveSupplier } from '../../server/masterdata/commands.ts';
import { placePurchaseOrder, receiveGoods } from '../../server/purchasing/commands.ts';
import { adjustStock } from '../../server/inventory/commands.ts';
import { insertUser } from '../../server/auth/users.ts';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };

beforeAll(async () => {
	database = await freshDatabase();
	// The factory before the browser arrives: steel on hand in MAIN and a receipt waiting in QC.
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn') });
	await insertUser(rt.db, { username: 'wang.wh', displayName: '王仓管', password: 'warehouse-pass-1', roles: ['warehouse'] });
	await insertUser(rt.db, { username: 'zhao.viewer', displayName: '赵只读', password: 'viewer-pass-1', roles: ['viewer'] });
	await execute(rt, saveItem, { itemId: 'E2E-STEEL', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3, safetyStock: 10 }, admin);
	await execute(rt, saveItem, { itemId: 'E2E-BOLT', name: 'Bolt', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 3 }, admin);
	await execute(rt, saveSupplier, { supplierId: 'E2E-S', name: 'Supplier' }, admin);
	await execute(rt, adjustStock, { itemId: 'E2E-STEEL', locationId: 'MAIN', qty: 50, unitCost: 2, reasonCode: 'OPENING' }, admin);
	await execute(rt, placePurchaseOrder, { allowPastDates: true, poId: 'E2E-PO', supplierId: 'E2E-S', lines: [{ lineId: '1', itemId: 'E2E-STEEL', qty: 20, unitPrice: 2, expectedDate: '2026-12-01' }] }, admin);
	await execute(rt, receiveGoods, { poId: 'E2E-PO', lineId: '1', qty: 20 }, admin);
	await rt.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(username: string, password: string, next = '/inventory'): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	return page;
}

const steelRow = (page: Page) => page.locator('[data-testid=stock-row][data-item-id=E2E-STEEL]');
const locationQty = (page: Page, location: string) =>
	page.locator(`[data-testid=stock-location][data-location=${location}] [data-testid=location-on-hand]`).textContent();

describe('inventory in Chromium', () => {
	it('lets a warehouse user adjust stock with a reason, and refuses a transfer out of QC on its field', async () => {
		const page = await signIn('wang.wh', 'warehouse-pass-1');
		expect(await steelRow(page).getByTestId('stock-on-hand').textContent()).toContain('50');
		expect(await steelRow(page).locator('[data-location=QC]').textContent()).toContain('20');

		await page.goto(`${server.url}/inventory/E2E-STEEL`);
		await hydrated(page);
		const adjust = page.getByTestId('adjust-form');
		await adjust.locator('[name=locationId]').fill('MAIN');
		await adjust.locator('[name=qty]').fill('-3');
		await adjust.locator('[name=reasonCode]').selectOption('DAMAGE');
		await adjust.locator('[name=note]').fill('dropped by the forklift');
		await adjust.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('summary-on-hand').textContent()).toContain('47');

		const newest = page.getByTestId('movement').first();
		expect(await newest.getAttribute('data-kind')).toBe('adjustment');
		expect(await newest.getByTestId('movement-reason').textContent()).toBe('损坏');
		expect(await newest.textContent()).toContain('dropped by the forklift');
		expect(await newest.getByTestId('movement-actor').textContent()).toBe('王仓管');
		expect(await page.getByTestId('movement').count()).toBe(3);

		await page.goto(`${server.url}/inventory?q=steel`);
		expect(await steelRow(page).getByTestId('stock-on-hand').textContent()).toContain('47');

		// goods in QC leave only through an inspection: the error sits under "from", nothing moves
		await page.goto(`${server.url}/inventory/E2E-STEEL`);
		await hydrated(page);
		const transfer = page.getByTestId('transfer-form');
		await transfer.locator('[name=fromLocationId]').fill('QC');
		await transfer.locator('[name=toLocationId]').fill('MAIN');
		await transfer.locator('[name=qty]').fill('5');
		await transfer.locator('button[type=submit]').click();
		await expect.poll(() => transfer.locator('.field-error[data-path=fromLocationId]').textContent()).toContain('检验');
		expect(await transfer.locator('[name=fromLocationId]').getAttribute('aria-invalid')).toBe('true');
		expect(await transfer.locator('[name=qty]').inputValue()).toBe('5');

		await page.reload();
		await hydrated(page);
		expect(await locationQty(page, 'QC')).toBe('20');
		expect(await locationQty(page, 'MAIN')).toBe('47');
		expect(await page.getByTestId('movement').count()).toBe(3);
		await page.close();
	});

	it('shows a viewer the stock and its movements without any form, and answers the stock API', async () => {
		const page = await signIn('zhao.viewer', 'viewer-pass-1');
		expect(await steelRow(page).count()).toBe(1);
		await page.goto(`${server.url}/inventory?withStock=true`);
		expect(await page.locator('[data-testid=stock-row][data-item-id=E2E-BOLT]').count()).toBe(0);

		await page.goto(`${server.url}/inventory/E2E-STEEL`);
		await hydrated(page);
		expect(await page.getByTestId('stock-read-only').count()).toBe(1);
		for (const form of ['adjust-form', 'transfer-form', 'stock-issue-form']) expect(await page.getByTestId(form).count()).toBe(0);
		expect(await page.getByTestId('movement').count()).toBe(3);

		const api = await page.request.get(`${server.url}/api/stock?location=QC`);
		expect(api.status()).toBe(200);
		expect(await api.json()).toMatchObject({ total: 1, rows: [{ itemId: 'E2E-STEEL', onHand: 47, inInspection: 20, available: 47 }] });
		const bad = await page.request.get(`${server.url}/api/stock?sort=price`);
		expect(bad.status()).toBe(400);
		expect((await bad.json()).issues[0].path).toBe('sort');

		// a viewer's post is refused by the action as well, not only hidden
		const post = await page.request.post(`${server.url}/inventory/E2E-STEEL?/adjust`, {
			form: { locationId: 'MAIN', qty: '1', reasonCode: 'COUNT' },
			headers: { origin: server.url }
		});
		expect(post.status()).toBe(403);
		await page.close();
	});
});
