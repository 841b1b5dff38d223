import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] });
	await insertUser(db, { username: 'zhao.viewer', displayName: '赵只读', password: 'viewer-pass-1', roles: ['viewer'] });
	await db.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(username: string, password: string, next = '/items'): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	return page;
}

async function newItem(page: Page, fields: { itemId: string; name: string; kind: string; makeOrBuy: string }) {
	await page.goto(server.url + '/items/new');
	await hydrated(page);
	const form = page.getByTestId('item-form');
	await form.locator('[name=itemId]').fill(fields.itemId);
	await form.locator('[name=name]').fill(fields.name);
	await form.locator('[name=kind]').selectOption(fields.kind);
	await form.locator('[name=uom]').fill('pcs');
	await form.locator('[name=unitCost]').fill('12.5');
	await form.locator('[name=makeOrBuy]').selectOption(fields.makeOrBuy);
	await form.locator('[name=leadTimeDays]').fill('3');
	await form.locator('button[type=submit]').first().click();
	await page.waitForURL((u) => u.pathname === `/items/${fields.itemId}`);
}

describe('items and bills of material in Chromium', () => {
	it('lets a planner create items and a two-level BOM, and shows a cycle inline without saving it', async () => {
		const page = await signIn('li.planner', 'planner-pass-1');
		// a bad item first: errors under the fields, nothing saved
		await page.goto(server.url + '/items/new');
		const form = page.getByTestId('item-form');
		await form.locator('[name=itemId]').fill('E2E-BAD');
		await form.locator('button[type=submit]').first().click();
		await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(1);
		expect(await page.locator('[name=name][aria-invalid=true]').count()).toBe(1);

		await newItem(page, { itemId: 'E2E-BIKE', name: 'Bike', kind: 'product', makeOrBuy: 'make' });
		await newItem(page, { itemId: 'E2E-WHEEL', name: 'Wheel', kind: 'semi', makeOrBuy: 'make' });
		await newItem(page, { itemId: 'E2E-SPOKE', name: 'Spoke', kind: 'material', makeOrBuy: 'buy' });

		async function saveBom(parent: string, lines: [string, string][]) {
			await page.goto(`${server.url}/items/${parent}`);
			await hydrated(page);
			const bom = page.getByTestId('bom-form');
			for (let i = 0; i < lines.length; i++) {
				if ((await bom.getByTestId('bom-line').count()) <= i) await bom.getByRole('button', { name: /添加|Add/ }).click();
				const line = bom.getByTestId('bom-line').nth(i);
				await line.locator('input').nth(0).fill(lines[i][0]);
				await line.locator('input').nth(1).fill(lines[i][1]);
			}
			await bom.locator('button[type=submit]').click();
		}

		await saveBom('E2E-WHEEL', [['E2E-SPOKE', '32']]);
		await expect.poll(() => page.getByTestId('bom-line').count()).toBe(1);
		await saveBom('E2E-BIKE', [['E2E-WHEEL', '2']]);
		await page.goto(`${server.url}/items/E2E-WHEEL`);
		expect(await page.locator('body').textContent()).toContain('E2E-BIKE'); // used in

		await saveBom('E2E-SPOKE', [['E2E-BIKE', '1']]);
		await expect.poll(() => page.getByTestId('bom-form').locator('.field-error').first().textContent()).toMatch(/E2E-BIKE|循环|cycle/i);
		await page.goto(`${server.url}/items/E2E-SPOKE`);
		expect(await page.getByTestId('bom-line').count()).toBeLessThanOrEqual(1);
		const values = await page.getByTestId('bom-line').locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
		expect(values).not.toContain('E2E-BIKE');

		// the timeline shows who did it
		await page.goto(`${server.url}/items/E2E-BIKE`);
		expect(await page.getByTestId('timeline').textContent()).toContain('李计划');
		await page.close();
	});

	it('adds and removes BOM lines before saving, renumbering the ones left', async () => {
		const page = await signIn('li.planner', 'planner-pass-1');
		await newItem(page, { itemId: 'E2E-FRAME', name: 'Frame', kind: 'semi', makeOrBuy: 'make' });
		await hydrated(page);
		const bom = page.getByTestId('bom-form');
		const lines = bom.getByTestId('bom-line');
		while ((await lines.count()) < 2) await bom.getByTestId('bom-add-line').click();
		await lines.nth(0).locator('[name=childItemId]').fill('E2E-SPOKE');
		await lines.nth(1).locator('[name=childItemId]').fill('E2E-WHEEL');
		await lines.nth(0).getByTestId('bom-remove-line').click();
		await expect.poll(() => lines.count()).toBe(1);
		expect(await lines.locator('[name=childItemId]').inputValue()).toBe('E2E-WHEEL');
		expect(await lines.locator('[name=childItemId]').getAttribute('aria-label')).toMatch(/ 1$/);
		expect(await lines.locator('td').first().textContent()).toBe('1');
		await page.close();
	});

	it('shows the list with search, and denies a viewer the new-item page', async () => {
		const page = await signIn('zhao.viewer', 'viewer-pass-1');
		await page.goto(`${server.url}/items?q=E2E-W`);
		const rows = await page.getByTestId('items-table').locator('tbody tr').allTextContents();
		expect(rows.join(' ')).toContain('E2E-WHEEL');
		expect(rows.join(' ')).not.toContain('E2E-SPOKE');
		const r = await page.goto(server.url + '/items/new');
		expect(r?.status()).toBe(403);
		expect(await page.getByTestId('error-page').count()).toBe(1);
		await page.goto(`${server.url}/items/E2E-BIKE`);
		expect(await page.getByTestId('item-form').count()).toBe(0);
		await page.close();
	});
});
