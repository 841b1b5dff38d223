import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { signInAs } from '../support/ui.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { createRuntime } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { execute, type Actor } from '../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../server/masterdata/commands.ts';
import { saveSupplierItem } from '../../server/purchasing/commands.ts';
import { insertUser } from '../../server/auth/users.ts';

// The pickers in Chromium: a sales order and a purchase order filled through them with the keyboard
// alone (part of a name typed, ArrowDown, Enter), the combobox's ARIA state as it goes, and the same
// form without JavaScript posting a typed code. Then long names: an item named with 200 characters
// and no space (and one in Chinese) must not widen the pages that show it, on a desktop or a phone.
// Screenshots go to PICKERS_SCREENSHOTS when that is set.

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const shots = process.env.PICKERS_SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });
const LONG = 'X'.repeat(40) + 'SuperLongComponentNameWithoutAnySpace'.repeat(4) + 'Y'.repeat(12);
const LONG_ZH = '超长物料名称没有任何空格用来检查页面是否会被撑宽'.repeat(8).slice(0, 200);
const sales = { username: 'li.sales', password: 'sales-pass-1' };
const buyer = { username: 'zhou.buyer', password: 'buyer-pass-1' };

beforeAll(async () => {
	database = await freshDatabase();
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn'), planning: false });
	await insertUser(rt.db, { username: sales.username, displayName: '李销售', password: sales.password, roles: ['sales'] });
	await insertUser(rt.db, { username: buyer.username, displayName: '周采购', password: buyer.password, roles: ['purchasing'] });
	const item = (itemId: string, name: string, makeOrBuy: 'make' | 'buy', kind = 'material') =>
		execute(rt, saveItem, { itemId, name, kind, uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays: 2 }, admin);
	await item('PK-BIKE', '山地自行车 Mountain bike', 'make', 'product');
	await item('PK-BIKE-KID', '儿童自行车 Kids bike', 'make', 'product');
	await item('PK-BOLT-M6', '六角螺栓 Hex bolt M6', 'buy');
	await item('PK-BOLT-M8', '六角螺栓 Hex bolt M8', 'buy');
	await item('PK-LONG', LONG, 'make', 'product');
	await item('PK-LONG-ZH', LONG_ZH, 'make', 'product');
	await execute(rt, saveCustomer, { customerId: 'PK-C1', name: '华东车行 East China Cycles' }, admin);
	await execute(rt, saveCustomer, { customerId: 'PK-C2', name: '华南车行 South China Cycles' }, admin);
	await execute(rt, saveCustomer, { customerId: 'PK-C-LONG', name: LONG_ZH }, admin);
	await execute(rt, saveSupplier, { supplierId: 'PK-S1', name: '宁波紧固件 Ningbo Fasteners' }, admin);
	await execute(rt, saveSupplierItem, { supplierId: 'PK-S1', itemId: 'PK-BOLT-M8', price: 0.3, leadTimeDays: 4 }, admin);
	await rt.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function api<T>(path: string): Promise<T> {
	const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
	expect(r.status, await r.clone().text()).toBe(200);
	return (await r.json()) as T;
}

/** Signs in through the login form on a page of its own (a phone's has touch). */
async function openTouch(who: { username: string; password: string }, next: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(who.username);
	await page.locator('input[name=password]').fill(who.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	await hydrated(page);
	return page;
}

async function openAs(who: { username: string; password: string }, next: string, locale: 'zh-CN' | 'en' = 'zh-CN', width = 1366): Promise<Page> {
	const page = await signInAs(browser, server, who, next);
	await page.setViewportSize({ width, height: width > 500 ? 768 : 844 });
	if (locale !== 'zh-CN') {
		await page.context().addCookies([{ name: 'lang', value: locale, url: server.url }]);
		await page.reload();
		await hydrated(page);
	}
	return page;
}

/** Types into a picker, waits for `code` among the choices, and takes it with the arrow keys and Enter. */
async function pick(page: Page, field: Locator, typed: string, code: string): Promise<void> {
	await field.focus();
	await page.keyboard.type(typed);
	const list = page.locator(`#${await field.getAttribute('aria-controls')}`);
	await list.locator('[role=option] .code').getByText(code, { exact: true }).waitFor();
	const codes = await list.locator('[role=option] .code').allTextContents();
	for (let n = 0; n <= codes.indexOf(code); n++) await page.keyboard.press('ArrowDown');
	expect(await field.getAttribute('aria-activedescendant')).toBe(await list.locator('[role=option][aria-selected=true]').getAttribute('id'));
	await page.keyboard.press('Enter');
	expect(await field.inputValue()).toBe(code);
	expect(await field.getAttribute('aria-expanded')).toBe('false');
}

const shot = async (page: Page, name: string) => {
	if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

describe('pickers in the forms', () => {
	it('fills a sales order with the keyboard through the pickers and saves it', async () => {
		const page = await openAs(sales, '/sales/new');
		const csp = cspViolations(page);
		const form = page.getByTestId('order-form');
		const customer = form.locator('[name=customerId]');
		expect(await customer.getAttribute('role')).toBe('combobox');
		expect(await customer.getAttribute('aria-expanded')).toBe('false');

		// part of the Chinese name; two customers match, the second is taken
		await customer.focus();
		await page.keyboard.type('车行');
		const list = page.locator(`#${await customer.getAttribute('aria-controls')}`);
		await expect.poll(() => list.locator('[role=option]').count()).toBe(2);
		expect(await customer.getAttribute('aria-expanded')).toBe('true');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		expect(await customer.getAttribute('aria-activedescendant')).toBe(await list.locator('[role=option]').nth(1).getAttribute('id'));
		await shot(page, 'so-customer-1366-zh');
		await page.keyboard.press('Enter');
		expect(await customer.inputValue()).toBe('PK-C2');
		await expect.poll(() => form.getByTestId('picker-name').first().textContent()).toBe('华南车行 South China Cycles');

		// Escape closes the list without taking anything
		const item = form.getByTestId('order-line').first().locator('[name=itemId]');
		await item.focus();
		await page.keyboard.type('bike');
		await page.locator(`#${await item.getAttribute('aria-controls')} [role=option]`).first().waitFor();
		await page.keyboard.press('Escape');
		expect(await item.getAttribute('aria-expanded')).toBe('false');
		expect(await item.inputValue()).toBe('bike');
		await item.fill('');
		await pick(page, item, '儿童', 'PK-BIKE-KID');
		await page.keyboard.press('Tab');
		await page.keyboard.type('3');
		await form.getByTestId('order-line').first().locator('[name=requestedDate]').fill('2027-01-20');

		// a second line, its item by the start of its code
		await form.getByTestId('order-add-line').press('Enter');
		const second = form.getByTestId('order-line').nth(1);
		await pick(page, second.locator('[name=itemId]'), 'pk-bike', 'PK-BIKE');
		await page.keyboard.press('Tab');
		await page.keyboard.type('2');
		await second.locator('[name=requestedDate]').fill('2027-01-22');
		await form.locator('[name=orderId]').fill('PK-SO-1');
		await shot(page, 'so-filled-1366-zh');
		await form.getByTestId('order-save').press('Enter');
		await page.waitForURL((u) => u.pathname === '/sales/PK-SO-1', { timeout: 15_000 });

		const saved = await api<{ customerId: string; lines: { itemId: string; qty: number }[] }>('/api/sales-orders/PK-SO-1');
		expect(saved.customerId).toBe('PK-C2');
		expect(saved.lines.map((l) => [l.itemId, l.qty])).toEqual([
			['PK-BIKE-KID', 3],
			['PK-BIKE', 2]
		]);
		expect(csp).toEqual([]);
		await page.close();
	});

	it("fills a purchase order with the keyboard, offering the supplier's items first", async () => {
		const page = await openAs(buyer, '/purchasing/orders', 'en');
		const form = page.getByTestId('po-form');
		await pick(page, form.locator('[name=supplierId]'), 'ningbo', 'PK-S1');
		const line = form.getByTestId('po-form-line').first();
		const item = line.locator('[name=itemId]');
		await item.focus();
		await page.keyboard.type('bolt');
		const list = page.locator(`#${await item.getAttribute('aria-controls')}`);
		await expect.poll(() => list.locator('[role=option] .code').allTextContents()).toEqual(['PK-BOLT-M8', 'PK-BOLT-M6']);
		await shot(page, 'po-item-1366-en');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		expect(await item.inputValue()).toBe('PK-BOLT-M8');
		await page.keyboard.press('Tab');
		await page.keyboard.type('500');
		await page.keyboard.press('Tab');
		await page.keyboard.type('0.3');
		await line.locator('[name=expectedDate]').fill('2027-01-15');
		await form.locator('[name=poId]').fill('PK-PO-1');
		await form.getByTestId('po-submit').press('Enter');
		await page.waitForURL((u) => u.pathname === '/purchasing/orders/PK-PO-1', { timeout: 15_000 });
		const saved = await api<{ supplierId: string; lines: { itemId: string; qty: number }[] }>('/api/purchase-orders/PK-PO-1');
		expect(saved.supplierId).toBe('PK-S1');
		expect(saved.lines.map((l) => [l.itemId, l.qty])).toEqual([['PK-BOLT-M8', 500]]);
		await page.close();
	});

	it('fits a phone: touch-sized choices in a list no wider than the screen', async () => {
		const page = await openTouch(sales, '/sales/new');
		const item = page.getByTestId('order-line').first().locator('[name=itemId]');
		await item.tap();
		await page.keyboard.type('pk');
		const list = page.locator(`#${await item.getAttribute('aria-controls')}`);
		await list.locator('[role=option]').first().waitFor();
		const box = (await list.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		const option = (await list.locator('[role=option]').first().boundingBox())!;
		expect(option.height).toBeGreaterThanOrEqual(44);
		expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await shot(page, 'so-item-390-zh');
		// a tap takes the choice
		await list.locator('[role=option]', { hasText: 'PK-BOLT-M6' }).tap();
		expect(await item.inputValue()).toBe('PK-BOLT-M6');
		await expect.poll(() => page.getByTestId('order-line').first().getByTestId('picker-name').textContent()).toBe('六角螺栓 Hex bolt M6 (pcs)');
		await shot(page, 'so-chosen-390-zh');
		// in English, the same list and words
		await page.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
		await page.reload();
		await hydrated(page);
		const again = page.getByTestId('order-line').first().locator('[name=itemId]');
		await again.tap();
		await page.keyboard.type('nothing-like-this');
		await expect.poll(() => page.getByTestId('picker-empty').textContent()).toBe('Nothing matches; a code can still be typed');
		await page.keyboard.press('Escape');
		await again.fill('');
		await page.keyboard.type('bolt');
		await page.locator(`#${await again.getAttribute('aria-controls')} [role=option]`).first().waitFor();
		await shot(page, 'so-item-390-en');
		await page.close();
	});

	it('posts a typed code without JavaScript, the fields plain text inputs', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${server.url}/login?next=${encodeURIComponent('/sales/new')}`);
		await page.locator('input[name=username]').fill(sales.username);
		await page.locator('input[name=password]').fill(sales.password);
		await page.locator('[data-testid=login-form] button[type=submit]').click();
		await page.waitForURL((u) => u.pathname === '/sales/new');
		const form = page.getByTestId('order-form');
		const customer = form.locator('[name=customerId]');
		expect(await customer.getAttribute('role')).toBeNull();
		expect(await customer.getAttribute('type')).toBe('text');
		await customer.fill('PK-C1');
		const line = form.getByTestId('order-line').first();
		await line.locator('[name=itemId]').fill('PK-BIKE');
		await line.locator('[name=qty]').fill('4');
		await line.locator('[name=requestedDate]').fill('2027-02-01');
		await form.locator('[name=orderId]').fill('PK-SO-NOJS');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/PK-SO-NOJS', { timeout: 15_000 });
		const saved = await api<{ customerId: string; lines: { itemId: string; qty: number }[] }>('/api/sales-orders/PK-SO-NOJS');
		expect(saved.customerId).toBe('PK-C1');
		expect(saved.lines.map((l) => [l.itemId, l.qty])).toEqual([['PK-BIKE', 4]]);
		await context.close();
	});
});

describe('long names wrap', () => {
	const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

	it('keeps the pages that show a 200-character name within the window, on a desktop and a phone', async () => {
		const order = await fetch(`${server.url}/api/commands/sales_order.create`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
			body: JSON.stringify({
				orderId: 'PK-SO-LONG',
				customerId: 'PK-C-LONG',
				lines: [
					{ lineId: '1', itemId: 'PK-LONG', qty: 1, requestedDate: '2027-03-01' },
					{ lineId: '2', itemId: 'PK-LONG-ZH', qty: 1, requestedDate: '2027-03-01' }
				]
			})
		});
		expect(order.status, await order.clone().text()).toBe(200);
		const pages = ['/items/PK-LONG', '/items/PK-LONG-ZH', '/items?q=PK-LONG', '/sales/PK-SO-LONG', '/sales', '/customers/PK-C-LONG', '/customers', '/inventory?q=PK-LONG'];
		const wide: string[] = [];
		for (const width of [1366, 390]) {
			const page = await openAs(sales, '/sales', 'zh-CN', width);
			for (const path of pages) {
				await page.goto(`${server.url}${path}`);
				await hydrated(page);
				const over = await overflow(page);
				if (over > 0) wide.push(`${path} at ${width} px: ${over} px too wide`);
			}
			await page.goto(`${server.url}/items/PK-LONG`);
			await shot(page, `item-long-${width}`);
			await page.goto(`${server.url}/sales/PK-SO-LONG`);
			await shot(page, `order-long-${width}`);
			// the picker's list and the name under the field wrap too
			await page.goto(`${server.url}/sales/new`);
			await hydrated(page);
			const item = page.getByTestId('order-line').first().locator('[name=itemId]');
			await pick(page, item, 'PK-LONG', 'PK-LONG');
			await page.keyboard.press('ArrowDown');
			await page.locator(`#${await item.getAttribute('aria-controls')} [role=option]`).first().waitFor();
			expect(await overflow(page), `new order at ${width} px`).toBeLessThanOrEqual(0);
			await shot(page, `so-long-picker-${width}`);
			await page.close();
		}
		expect(wide).toEqual([]);
	});
});
