// One way to say "saved", show dates and reasons, and word refusals, in both languages: saving a sales
// order, a stock adjustment and a new user each ends on the page of what was saved with a polite
// "已保存 · …"/"Saved · …" that leaves again; with scripts off too. Stock movements name the reasons of a
// rejection and of an adjustment by their labels (the code in the tooltip), histories show one date
// format, and letters typed into a quantity come back as "必须是数字" at the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { createRuntime } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { execute, type Actor } from '../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../server/masterdata/commands.ts';
import { placePurchaseOrder, receiveGoods, recordInspection } from '../../server/purchasing/commands.ts';
import { adjustStock } from '../../server/inventory/commands.ts';
import { createProductionOrder, releaseProductionOrder } from '../../server/production/commands.ts';
import { insertUser } from '../../server/auth/users.ts';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const SHOTS = process.env.UI_SHOTS_DIR;

beforeAll(async () => {
	database = await freshDatabase();
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn') });
	await insertUser(rt.db, { username: 'li.admin', displayName: '李管理', password: 'admin-pass-123', roles: ['admin'] });
	await execute(rt, saveItem, { itemId: 'SN-STEEL', name: '钢管', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3 }, admin);
	await execute(rt, saveItem, { itemId: 'SN-BIKE', name: '自行车', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(rt, saveCustomer, { customerId: 'SN-C', name: '华东机械' }, admin);
	await execute(rt, saveSupplier, { supplierId: 'SN-S', name: '宝钢' }, admin);
	await execute(rt, adjustStock, { itemId: 'SN-STEEL', locationId: 'MAIN', qty: 50, unitCost: 2, reasonCode: 'OPENING' }, admin);
	// a receipt of 20 of which 5 are rejected for a material defect: a stock movement with a reason of the scrap list
	await execute(rt, placePurchaseOrder, { allowPastDates: true, poId: 'SN-PO', supplierId: 'SN-S', lines: [{ lineId: '1', itemId: 'SN-STEEL', qty: 20, unitPrice: 2, expectedDate: '2026-12-01' }] }, admin);
	await execute(rt, receiveGoods, { poId: 'SN-PO', lineId: '1', qty: 20 }, admin);
	await execute(rt, recordInspection, { poId: 'SN-PO', lineId: '1', acceptedQty: 15, rejectedQty: 5, reasonCode: 'MATERIAL_DEFECT' }, admin);
	await execute(rt, createProductionOrder, { productionOrderId: 'SN-MO', itemId: 'SN-BIKE', qty: 4, dueDate: '2026-12-20' }, admin);
	await execute(rt, releaseProductionOrder, { productionOrderId: 'SN-MO' }, admin);
	await rt.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(next: string, lang: 'zh-CN' | 'en', viewport = { width: 1366, height: 768 }, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ viewport, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}&lang=${lang}`);
	if (javaScriptEnabled) await hydrated(page);
	await page.locator('input[name=username]').fill('li.admin');
	await page.locator('input[name=password]').fill('admin-pass-123');
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	if (javaScriptEnabled) await hydrated(page);
	return page;
}

const notice = (page: Page) => page.getByTestId('saved');
const shot = async (page: Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
};

describe('saved, dates, reasons and refusals in Chromium', () => {
	it('says a stock adjustment was saved, in Chinese, and names reasons by their labels', async () => {
		const page = await signIn('/inventory/SN-STEEL', 'zh-CN');
		// the rejection at inspection: its reason by label, the code in the tooltip
		const rejected = page.locator('[data-testid=movement-reason][data-code=MATERIAL_DEFECT]').first();
		expect(await rejected.textContent()).toBe('来料缺陷');
		expect(await rejected.getAttribute('title')).toBe('MATERIAL_DEFECT');
		// one date format: 2026-12-06 14:05
		expect(await page.getByTestId('movement').first().locator('time').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

		const form = page.getByTestId('adjust-form');
		expect(await form.getByTestId('required-legend').textContent()).toContain('必填');
		expect(await form.locator('[name=qty]').getAttribute('aria-required')).toBe('true');
		await form.locator('[name=locationId]').fill('MAIN');
		await form.locator('[name=qty]').fill('-2');
		await form.locator('[name=reasonCode]').selectOption('DAMAGE');
		await form.locator('button[type=submit]').click();
		await notice(page).waitFor();
		expect(await notice(page).textContent()).toContain('已保存 · SN-STEEL 的库存调整已记录');
		const region = page.getByTestId('saved-notice');
		expect(await region.getAttribute('role')).toBe('status');
		expect(await region.getAttribute('aria-live')).toBe('polite');
		expect(await page.locator('[data-testid=movement-reason][data-code=DAMAGE]').first().textContent()).toBe('损坏');
		await shot(page, 'saved-stock-zh-desk');
		// it leaves by itself, and the address no longer carries it (a reload does not say it again)
		await expect.poll(() => notice(page).count(), { timeout: 15_000 }).toBe(0);
		expect(new URL(page.url()).searchParams.get('notice')).toBeNull();
		await page.context().close();
	});

	it('says a sales order was created, in English, on a phone', async () => {
		const page = await signIn('/sales/new', 'en', { width: 390, height: 844 });
		const form = page.getByTestId('order-form');
		await form.locator('[name=customerId]').fill('SN-C');
		await form.locator('[name=orderId]').fill('SO-SN-1');
		const line = form.getByTestId('order-line').first();
		await line.locator('[name=itemId]').fill('SN-BIKE');
		await line.locator('[name=qty]').fill('2');
		await line.locator('[name=requestedDate]').fill('2027-01-15');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/SO-SN-1');
		await notice(page).waitFor();
		expect(await notice(page).textContent()).toContain('Saved · sales order SO-SN-1 created');
		const box = await notice(page).boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844).toBe(true);
		await shot(page, 'saved-order-en-phone');
		// the dismiss button closes it at once
		await page.getByRole('button', { name: 'Dismiss' }).click();
		expect(await notice(page).count()).toBe(0);
		await page.context().close();
	});

	it('says a new user was saved in the settings, in both languages', async () => {
		for (const [lang, username, expected] of [
			['zh-CN', 'sn.one', '已保存 · sn.one'],
			['en', 'sn.two', 'Saved · sn.two']
		] as const) {
			const page = await signIn('/settings/users', lang, lang === 'en' ? { width: 390, height: 844 } : undefined);
			const form = page.getByTestId('user-form');
			await form.locator('[name=username]').fill(username);
			await form.locator('[name=displayName]').fill('测试');
			await form.locator('[name=password]').fill('a-long-password-1');
			await form.locator('input[name=roles][value=viewer]').check();
			await form.getByTestId('user-save').click();
			await notice(page).waitFor();
			expect(await notice(page).textContent()).toContain(expected);
			expect(await page.getByTestId('saved').count()).toBe(1);
			await shot(page, `saved-user-${lang}`);
			await page.context().close();
		}
	});

	it('shows the notice with scripts off too, after the redirect', async () => {
		const page = await signIn('/inventory/SN-STEEL', 'en', undefined, false);
		const form = page.getByTestId('adjust-form');
		await form.locator('[name=locationId]').fill('MAIN');
		await form.locator('[name=qty]').fill('1');
		await form.locator('[name=reasonCode]').selectOption('COUNT');
		await form.locator('button[type=submit]').click();
		await page.waitForURL((u) => u.searchParams.get('notice') === 'stock.adjusted');
		expect(await notice(page).textContent()).toContain('Saved · stock adjustment of SN-STEEL recorded');
		expect(await page.locator('[data-testid=movement-reason][data-code=COUNT]').first().textContent()).toBe('Stock count');
		await shot(page, 'saved-stock-en-desk-nojs');
		await page.context().close();
	});

	it('words letters in a quantity as "must be a number" at the field, in Chinese', async () => {
		const page = await signIn('/production/orders/SN-MO', 'zh-CN', { width: 390, height: 844 });
		const report = page.getByTestId('op-report-form').first();
		// a number input takes no letters: turned into a text input, as an old browser or a script would send it
		await report.locator('[name=goodQty]').evaluate((el) => el.setAttribute('type', 'text'));
		await report.locator('[name=goodQty]').fill('abc');
		await report.locator('button[type=submit]').click();
		const error = report.locator('.field-error[data-path=goodQty]');
		await error.waitFor();
		expect(await error.textContent()).toBe('必须是数字');
		expect(await page.locator('.field-error').allTextContents()).not.toContainEqual(expect.stringMatching(/[a-z]{3,}/));
		await report.scrollIntoViewIfNeeded();
		await shot(page, 'refused-report-zh-phone');
		await page.context().close();
	});
});
