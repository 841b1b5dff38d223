import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { adminCommand, signInAs } from '../support/ui.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';

// A sales order saved without a number takes the next number of the pattern, and the page opens on
// it; a requested date before today is refused at its field until "use the past date anyway" is
// ticked. The administrator's numbering page previews the next number as a pattern is typed.
// NUMBERING_SCREENSHOTS=<folder> also saves screenshots of the pages at phone and desk widths.

const USERS = {
	sales: { username: 'zhao.sales', displayName: '赵销售', password: 'sales-pass-1', roles: ['sales'] },
	adminZh: { username: 'admin.zh', displayName: '管理员', password: 'admin-pass-1', roles: ['admin'], locale: 'zh-CN' },
	adminEn: { username: 'admin.en', displayName: 'Admin', password: 'admin-pass-2', roles: ['admin'], locale: 'en' }
} as const;

const shots = process.env.NUMBERING_SCREENSHOTS;
let database: TestDatabase;
let server: TestServer;
let browser: Browser;
// The server's clock is the system clock; the factory's today in its time zone (Asia/Shanghai).
const today = factoryDate(new Date(), 'Asia/Shanghai');
const year = today.slice(0, 4);

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await adminCommand(server, 'item.save', { itemId: 'BIKE', name: '城市自行车', kind: 'product', uom: 'pcs', unitCost: 300, makeOrBuy: 'make', leadTimeDays: 3 });
	await adminCommand(server, 'customer.save', { customerId: 'C-HZ', name: '杭州骑行' });
	if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function fillOrder(page: Page, requestedDate: string) {
	const form = page.getByTestId('order-form');
	await form.locator('[name=customerId]').fill('C-HZ');
	await form.locator('input[name=itemId]').first().fill('BIKE');
	await form.locator('input[name=qty]').first().fill('4');
	await form.locator('input[name=requestedDate]').first().fill(requestedDate);
}

async function snap(page: Page, name: string) {
	if (!shots) return;
	await page.setViewportSize({ width: 1366, height: 768 });
	await page.screenshot({ path: `${shots}/${name}-desk.png`, fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `${shots}/${name}-phone.png`, fullPage: true });
	await page.setViewportSize({ width: 1366, height: 768 });
}

describe('document numbers and past dates in Chromium', () => {
	it('saves an order without a number under the next number of the pattern, and opens it', async () => {
		const page = await signInAs(browser, server, USERS.sales, '/sales/new');
		expect(await page.getByTestId('order-number-hint').textContent()).toContain(`SO-${year}00001`);
		expect(await page.locator('input[name=requestedDate]').first().getAttribute('min')).toBe(today);
		await fillOrder(page, addDays(today, 10));
		await page.getByTestId('order-save').click();
		await page.waitForURL((url) => url.pathname === `/sales/SO-${year}00001`);
		await page.close();
	});

	it('refuses a past requested date at its field until the past date is confirmed', async () => {
		const page = await signInAs(browser, server, USERS.sales, '/sales/new');
		expect(await page.getByTestId('order-number-hint').textContent()).toContain(`SO-${year}00002`);
		await fillOrder(page, addDays(today, -3));
		expect(await page.getByTestId('past-date-confirm').count()).toBe(0);
		await page.getByTestId('order-save').click();
		const confirm = page.getByTestId('past-date-confirm');
		await confirm.waitFor();
		const date = page.locator('input[name=requestedDate]').first();
		expect(await date.getAttribute('aria-invalid')).toBe('true');
		expect(await date.inputValue()).toBe(addDays(today, -3));
		expect(await page.locator('.field-error').first().textContent()).toContain(today);
		expect(page.url()).toContain('/sales/new');
		await snap(page, 'order-past-date-zh');
		await confirm.locator('input[type=checkbox]').check();
		await page.getByTestId('order-save').click();
		await page.waitForURL((url) => url.pathname === `/sales/SO-${year}00002`);
		await page.close();
	});

	it('lets the administrator preview and set a pattern; the next order takes it', async () => {
		for (const who of ['adminEn', 'adminZh'] as const) {
			const page = await signInAs(browser, server, USERS[who], '/settings/numbering');
			const form = page.locator('[data-testid=numbering-form][data-kind=sales_order]');
			expect(await form.getByTestId('numbering-preview').textContent()).toContain(`SO-${year}00003`);
			await snap(page, `numbering-${who === 'adminEn' ? 'en' : 'zh'}`);
			await page.close();
		}
		const page = await signInAs(browser, server, USERS.adminEn, '/settings/numbering');
		const form = page.locator('[data-testid=numbering-form][data-kind=sales_order]');
		const input = form.locator('input[name=pattern]');
		await input.fill('K {seq:4}');
		await expect.poll(() => form.getByTestId('numbering-preview').textContent()).toContain('letters, digits');
		await input.fill('K{yy}-{seq:4}');
		await expect.poll(() => form.getByTestId('numbering-preview').textContent()).toContain(`K${year.slice(2)}-0001`);
		await form.getByTestId('numbering-save').click();
		await page.waitForURL((url) => url.searchParams.get('saved') === 'sales_order');
		await hydrated(page);
		expect(await page.getByTestId('saved-notice').count()).toBe(1);
		expect(await form.locator('input[name=pattern]').inputValue()).toBe('K{yy}-{seq:4}');
		expect(await form.getByTestId('numbering-preview').textContent()).toContain(`K${year.slice(2)}-0001`);
		await page.close();
		const sales = await signInAs(browser, server, USERS.sales, '/sales/new');
		expect(await sales.getByTestId('order-number-hint').textContent()).toContain(`K${year.slice(2)}-0001`);
		await sales.close();
	});
});
