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

// Customers and suppliers in Chromium: sales enter a customer, a buyer enters a supplier and the items
// it offers, refused input is marked on its field and saves nothing, and a viewer only reads.

const USERS = {
	sales: { username: 'wang.sales', displayName: '王销售', password: 'sales-pass-1', roles: ['sales'] },
	buyer: { username: 'sun.buyer', displayName: '孙采购', password: 'buyer-pass-1', roles: ['purchasing'] },
	viewer: { username: 'zhao.viewer', displayName: '赵只读', password: 'viewer-pass-1', roles: ['viewer'] }
} as const;
type Who = keyof typeof USERS;

const CUSTOMER = 'C-E2E-1';
const SUPPLIER = 'S-E2E-1';
const STEEL = 'E2E-STEEL';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	// Items are a planner's work, not these pages': one is put in through the API.
	await command('item.save', { itemId: STEEL, name: '冷轧钢板', kind: 'material', uom: 'kg', unitCost: 4, makeOrBuy: 'buy', leadTimeDays: 5 });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

const command = (name: string, input: unknown) => adminCommand(server, name, input);

const signIn = (who: Who, next: string): Promise<Page> => signInAs(browser, server, USERS[who], next);

async function open(page: Page, path: string) {
	const r = await page.goto(server.url + path);
	await hydrated(page);
	return r;
}

describe('customers and suppliers in Chromium', () => {
	it('lets a sales user create and rename a customer, and shows its open orders and who changed it', async () => {
		const page = await signIn('sales', '/customers');
		await page.getByTestId('new-customer').click();
		await page.waitForURL((u) => u.pathname === '/customers/new');
		await hydrated(page);
		const form = page.getByTestId('customer-form');

		// no name: marked on its field, nothing saved
		await form.locator('[name=customerId]').fill(CUSTOMER);
		await form.locator('button[type=submit]').click();
		await expect.poll(() => form.locator('[name=name][aria-invalid=true]').count()).toBe(1);
		expect(await form.locator('.field-error[data-path=name]').count()).toBe(1);
		expect((await page.request.get(`${server.url}/api/customers/${CUSTOMER}`)).status()).toBe(404);

		await form.locator('[name=name]').fill('华东机械');
		await form.locator('button[type=submit]').click();
		await page.waitForURL((u) => u.pathname === `/customers/${CUSTOMER}`);
		await hydrated(page);
		expect(await page.getByTestId('customer-title').textContent()).toContain('华东机械');

		// a code that is taken is refused on the new-customer page, not overwritten
		await open(page, '/customers/new');
		await page.getByTestId('customer-form').locator('[name=customerId]').fill(CUSTOMER);
		await page.getByTestId('customer-form').locator('[name=name]').fill('Someone else');
		await page.getByTestId('customer-form').locator('button[type=submit]').click();
		await expect.poll(() => page.locator('[name=customerId][aria-invalid=true]').count()).toBe(1);

		// an order of this customer, and one of another customer that its page must not list
		await command('customer.save', { customerId: 'C-E2E-2', name: 'Other customer' });
		for (const [orderId, customerId] of [
			['SO-E2E-P1', CUSTOMER],
			['SO-E2E-P2', 'C-E2E-2']
		]) {
			await command('sales_order.create', { orderId, customerId, lines: [{ lineId: '10', itemId: STEEL, qty: 20, requestedDate: '2027-03-01' }] });
		}
		// a no-code value set elsewhere is in the form, and a save of the form keeps it
		await command('custom_field.define', { entity: 'customer', key: 'region', labels: { 'zh-CN': '区域', en: 'Region' }, type: 'text', required: false });
		await command('customer.save', { customerId: CUSTOMER, name: '华东机械', custom: { region: 'east' } });
		await open(page, `/customers/${CUSTOMER}`);
		expect(await page.getByTestId('customer-form').locator('[name="custom.region"]').inputValue()).toBe('east');
		await page.getByTestId('customer-form').locator('[name=name]').fill('华东机械有限公司');
		await page.getByTestId('customer-form').locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(3);
		const saved = (await (await page.request.get(`${server.url}/api/customers/${CUSTOMER}`)).json()) as { customer: { name: string; custom: unknown } };
		expect(saved.customer).toMatchObject({ name: '华东机械有限公司', custom: { region: 'east' } });
		expect(await page.getByTestId('customer-title').textContent()).toContain('华东机械有限公司');
		expect(await page.getByTestId('timeline').textContent()).toContain('王销售');
		expect(await page.getByTestId('open-order').getAttribute('data-order-id')).toBe('SO-E2E-P1');
		await page.getByTestId('all-orders').click();
		await page.waitForURL((u) => u.pathname === '/sales');
		expect(await page.getByTestId('order-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id')))).toEqual(['SO-E2E-P1']);

		await open(page, '/customers?q=华东');
		expect(await page.getByTestId('customer-row').getAttribute('data-id')).toBe(CUSTOMER);
		await page.close();
	});

	it('lets a buyer create a supplier and add and change its items, marking a bad value without saving it', async () => {
		const page = await signIn('buyer', '/suppliers');
		await page.getByTestId('new-supplier').click();
		await page.waitForURL((u) => u.pathname === '/suppliers/new');
		await hydrated(page);
		const form = page.getByTestId('supplier-form');
		await form.locator('[name=supplierId]').fill(SUPPLIER);
		await form.locator('[name=name]').fill('宁波钢材');
		await form.locator('button[type=submit]').click();
		await page.waitForURL((u) => u.pathname === `/suppliers/${SUPPLIER}`);
		await hydrated(page);
		expect(await page.getByTestId('supplier-items-empty').count()).toBe(1);

		const add = page.getByTestId('supplier-item-add');
		// an item that does not exist: marked on the item code
		await add.locator('[name=itemId]').fill('E2E-NONE');
		await add.locator('[name=price]').fill('4.2');
		await add.locator('[name=leadTimeDays]').fill('7');
		await add.locator('button[type=submit]').click();
		await expect.poll(() => add.locator('[name=itemId][aria-invalid=true]').count()).toBe(1);

		await add.locator('[name=itemId]').fill(STEEL);
		await add.locator('[name=moq]').fill('500');
		await add.locator('button[type=submit]').click();
		const row = page.locator(`[data-testid=supplier-item-form][data-item-id=${STEEL}]`);
		await expect.poll(() => row.count()).toBe(1);
		expect(await row.locator('[name=price]').inputValue()).toBe('4.2');
		expect(await row.locator('[name=moq]').inputValue()).toBe('500');
		// the add form is empty again for the next item
		expect(await add.locator('[name=itemId]').inputValue()).toBe('');

		// a negative price: marked on that row's field, the stored terms stay
		await row.locator('[name=price]').fill('-1');
		await row.locator('button[type=submit]').click();
		await expect.poll(() => row.locator('[name=price][aria-invalid=true]').count()).toBe(1);
		expect(await row.locator('.field-error[data-path=price]').count()).toBe(1);
		const stored = (await (await page.request.get(`${server.url}/api/suppliers/${SUPPLIER}`)).json()) as { items: { price: number }[]; history: unknown[] };
		expect([stored.items.map((i) => i.price), stored.history.length]).toEqual([[4.2], 2]);

		await row.locator('[name=price]').fill('3.9');
		await row.locator('button[type=submit]').click();
		await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(3);
		expect(await row.locator('[name=price]').inputValue()).toBe('3.9');
		expect(await page.getByTestId('timeline').textContent()).toContain('孙采购');

		await open(page, `/suppliers?item=${STEEL}`);
		const listed = page.getByTestId('supplier-row');
		expect([await listed.getAttribute('data-id'), (await listed.locator('td').nth(2).textContent())?.trim()]).toEqual([SUPPLIER, '1']);
		await page.close();
	});

	it('shows a viewer the lists and records without any form, and the JSON lists', async () => {
		const page = await signIn('viewer', '/customers');
		expect(await page.getByTestId('new-customer').count()).toBe(0);
		expect(await page.getByTestId('customer-row').count()).toBe(2);
		expect((await open(page, '/customers/new'))?.status()).toBe(403);

		await open(page, `/customers/${CUSTOMER}`);
		expect(await page.getByTestId('customer-details').textContent()).toContain('华东机械有限公司');
		expect(await page.getByTestId('custom-values').textContent()).toMatch(/区域\s*east/);
		expect(await page.locator('main form[method=POST]').count()).toBe(0);
		expect(await page.getByTestId('open-order').count()).toBe(1);

		await open(page, '/suppliers');
		expect(await page.getByTestId('new-supplier').count()).toBe(0);
		expect((await open(page, '/suppliers/new'))?.status()).toBe(403);
		await open(page, `/suppliers/${SUPPLIER}`);
		expect(await page.locator('main form[method=POST]').count()).toBe(0);
		expect(await page.locator(`[data-testid=supplier-item-row][data-item-id=${STEEL}]`).count()).toBe(1);

		const customers = (await (await page.request.get(`${server.url}/api/customers?q=${CUSTOMER}`)).json()) as { customers: { id: string }[]; total: number };
		expect([customers.customers.map((c) => c.id), customers.total]).toEqual([[CUSTOMER], 1]);
		const suppliers = (await (await page.request.get(`${server.url}/api/suppliers?item=${STEEL}`)).json()) as { suppliers: { supplierId: string; items: number }[] };
		expect(suppliers.suppliers).toEqual([expect.objectContaining({ supplierId: SUPPLIER, items: 1 })]);
		const bad = await page.request.get(`${server.url}/api/suppliers?sort=price`);
		expect(bad.status()).toBe(400);
		await page.close();
	});
});
