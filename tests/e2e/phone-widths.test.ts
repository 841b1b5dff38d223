// The ops pages on a phone (390×844) and a tablet (768×1024) in Chromium: every role's landing page
// fits the width (nothing scrolls sideways), the menu opens with the role's areas and closes on Escape,
// the user's name and sign-out stay in the bar, and the page's own actions can be reached by scrolling
// down only. At 390 px the receive, inspect, report and ship forms are walked with their full-width
// buttons. A desk keeps its one row of links. Screenshots go to a folder under the system's temporary
// directory.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { createRuntime } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { execute, type Actor } from '../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../server/sales/commands.ts';
import { createRequisition, placePurchaseOrder, receiveGoods } from '../../server/purchasing/commands.ts';
import { createProductionOrder, releaseProductionOrder, replaceRouting, saveWorkCenter } from '../../server/production/commands.ts';
import { adjustStock } from '../../server/inventory/commands.ts';
import { insertUser } from '../../server/auth/users.ts';
import type { Role } from '../../server/auth/roles.ts';

const SHOTS = join(tmpdir(), 'liandong-phone-shots');
const PASSWORD = 'phone-pass-1';
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

const WORK = ['sales', 'purchasing', 'production', 'planning', 'inventory', 'masterdata', 'boards'];
/** One user per role: where they land, the menu's areas they see, and their landing page's own actions. */
const USERS: { role: Role; username: string; displayName: string; landing: string; areas: string[]; actions: string[] }[] = [
	{ role: 'sales', username: 'ph.sales', displayName: '欧阳晓雯（主机配套销售部）', landing: '/sales', areas: WORK, actions: ['[data-testid=new-order]', '[data-testid=order-row] a.code'] },
	{ role: 'planner', username: 'ph.planner', displayName: '王芳', landing: '/planning', areas: WORK, actions: ['[data-testid=plan-search-input]', '[data-testid=plan-item]'] },
	{ role: 'purchasing', username: 'ph.buyer', displayName: '张伟', landing: '/purchasing/requisitions', areas: WORK, actions: ['[data-testid=new-requisition]', '[data-testid=req-row] a.code'] },
	{ role: 'production', username: 'ph.prod', displayName: '孙强', landing: '/production/orders', areas: WORK, actions: ['[data-testid=mo-row] a.code'] },
	{ role: 'warehouse', username: 'ph.wh', displayName: '周敏', landing: '/purchasing/inspection', areas: WORK, actions: ['[data-testid=inspection-row] td:last-child a'] },
	{ role: 'quality', username: 'ph.qc', displayName: '吴静', landing: '/purchasing/inspection', areas: WORK, actions: ['[data-testid=inspection-row] td:last-child a'] },
	{ role: 'manager', username: 'ph.boss', displayName: '陈国强', landing: '/', areas: WORK, actions: ['[data-testid=summary-awaiting-me]', '[data-testid=summary-critical]', '[data-testid=summary-review]'] },
	{ role: 'viewer', username: 'ph.viewer', displayName: '郑浩', landing: '/', areas: WORK, actions: ['[data-testid=summary-open-orders]', '[data-testid=summary-review]'] },
	{ role: 'admin', username: 'ph.admin', displayName: '赵磊', landing: '/', areas: [...WORK, 'settings'], actions: ['[data-testid=summary-wc-down]', '[data-testid=summary-system]'] }
];
const LONG_CUSTOMER = '重庆山城汽车制造有限公司两江新区整车配套基地第二分公司';
const LONG_ITEM = '高压离心水泵总成（不锈钢叶轮，带防爆电机与变频控制柜）';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const actor = (role: Role, username = USERS.find((u) => u.role === role)!.username): Actor => ({ kind: 'user', id: username, name: `user:${username}`, roles: [role] });

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	database = await freshDatabase();
	// A little of everyone's work, with names long enough to wrap: an order to ship, a requisition
	// waiting for the manager, a purchase order half received, a released production order.
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn') });
	for (const u of USERS) await insertUser(rt.db, { username: u.username, displayName: u.displayName, password: PASSWORD, roles: [u.role] });
	const admin = actor('admin');
	await execute(rt, saveItem, { itemId: 'PH-PUMP', name: LONG_ITEM, kind: 'product', uom: 'pcs', unitCost: 800, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(rt, saveItem, { itemId: 'PH-STEEL', name: '不锈钢板 304 2B 1.5×1219×2438', kind: 'material', uom: 'kg', unitCost: 18, makeOrBuy: 'buy', leadTimeDays: 7 }, admin);
	await execute(rt, saveCustomer, { customerId: 'PH-C', name: LONG_CUSTOMER }, admin);
	await execute(rt, saveSupplier, { supplierId: 'PH-S', name: '宁波华铸精密铸造有限公司（慈溪第三工厂）' }, admin);
	await execute(rt, adjustStock, { itemId: 'PH-PUMP', locationId: 'MAIN', qty: 50, unitCost: 800, reasonCode: 'OPENING' }, admin);
	await execute(rt, createSalesOrder, { orderId: 'SO-PH-1', customerId: 'PH-C', lines: [{ lineId: '10', itemId: 'PH-PUMP', qty: 8, requestedDate: '2027-01-15' }] }, actor('sales'));
	// Over the default auto-approval limit: it waits for the manager.
	await execute(rt, createRequisition, { requisitionId: 'PR-PH-1', itemId: 'PH-STEEL', qty: 1000, neededBy: '2027-01-10', supplierId: 'PH-S', unitPrice: 18 }, actor('purchasing'));
	await execute(rt, placePurchaseOrder, { poId: 'PO-PH-1', supplierId: 'PH-S', lines: [{ lineId: '1', itemId: 'PH-STEEL', qty: 500, unitPrice: 18, expectedDate: '2027-01-05' }] }, actor('purchasing'));
	await execute(rt, receiveGoods, { poId: 'PO-PH-1', lineId: '1', qty: 200 }, actor('warehouse'));
	await execute(rt, saveWorkCenter, { workCenterId: 'PH-ASSY', name: '水泵总装线', calendar: { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5] } }, admin);
	await execute(rt, replaceRouting, { itemId: 'PH-PUMP', operations: [{ seq: 10, workCenterId: 'PH-ASSY', setupMinutes: 10, runMinutesPerUnit: 6 }] }, admin);
	await execute(rt, createProductionOrder, { productionOrderId: 'MO-PH-1', itemId: 'PH-PUMP', qty: 20, dueDate: '2027-01-12' }, actor('planner'));
	await execute(rt, releaseProductionOrder, { productionOrderId: 'MO-PH-1' }, actor('planner'));
	await rt.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(username: string, size: { width: number; height: number }, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ viewport: size, javaScriptEnabled });
	const page = await context.newPage();
	await page.goto(`${server.url}/login`);
	if (javaScriptEnabled) await hydrated(page);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('[data-testid=login-form] button[type=submit]').click()]);
	if (javaScriptEnabled) await hydrated(page);
	return page;
}

/** Nothing on the page is wider than the window: it never scrolls sideways. */
async function fitsWidth(page: Page, what: string) {
	const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
	expect(scroll, `${what}: the page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

/** Scrolled to (down only), the control lies wholly inside the window. */
async function reachable(page: Page, control: Locator, what: string) {
	await control.scrollIntoViewIfNeeded();
	const box = await control.boundingBox();
	const view = await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight, scrollX: window.scrollX }));
	expect(box, `${what} is not shown`).not.toBeNull();
	expect(view.scrollX, `${what}: the page scrolled sideways`).toBe(0);
	const inside = box!.x >= 0 && box!.x + box!.width <= view.width + 0.5 && box!.y >= 0 && box!.y + box!.height <= view.height + 0.5;
	expect(inside, `${what} at ${JSON.stringify(box)} lies outside the ${view.width}×${view.height} window`).toBe(true);
}

/** At least 44 px high (and wide): a finger hits it. */
async function touchSized(control: Locator, what: string) {
	const box = (await control.boundingBox())!;
	expect(box.height, `${what} is ${box.height}px high`).toBeGreaterThanOrEqual(44);
	expect(box.width, `${what} is ${box.width}px wide`).toBeGreaterThanOrEqual(44);
}

/** A full-page screenshot resizes the window for a moment: taken only where nothing is clicked next. */
async function shot(page: Page, name: string, fullPage = true) {
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

describe('the ops pages on phones and tablets', () => {
	for (const size of [PHONE, TABLET]) {
		for (const u of USERS) {
			it(`${u.role} at ${size.width}×${size.height}: the landing page fits, the menu shows the role's areas, every action is reachable`, async () => {
				const page = await signIn(u.username, size);
				expect(new URL(page.url()).pathname).toBe(u.landing);
				await fitsWidth(page, `${u.role}'s landing page`);
				await shot(page, `${u.role}-${size.width}`);

				// The bar: the user's name and sign-out without opening anything, the links behind the menu button.
				const bar = page.locator('header.top');
				expect((await bar.boundingBox())!.height, 'the bar stays one line').toBeLessThanOrEqual(60);
				for (const [testid, what] of [['current-user', 'the user name'], ['sign-out', 'sign-out'], ['alert-bell', 'the bell'], ['menu-button', 'the menu button']]) {
					await reachable(page, page.getByTestId(testid), what);
					await touchSized(page.getByTestId(testid), what);
				}
				expect(await page.getByTestId('current-user').getAttribute('title')).toBe(u.displayName);
				const nav = page.getByTestId('site-nav');
				const button = page.getByTestId('menu-button');
				expect(await nav.isVisible()).toBe(false);
				expect(await button.getAttribute('aria-expanded')).toBe('false');

				await button.click();
				await expect.poll(() => button.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
				expect(await nav.isVisible()).toBe(true);
				expect(await page.getByTestId('nav-area').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).toEqual(u.areas);
				await fitsWidth(page, `${u.role}'s open menu`);
				await shot(page, `${u.role}-${size.width}-menu`);
				for (const link of await nav.locator('a').all()) {
					await reachable(page, link, `menu link ${await link.textContent()}`);
					expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
				}
				// Escape closes it and gives the focus back to the button.
				await page.keyboard.press('Escape');
				await expect.poll(() => nav.isVisible(), { timeout: 10_000 }).toBe(false);
				expect(await button.getAttribute('aria-expanded')).toBe('false');
				expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('menu-button');

				for (const selector of u.actions) await reachable(page, page.locator(selector).first(), `${u.role}'s action ${selector}`);
				await page.context().close();
			});
		}
	}

	it('opens the menu from the keyboard, follows a link and closes behind it; sign-out signs out', async () => {
		const page = await signIn('ph.wh', PHONE);
		await page.getByTestId('menu-button').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('site-nav').isVisible(), { timeout: 10_000 }).toBe(true);
		// The next stop after the button is the menu's first link.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/sales');
		await page.getByTestId('site-nav').locator('a[href="/inventory"]').click();
		await page.waitForURL((u) => u.pathname === '/inventory');
		await expect.poll(() => page.getByTestId('site-nav').isVisible(), { timeout: 10_000 }).toBe(false);
		await page.getByTestId('sign-out').click();
		await page.waitForURL((u) => u.pathname === '/login');
		await page.context().close();
	});

	it('opens the menu without scripts', async () => {
		const page = await signIn('ph.buyer', PHONE, false);
		expect(await page.getByTestId('site-nav').isVisible()).toBe(false);
		await page.getByTestId('menu-button').click();
		await expect.poll(() => page.getByTestId('site-nav').isVisible(), { timeout: 10_000 }).toBe(true);
		expect(await page.getByTestId('nav-area').count()).toBe(WORK.length);
		await page.context().close();
	});

	it('keeps the desk look at 1366 px: the links in the bar, no menu button', async () => {
		const page = await signIn('ph.admin', { width: 1366, height: 768 });
		expect(await page.getByTestId('menu-button').isVisible()).toBe(false);
		expect(await page.locator('header nav a[href="/sales"]').isVisible()).toBe(true);
		expect(await page.getByTestId('nav-planning').isVisible()).toBe(true);
		expect(await page.locator('.area-name').first().isVisible()).toBe(false);
		expect((await page.locator('header.top').boundingBox())!.height).toBeLessThanOrEqual(60);
		await shot(page, 'admin-1366');
		await page.context().close();
	});
});

describe('the shop-floor forms at 390 px', () => {
	/** The form's submit button spans the card and is reachable; the page still fits after it answers. */
	async function submit(page: Page, form: Locator, what: string) {
		const button = form.locator('button[type=submit]');
		await reachable(page, button, `${what}'s button`);
		await touchSized(button, `${what}'s button`);
		expect((await button.boundingBox())!.width, `${what}'s button is full width`).toBeGreaterThan(PHONE.width * 0.7);
		await shot(page, `${what}-form-390`, false);
		await button.click();
	}

	it('receives goods as the warehouse', async () => {
		const page = await signIn('ph.wh', PHONE);
		await page.goto(`${server.url}/purchasing/orders/PO-PH-1`);
		await hydrated(page);
		await fitsWidth(page, 'the purchase order');
		const form = page.locator('[data-testid=receive-form][data-line-id="1"]');
		const qty = form.locator('[name=qty]');
		await reachable(page, qty, 'the receive quantity');
		expect((await qty.boundingBox())!.width).toBeGreaterThan(PHONE.width * 0.7);
		await qty.fill('100');
		await submit(page, form, 'receive');
		await expect.poll(() => page.locator('[data-testid=po-line][data-line-id="1"] [data-testid=received-qty]').getAttribute('data-qty'), { timeout: 10_000 }).toBe('300');
		await fitsWidth(page, 'the purchase order after receiving');
		await page.context().close();
	});

	it('inspects goods as quality', async () => {
		const page = await signIn('ph.qc', PHONE);
		await reachable(page, page.locator('[data-testid=inspection-row] td:last-child a').first(), 'the inspect link');
		await page.locator('[data-testid=inspection-row] td:last-child a').first().click();
		await page.waitForURL((u) => u.pathname === '/purchasing/orders/PO-PH-1');
		await hydrated(page);
		await fitsWidth(page, 'the purchase order');
		const form = page.locator('[data-testid=inspect-form][data-line-id="1"]');
		await form.locator('[name=acceptedQty]').fill('150');
		await submit(page, form, 'inspect');
		await expect.poll(() => page.locator('[data-testid=po-line][data-line-id="1"] [data-testid=accepted-qty]').textContent(), { timeout: 10_000 }).toBe('150');
		await page.context().close();
	});

	it('starts and reports an operation as production', async () => {
		const page = await signIn('ph.prod', PHONE);
		await page.locator('[data-testid=mo-row] a.code').first().click();
		await page.waitForURL((u) => u.pathname === '/production/orders/MO-PH-1');
		await hydrated(page);
		await fitsWidth(page, 'the production order');
		const op = page.locator('[data-testid=mo-operation][data-seq="10"]');
		const start = op.locator('[data-testid=op-start] button');
		await reachable(page, start, 'start');
		await touchSized(start, 'start');
		await start.click();
		await expect.poll(() => op.getByTestId('op-status').textContent(), { timeout: 10_000 }).not.toBe('待开工');
		const form = op.getByTestId('op-report-form');
		await form.locator('[name=goodQty]').fill('6');
		await form.locator('[name=scrapQty]').fill('0');
		await submit(page, form, 'report');
		await expect.poll(() => op.getByTestId('op-good').textContent(), { timeout: 10_000 }).toBe('6');
		await fitsWidth(page, 'the production order after reporting');
		await page.context().close();
	});

	it('fits the record pages and the settings lists for an administrator, who sees every form on them, in both languages', async () => {
		const page = await signIn('ph.admin', PHONE);
		for (const lang of ['zh-CN', 'en']) {
			await page.context().addCookies([{ name: 'lang', value: lang, url: server.url }]);
			for (const path of [
				'/sales/SO-PH-1',
				'/purchasing/orders/PO-PH-1',
				'/production/orders/MO-PH-1',
				'/inventory/PH-PUMP',
				'/customers/PH-C',
				'/settings/users',
				'/settings/tokens',
				'/settings/approval-rules',
				'/planning/settings'
			]) {
				await page.goto(server.url + path);
				await hydrated(page);
				await fitsWidth(page, `${path} in ${lang} for an administrator`);
			}
		}
		await page.context().close();
	});

	it("turns a new order's lines into cards: no line scrolls sideways, every field and the remove button on screen", async () => {
		const page = await signIn('ph.sales', PHONE);
		await page.goto(`${server.url}/sales/new`);
		await hydrated(page);
		await page.getByTestId('order-add-line').click();
		await expect.poll(() => page.getByTestId('order-line').count(), { timeout: 10_000 }).toBe(2);
		await fitsWidth(page, 'the new order with two lines');
		const lines = page.locator('[data-testid=order-form] .lines');
		expect(await lines.evaluate((el) => el.scrollWidth - el.clientWidth), 'the lines scroll sideways').toBeLessThanOrEqual(0);
		const second = page.getByTestId('order-line').nth(1);
		for (const control of await second.locator('input:not([type=hidden]), select').all()) await reachable(page, control, `line 2's ${await control.getAttribute('name')}`);
		await reachable(page, second.getByTestId('order-remove-line'), "line 2's remove button");
		await touchSized(second.getByTestId('order-remove-line'), "line 2's remove button");
		await page.context().close();
	});

	it("lays the warehouse's stock forms out in one column the width of the screen", async () => {
		const page = await signIn('ph.wh', PHONE);
		await page.goto(`${server.url}/inventory/PH-PUMP`);
		await hydrated(page);
		await fitsWidth(page, 'the stock page');
		const form = page.getByTestId('adjust-form');
		const width = (await form.boundingBox())!.width;
		for (const control of await form.locator('input:not([type=hidden]), select, button[type=submit]').all()) {
			const box = (await control.boundingBox())!;
			expect(box.width, `${await control.getAttribute('name')} takes the form's width`).toBeGreaterThanOrEqual(width * 0.9);
			expect(box.height).toBeGreaterThanOrEqual(44);
		}
		await page.context().close();
	});

	it('gives the page links of a long list a finger-sized target', async () => {
		const page = await signIn('ph.admin', PHONE);
		await page.goto(`${server.url}/items?pageSize=1`);
		await hydrated(page);
		await fitsWidth(page, 'a paged item list');
		const links = page.getByTestId('pagination').locator('a, span:not(.gap)');
		expect(await links.count()).toBeGreaterThan(1);
		for (const link of await links.all()) await touchSized(link, `page link ${await link.textContent()}`);
		await page.context().close();
	});

	it('ships an order line as the warehouse', async () => {
		const page = await signIn('ph.wh', PHONE);
		await page.goto(`${server.url}/sales/SO-PH-1`);
		await hydrated(page);
		await fitsWidth(page, 'the sales order');
		const form = page.locator('[data-testid=ship-form][data-line-id="10"]');
		await form.locator('[name=qty]').fill('3');
		await submit(page, form, 'ship');
		await expect.poll(() => page.locator('[data-testid=order-line][data-line-id="10"] [data-testid=shipped-qty]').textContent(), { timeout: 10_000 }).toBe('3');
		await fitsWidth(page, 'the sales order after shipping');
		await page.context().close();
		console.log(`phone and tablet screenshots in ${SHOTS}`);
	});
});
