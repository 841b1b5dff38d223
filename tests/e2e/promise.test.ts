import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { createRuntime } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { execute, type Actor } from '../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem } from '../../server/masterdata/commands.ts';
import { adjustStock } from '../../server/inventory/commands.ts';
import { insertUser } from '../../server/auth/users.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';

// The promise hint on the new-order form, in Chromium, for a sales user: as the line is typed it shows
// the date the factory can promise with its basis and reasons, in Chinese and in English; "Use" puts the
// date into the line's promised date, and the order is saved with it. A second server plans as it goes:
// its proposals come from the plan and count an order once the plan has taken it in. Screenshots at
// phone and desktop widths go to PROMISE_SCREENSHOTS when that is set.

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
/** A second factory, the same data, where the plan runs (at start, and after each commit). */
let planned: { database: TestDatabase; server: TestServer };
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const shots = process.env.PROMISE_SCREENSHOTS;

/** Five bikes on hand; more are made in 2 days from steel bought in 3: 5 days for a shortfall. */
async function seed(database: TestDatabase) {
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn'), planning: false });
	await insertUser(rt.db, { username: 'wang.sales', displayName: '王销售', password: 'sales-pass-1', roles: ['sales'] });
	await execute(rt, saveItem, { itemId: 'E2E-BIKE', name: '自行车', kind: 'product', uom: 'pcs', unitCost: 200, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(rt, saveItem, { itemId: 'E2E-STEEL', name: '钢管', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3 }, admin);
	await execute(rt, replaceBom, { parentItemId: 'E2E-BIKE', lines: [{ childItemId: 'E2E-STEEL', qtyPer: 2 }] }, admin);
	await execute(rt, adjustStock, { itemId: 'E2E-BIKE', locationId: 'MAIN', qty: 5, reasonCode: 'OPENING' }, admin);
	await execute(rt, saveCustomer, { customerId: 'E2E-C', name: '华东车行' }, admin);
	await rt.close();
}

beforeAll(async () => {
	database = await freshDatabase();
	await seed(database);
	server = await startServer(database.env);
	const other = await freshDatabase();
	await seed(other);
	planned = { database: other, server: await startServer({ ...other.env, LIANDONG_PLANNING: '1' }) };
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
	await planned?.server.stop();
	await planned?.database.drop();
});

async function newOrderPage(locale: 'zh-CN' | 'en', width = 1280, url = server.url): Promise<{ page: Page; csp: string[] }> {
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	const csp = cspViolations(page);
	await page.context().addCookies([{ name: 'lang', value: locale, url }]);
	await page.goto(`${url}/login?next=${encodeURIComponent('/sales/new')}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill('wang.sales');
	await page.locator('input[name=password]').fill('sales-pass-1');
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === '/sales/new');
	await hydrated(page);
	return { page, csp };
}

/** Today at the factory, read around an action, so a test started just before midnight still agrees. */
const today = () => factoryDate(new Date(), 'Asia/Shanghai');

describe('promise hint on the new-order form', () => {
	it('proposes a date from stock, then a made date with its reasons, and saves the one taken', async () => {
		const { page, csp } = await newOrderPage('zh-CN');
		const form = page.getByTestId('order-form');
		const line = form.getByTestId('order-line').first();
		const hint = line.getByTestId('promise-hint');
		const before = today();
		await line.locator('[name=itemId]').fill('E2E-BIKE');
		await line.locator('[name=qty]').fill('3');
		await expect.poll(() => hint.getByTestId('promise-basis').getAttribute('data-basis')).toBe('stock');
		expect([before, today()]).toContain(await hint.getByTestId('promise-date').getAttribute('data-date'));
		expect(await hint.getByTestId('promise-basis').textContent()).toBe('现货');

		// Ten: five short, made in 2 days from steel bought in 3.
		await line.locator('[name=qty]').fill('10');
		await expect.poll(() => hint.getByTestId('promise-basis').getAttribute('data-basis')).toBe('ctp');
		const made = (await hint.getByTestId('promise-date').getAttribute('data-date'))!;
		expect([addDays(before, 5), addDays(today(), 5)]).toContain(made);
		await hint.locator('summary').click();
		const reasons = await hint.getByTestId('promise-reasons').locator('li').allTextContents();
		expect(reasons[0]).toBe('尚未运行物料计划：按库存和提前期估算');
		expect(reasons[1]).toBe('组件 E2E-STEEL 提前期 3 天');
		expect(reasons).toContain('E2E-BIKE 可用库存 5');
		if (shots) await page.screenshot({ path: `${shots}/promise-desktop-zh.png`, fullPage: true });

		// A requested date after it is what is promised.
		const requested = addDays(made, 10);
		await line.locator('[name=requestedDate]').fill(requested);
		await expect.poll(() => hint.getByTestId('promise-date').getAttribute('data-date')).toBe(requested);

		await hint.getByTestId('promise-use').click();
		expect(await line.locator('[name=promisedDate]').inputValue()).toBe(requested);
		expect(await hint.getByTestId('promise-use').isDisabled()).toBe(true);

		await form.locator('[name=customerId]').fill('E2E-C');
		await form.locator('[name=orderId]').fill('SO-E2E-P1');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/SO-E2E-P1');
		const saved = page.getByTestId('order-line').first();
		expect(await saved.getByTestId('line-status').getAttribute('data-status')).toBe('promised');
		expect(await saved.textContent()).toContain(requested);
		expect(csp).toEqual([]);
		await page.close();
	});

	it('words the reasons in English, says why no date can be given, and keeps a refused form promising', async () => {
		const { page } = await newOrderPage('en');
		const form = page.getByTestId('order-form');
		const line = form.getByTestId('order-line').first();
		const hint = line.getByTestId('promise-hint');
		await line.locator('[name=itemId]').fill('NO-SUCH-ITEM');
		await line.locator('[name=qty]').fill('1');
		await expect.poll(() => hint.getByTestId('promise-problem').textContent()).toContain('No date can be proposed');

		await line.locator('[name=itemId]').fill('E2E-BIKE');
		await line.locator('[name=qty]').fill('12');
		await expect.poll(() => hint.getByTestId('promise-basis').textContent()).toBe('to make or buy');
		await hint.locator('summary').click();
		expect(await hint.getByTestId('promise-reasons').locator('li').allTextContents()).toContain('component E2E-STEEL lead time 3 days');
		if (shots) await page.screenshot({ path: `${shots}/promise-desktop-en.png`, fullPage: true });
		await hint.getByTestId('promise-use').click();
		const taken = await line.locator('[name=promisedDate]').inputValue();

		// No customer: refused, nothing saved, and the line keeps its promised date and its hint.
		await form.locator('[name=orderId]').fill('SO-E2E-P2');
		await form.getByTestId('order-save').click();
		await expect.poll(() => page.locator('[data-path=customerId]').count()).toBe(1);
		expect(await line.locator('[name=promisedDate]').inputValue()).toBe(taken);
		await expect.poll(() => hint.getByTestId('promise-basis').getAttribute('data-basis')).toBe('ctp');
		await page.close();
	});

	it('fits a phone screen', async () => {
		const { page } = await newOrderPage('zh-CN', 390);
		const line = page.getByTestId('order-line').first();
		await line.locator('[name=itemId]').fill('E2E-BIKE');
		await line.locator('[name=qty]').fill('8');
		await expect.poll(() => line.getByTestId('promise-basis').getAttribute('data-basis')).toBe('ctp');
		await line.getByTestId('promise-hint').locator('summary').click();
		// The use button is on the screen, not beyond its right edge.
		const box = (await line.getByTestId('promise-use').boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		if (shots) await page.screenshot({ path: `${shots}/promise-phone-zh.png`, fullPage: true });
		await page.close();
	});

	it('proposes from the running plan, and counts an order once the plan has taken it in', async () => {
		const { page } = await newOrderPage('zh-CN', 1280, planned.server.url);
		const form = page.getByTestId('order-form');
		const line = form.getByTestId('order-line').first();
		const hint = line.getByTestId('promise-hint');
		await line.locator('[name=itemId]').fill('E2E-BIKE');
		await line.locator('[name=qty]').fill('4');
		await expect.poll(() => hint.getByTestId('promise-basis').getAttribute('data-basis')).toBe('stock');
		await hint.locator('summary').click();
		// The plan has run: the five bikes are free stock, and no reason says the plan is missing.
		expect(await hint.getByTestId('promise-reasons').locator('li').allTextContents()).toEqual(['E2E-BIKE 可用库存 5']);
		await line.locator('[name=requestedDate]').fill(addDays(today(), 10));
		await form.locator('[name=customerId]').fill('E2E-C');
		await form.locator('[name=orderId]').fill('SO-E2E-P3');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/SO-E2E-P3');

		// The plan pegs four bikes to that order: one is left, so four more are to be made.
		const ask = async () => (await (await page.request.post(`${planned.server.url}/api/planning/promise`, { data: { itemId: 'E2E-BIKE', qty: 4 }, headers: { origin: planned.server.url } })).json()).basis;
		await expect.poll(ask, { timeout: 20_000 }).toBe('ctp');
		await page.goto(`${planned.server.url}/sales/new`);
		await hydrated(page);
		const again = page.getByTestId('order-line').first();
		await again.locator('[name=itemId]').fill('E2E-BIKE');
		await again.locator('[name=qty]').fill('4');
		await expect.poll(() => again.getByTestId('promise-basis').getAttribute('data-basis')).toBe('ctp');
		await again.getByTestId('promise-hint').locator('summary').click();
		expect(await again.getByTestId('promise-reasons').locator('li').allTextContents()).toContain('E2E-BIKE 可用库存 1');
		await page.close();
	});
});
