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

// Money on orders in Chromium: a sales user gives a customer its contacts and an agreed price, enters
// an order leaving the price empty, and sees the line's price and value and the order's total; the
// buyer sees a purchase order's total; the pages hold at a phone's width.

const SALES = { username: 'qian.sales', displayName: '钱销售', password: 'sales-pass-1', roles: ['sales'] as const };
const BUYER = { username: 'li.buyer', displayName: '李采购', password: 'buyer-pass-1', roles: ['purchasing'] as const };
const SHOTS = process.env.MONEY_SCREENSHOTS;

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of [SALES, BUYER]) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	const item = (itemId: string, name: string, listPrice?: number) => ({
		itemId,
		name,
		kind: 'product',
		uom: '件',
		unitCost: 100,
		makeOrBuy: 'make',
		leadTimeDays: 3,
		...(listPrice ? { listPrice } : {})
	});
	await command('item.save', item('MP-CALIPER', '前制动钳总成', 420));
	await command('item.save', item('MP-PUMP', '电子水泵', 260));
	await command('item.save', { ...item('MP-BEARING', '轮毂轴承'), kind: 'material', makeOrBuy: 'buy' });
	await command('customer.save', { customerId: 'MC-001', name: '长春一汽配套' });
	await command('supplier.save', { supplierId: 'MS-001', name: '宁波精密铸造' });
	await command('purchase_order.place', {
		poId: 'MPO-1',
		supplierId: 'MS-001',
		lines: [
			{ lineId: '1', itemId: 'MP-BEARING', qty: 200, unitPrice: 35.5, expectedDate: '2027-02-01' },
			{ lineId: '2', itemId: 'MP-BEARING', qty: 50, unitPrice: 36, expectedDate: '2027-02-15' }
		]
	});
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

const command = (name: string, input: unknown) => adminCommand(server, name, input);

async function open(page: Page, path: string) {
	await page.goto(server.url + path);
	await hydrated(page);
}

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('money on orders in Chromium', () => {
	it("keeps a customer's contacts and agreed price, and prices an order's line from it", async () => {
		const page = await signInAs(browser, server, SALES, '/customers/MC-001');
		const form = page.getByTestId('customer-form');
		await form.locator('input[name=contactPerson]').fill('赵经理');
		await form.locator('input[name=phone]').fill('0431-8888 1234');
		await form.locator('input[name=email]').fill('not an email');
		await form.locator('input[name=paymentTerms]').fill('月结60天');
		await page.getByTestId('customer-save').click();
		// Refused at the field, in Chinese, nothing saved.
		await expect.poll(() => form.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
		expect(await form.textContent()).toContain('请输入有效的电子邮箱');
		await form.locator('input[name=email]').fill('zhao@faw-parts.cn');
		await page.getByTestId('customer-save').click();
		await expect.poll(() => form.locator('input[name=email]').getAttribute('aria-invalid')).not.toBe('true');
		await open(page, '/customers/MC-001');
		expect(await form.locator('input[name=email]').inputValue()).toBe('zhao@faw-parts.cn');
		expect(await form.locator('input[name=paymentTerms]').inputValue()).toBe('月结60天');

		const add = page.getByTestId('customer-price-add');
		await add.locator('input[name=itemId]').fill('MP-CALIPER');
		await add.locator('input[name=unitPrice]').fill('398.5');
		await add.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('customer-price-form').count()).toBe(1);
		expect(await page.getByTestId('customer-price-form').getAttribute('data-item-id')).toBe('MP-CALIPER');

		await open(page, '/sales/new');
		const order = page.getByTestId('order-form');
		await order.locator('select[name=customerId], input[name=customerId]').first().evaluate((el, v) => {
			(el as HTMLInputElement).value = v;
			el.dispatchEvent(new Event('input', { bubbles: true }));
			el.dispatchEvent(new Event('change', { bubbles: true }));
		}, 'MC-001');
		await order.locator('input[name=orderId]').fill('MSO-1');
		await page.getByTestId('order-add-line').click();
		const lines = page.getByTestId('order-line');
		const fill = async (i: number, itemId: string, qty: string, price = '') => {
			const line = lines.nth(i);
			await line.locator('input[name=itemId]').fill(itemId);
			await line.locator('input[name=qty]').fill(qty);
			if (price) await line.locator('input[name=unitPrice]').fill(price);
			await line.locator('input[name=requestedDate]').fill('2027-03-15');
		};
		await fill(0, 'MP-CALIPER', '10');
		await fill(1, 'MP-PUMP', '4');
		await shot(page, 'new-order');
		await page.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/MSO-1');
		await hydrated(page);
		expect(await page.getByTestId('unit-price').allTextContents()).toEqual(['¥398.50', '¥260.00']);
		expect(await page.getByTestId('line-value').allTextContents()).toEqual(['¥3,985.00', '¥1,040.00']);
		expect(await page.getByTestId('order-total').textContent()).toContain('¥5,025.00');

		await open(page, '/sales?q=MSO-1');
		expect(await page.getByTestId('order-value').first().textContent()).toBe('¥5,025.00');

		await page.setViewportSize({ width: 390, height: 844 });
		await open(page, '/sales/MSO-1');
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await shot(page, 'order-390');
		await open(page, '/customers/MC-001');
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await shot(page, 'customer-390');
		await page.setViewportSize({ width: 1366, height: 768 });
		await open(page, '/sales/MSO-1');
		await shot(page, 'order-1366');
		await open(page, '/customers/MC-001');
		await shot(page, 'customer-1366');
		await page.close();
	});

	it('answers the same through the API: contacts and prices on the customer, prices and totals on the order', async () => {
		const get = async (path: string) => {
			const r = await fetch(server.url + path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			expect(r.status).toBe(200);
			return r.json();
		};
		const customer = await get('/api/customers/MC-001');
		expect(customer.customer).toMatchObject({ email: 'zhao@faw-parts.cn', paymentTerms: '月结60天', currency: null });
		expect(customer.prices).toMatchObject([{ itemId: 'MP-CALIPER', unitPrice: 398.5, currency: 'CNY' }]);
		const order = await get('/api/sales-orders/MSO-1');
		expect(order).toMatchObject({ currency: 'CNY', total: { amount: 5025, unpriced: 0 } });
		expect(order.lines.map((l: { unitPrice: number; value: number }) => [l.unitPrice, l.value])).toEqual([[398.5, 3985], [260, 1040]]);
	});

	it("shows a purchase order's line values and total in English", async () => {
		const page = await signInAs(browser, server, BUYER, '/purchasing/orders');
		await open(page, '/purchasing/orders/MPO-1?lang=en');
		expect(await page.getByTestId('po-line-value').allTextContents()).toEqual(['CN¥7,100.00', 'CN¥1,800.00']);
		expect(await page.getByTestId('po-total').textContent()).toContain('CN¥8,900.00');
		await page.close();
	});
});
