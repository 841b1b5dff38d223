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
// it as a list column and filters the list by it.

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'he.admin', displayName: '何管理', password: 'admin-pass-1', roles: ['admin'] });
	await insertUser(db, { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] });
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

/** Defines a required choice field in the settings page, as the signed-in admin. */
async function defineChoice(page: Page, entity: string, key: string, zh: string, en: string, choices: string) {
	await page.goto(server.url + '/settings/custom-fields');
	await hydrated(page);
	const form = page.getByTestId('field-form');
	await form.locator('[name=entity]').selectOption(entity);
	await form.locator('[name=key]').fill(key);
	await form.locator('[name="labels.zh-CN"]').fill(zh);
	await form.locator('[name="labels.en"]').fill(en);
	await form.locator('[name=type]').selectOption('choice');
	await form.locator('[name=choices]').fill(choices);
	await form.locator('[name=required]').check();
	await form.getByTestId('field-save').click();
	const row = page.locator(`[data-testid=field-row][data-entity=${entity}][data-key=${key}]`);
	await expect.poll(() => row.count()).toBe(1);
	return row;
}

describe('custom fields in Chromium', () => {
	it('lets an admin define a required choice field on items', async () => {
		const page = await signIn('he.admin', 'admin-pass-1', '/settings/custom-fields');
		const row = await defineChoice(page, 'item', 'grade', '牌号', 'Grade', 'Q235, Q345');
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
		await defineChoice(page, 'sales_order', 'channel', '渠道', 'Channel', 'online, dealer');
		const saved = await page.request.post(`${server.url}/api/commands/customer.save`, { data: { customerId: 'C-CF', name: '华东机械' } });
		expect(saved.status()).toBe(200);

		await page.goto(server.url + '/sales/new');
		await hydrated(page);
		const form = page.getByTestId('order-form');
		await form.locator('[name=customerId]').selectOption('C-CF');
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
