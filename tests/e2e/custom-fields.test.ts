import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// A no-code field from definition to use, in Chromium: an admin adds a required choice field to items
// in settings; a planner meets it in the new-item form (refused empty, saved when chosen), then sees
// it as a list column and filters the list by it. The same for sales orders and for customers.

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'he.admin', displayName: '何管理', password: 'admin-pass-1', roles: ['admin'] });
	await insertUser(db, { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] });
	await insertUser(db, { username: 'wu.sales', displayName: '吴销售', password: 'sales-pass-1', roles: ['sales'] });
	await insertUser(db, { username: 'qian.viewer', displayName: '钱只读', password: 'viewer-pass-1', roles: ['viewer'] });
	await db.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(username: string, password: string, next: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	await hydrated(page);
	return page;
}

async function fillItem(page: Page, itemId: string, name: string) {
	const form = page.getByTestId('item-form');
	await form.locator('[name=itemId]').fill(itemId);
	await form.locator('[name=name]').fill(name);
	await form.locator('[name=uom]').fill('kg');
	await form.locator('[name=unitCost]').fill('4.2');
	await form.locator('[name=leadTimeDays]').fill('5');
}

/** Defines a required field in the settings page, as the signed-in admin: a choice field with choices, else a text field. */
async function defineRequired(page: Page, entity: string, key: string, zh: string, en: string, choices?: string) {
	await page.goto(server.url + '/settings/custom-fields');
	await hydrated(page);
	const form = page.getByTestId('field-form');
	await form.locator('[name=entity]').selectOption(entity);
	await form.locator('[name=key]').fill(key);
	await form.locator('[name="labels.zh-CN"]').fill(zh);
	await form.locator('[name="labels.en"]').fill(en);
	await form.locator('[name=type]').selectOption(choices === undefined ? 'text' : 'choice');
	if (choices !== undefined) await form.locator('[name=choices]').fill(choices);
	await form.locator('[name=required]').check();
	await form.getByTestId('field-save').click();
	const row = page.locator(`[data-testid=field-row][data-entity=${entity}][data-key=${key}]`);
	await expect.poll(() => row.count()).toBe(1);
	return row;
}

describe('custom fields in Chromium', () => {
	it('lets an admin define a required choice field on items', async () => {
		const page = await signIn('he.admin', 'admin-pass-1', '/settings/custom-fields');
		const row = await defineRequired(page, 'item', 'grade', '牌号', 'Grade', 'Q235, Q345');
		expect(await row.textContent()).toContain('Q235, Q345');
		await page.close();
	});

	it('shows the field to a planner, refuses the item without it and saves it with it', async () => {
		const page = await signIn('li.planner', 'planner-pass-1', '/items/new');
		const form = page.getByTestId('item-form');
		const grade = form.locator('[name="custom.grade"]');
		expect(await form.getByTestId('custom-fields').textContent()).toContain('牌号');
		expect(await grade.locator('option').allTextContents()).toEqual(['请选择', 'Q235', 'Q345']);

		await fillItem(page, 'CF-PLATE', '钢板');
		await form.getByTestId('item-save').click();
		await expect.poll(() => form.locator('.field-error[data-path="custom.grade"]').count()).toBe(1);
		expect(await form.locator('.field-error[data-path="custom.grade"]').textContent()).toBe('此项必填');
		expect(await grade.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).pathname).toBe('/items/new');
		expect(await form.locator('[name=name]').inputValue()).toBe('钢板'); // what was typed is kept
		expect((await page.request.get(`${server.url}/api/items/CF-PLATE`)).status()).toBe(404);

		await grade.selectOption('Q345');
		await form.getByTestId('item-save').click();
		await page.waitForURL((u) => u.pathname === '/items/CF-PLATE');
		await hydrated(page);
		expect(await page.getByTestId('item-form').locator('[name="custom.grade"]').inputValue()).toBe('Q345');

		await page.goto(server.url + '/items/new');
		await hydrated(page);
		await fillItem(page, 'CF-BAR', '圆钢');
		await page.getByTestId('item-form').locator('[name="custom.grade"]').selectOption('Q235');
		await page.getByTestId('item-save').click();
		await page.waitForURL((u) => u.pathname === '/items/CF-BAR');
		await page.close();
	});

	it('shows the field as a list column and filters the list by it', async () => {
		const page = await signIn('li.planner', 'planner-pass-1', '/items');
		const table = page.getByTestId('items-table');
		expect(await table.locator('th[data-custom-key=grade]').textContent()).toBe('牌号');
		const gradeOf = (itemId: string) => table.locator(`[data-item-id="${itemId}"] td[data-custom-key=grade]`).textContent();
		expect(await gradeOf('CF-PLATE')).toBe('Q345');
		expect(await gradeOf('CF-BAR')).toBe('Q235');

		await page.getByTestId('items-filter').locator('select[name="custom.grade"]').selectOption('Q235');
		await page.waitForURL((u) => u.searchParams.get('custom.grade') === 'Q235');
		await expect.poll(() => table.getByTestId('item-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-id')))).toEqual(['CF-BAR']);

		const bad = await page.goto(`${server.url}/items?custom.colour=red`);
		expect(bad?.status()).toBe(400);
		await page.close();
	});
});

describe('custom fields of sales orders in Chromium', () => {
	it('asks for the field in the new-order form, shows it on the order and filters the list by it', async () => {
		const page = await signIn('he.admin', 'admin-pass-1', '/settings/custom-fields');
		await defineRequired(page, 'sales_order', 'channel', '渠道', 'Channel', 'online, dealer');
		const saved = await page.request.post(`${server.url}/api/commands/customer.save`, { data: { customerId: 'C-CF', name: '华东机械' }, headers: { origin: server.url } });
		expect(saved.status()).toBe(200);

		await page.goto(server.url + '/sales/new');
		await hydrated(page);
		const form = page.getByTestId('order-form');
		await form.locator('[name=customerId]').fill('C-CF');
		await form.locator('[name=orderId]').fill('SO-CF-1');
		const line = form.getByTestId('order-line').first();
		await line.locator('[name=itemId]').fill('CF-PLATE');
		await line.locator('[name=qty]').fill('3');
		await line.locator('[name=requestedDate]').fill('2027-05-10');
		await form.getByTestId('order-save').click();
		await expect.poll(() => form.locator('.field-error[data-path="custom.channel"]').count()).toBe(1);
		expect(new URL(page.url()).pathname).toBe('/sales/new');
		expect(await form.locator('[name=orderId]').inputValue()).toBe('SO-CF-1');

		await form.locator('[name="custom.channel"]').selectOption('dealer');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/SO-CF-1');
		expect(await page.getByTestId('custom-values').locator('[data-custom-key=channel]').textContent()).toBe('dealer');

		await page.goto(`${server.url}/sales?custom.channel=dealer`);
		const table = page.getByTestId('orders-table');
		expect(await table.locator('[data-order-id="SO-CF-1"] td[data-custom-key=channel]').textContent()).toBe('dealer');
		await page.goto(`${server.url}/sales?custom.channel=online`);
		expect(await table.getByTestId('order-row').count()).toBe(0);
		await page.close();
	});
});

describe('custom fields of customers in Chromium', () => {
	it('asks for the field in the new-customer form, shows it on the customer and filters the list by it', async () => {
		const admin = await signIn('he.admin', 'admin-pass-1', '/settings/custom-fields');
		await defineRequired(admin, 'customer', 'tax_no', '税号', 'Tax number');
		await admin.close();

		const page = await signIn('wu.sales', 'sales-pass-1', '/customers/new');
		const form = page.getByTestId('customer-form');
		const taxNo = form.locator('[name="custom.tax_no"]');
		expect(await form.getByTestId('custom-fields').textContent()).toContain('税号');
		await form.locator('[name=customerId]').fill('C-CF-TAX');
		await form.locator('[name=name]').fill('苏州精密');
		await form.getByTestId('customer-save').click();
		await expect.poll(() => form.locator('.field-error[data-path="custom.tax_no"]').count()).toBe(1);
		expect(await form.locator('.field-error[data-path="custom.tax_no"]').textContent()).toBe('此项必填');
		expect(await taxNo.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).pathname).toBe('/customers/new');
		expect(await form.locator('[name=name]').inputValue()).toBe('苏州精密'); // what was typed is kept
		expect((await page.request.get(`${server.url}/api/customers/C-CF-TAX`)).status()).toBe(404);

		await taxNo.fill('91320500MA1X');
		await form.getByTestId('customer-save').click();
		await page.waitForURL((u) => u.pathname === '/customers/C-CF-TAX');
		await hydrated(page);
		expect(await page.getByTestId('customer-form').locator('[name="custom.tax_no"]').inputValue()).toBe('91320500MA1X');

		// A second customer, so the filter has one to leave out.
		await page.goto(server.url + '/customers/new');
		await hydrated(page);
		await form.locator('[name=customerId]').fill('C-CF-OTHER');
		await form.locator('[name=name]').fill('无锡重工');
		await taxNo.fill('91320200MB2Y');
		await form.getByTestId('customer-save').click();
		await page.waitForURL((u) => u.pathname === '/customers/C-CF-OTHER');

		await page.goto(server.url + '/customers');
		await hydrated(page);
		const table = page.getByTestId('customers-table');
		expect(await table.locator('th[data-custom-key=tax_no]').textContent()).toBe('税号');
		expect(await table.locator('[data-id="C-CF-TAX"] td[data-custom-key=tax_no]').textContent()).toBe('91320500MA1X');
		await page.getByTestId('customers-filter').locator('input[name="custom.tax_no"]').fill('91320500MA1X');
		await page.getByTestId('customers-filter').locator('button[type=submit]').click();
		await page.waitForURL((u) => u.searchParams.get('custom.tax_no') === '91320500MA1X');
		const ids = () => table.getByTestId('customer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
		await expect.poll(ids).toEqual(['C-CF-TAX']);

		expect((await page.goto(`${server.url}/customers?custom.colour=red`))?.status()).toBe(400);
		await page.close();
	});

	it('shows the value read-only to a viewer', async () => {
		const page = await signIn('qian.viewer', 'viewer-pass-1', '/customers/C-CF-TAX');
		expect(await page.getByTestId('customer-form').count()).toBe(0);
		const values = page.getByTestId('custom-values');
		expect(await values.textContent()).toContain('税号');
		expect(await values.locator('[data-custom-key=tax_no]').textContent()).toBe('91320500MA1X');
		await page.close();
	});
});
