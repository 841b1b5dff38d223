import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { openDatabase } from '../../server/runtime.ts';
import { insertUser } from '../../server/auth/users.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../support/tokens.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { ev, type RawEvent } from '../support/events.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import { ROOT } from '../support/paths.ts';
import { screenSchema, widgetTopics } from '../../screens/schema.ts';

// The wall screens in Chromium: the default plant overview fills a laptop, a full-HD and a 4K display
// without scrollbars or anything cut off, follows the factory live, redraws when its file is saved,
// says when its figures stop being live, and a playlist turns through its screens.
let database: TestDatabase;
let server: TestServer;
let browser: Browser;
let kiosk: string;
let dir: string;
const today = factoryDate(new Date(), 'Asia/Shanghai');
const now = () => ({ occurredAt: new Date().toISOString() });

const floor = (title: string, theme = 'dark') => ({
	schemaVersion: 1,
	title: { 'zh-CN': title, en: 'Floor' },
	theme,
	rows: 6,
	widgets: [
		{ id: 'otd', type: 'kpi', kpi: 'otd', window: '7d', x: 0, y: 0, w: 12, h: 3 },
		{ id: 'yield', type: 'gauge', kpi: 'production_yield', window: '7d', x: 12, y: 0, w: 12, h: 3 },
		{ id: 'orders', type: 'orders', x: 0, y: 3, w: 24, h: 3, rows: 4 }
	]
});

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'liandong-screens-'));
	cpSync(join(ROOT, 'screens/plant-overview.json'), join(dir, 'plant-overview.json'));
	writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('一号车间')));
	writeFileSync(join(dir, 'wall.json'), JSON.stringify({ schemaVersion: 1, title: { 'zh-CN': '轮播' }, playlist: { screens: ['floor', 'plant-overview'], seconds: 5 } }));
	database = await freshDatabase();
	kiosk = (await makeTokens(database, { wall: { kind: 'kiosk' } })).wall;
	const db = await openDatabase(testConfig(database.env));
	await insertUser(db, { username: 'boss', displayName: '陈厂长', password: 'boss-pass-1', roles: ['manager'] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_SCREENS_DIR: dir });
	browser = await launchBrowser();
	await post([
		ev.customer({ customerId: 'C-W', name: '大屏客户' }),
		ev.item({ itemId: 'P-W', name: '水泵', makeOrBuy: 'make' }),
		{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-W', locationId: 'MAIN', qty: 100, reasonCode: 'OPENING' } }
	]);
	await post([
		ev.salesOrder({ orderId: 'SO-W1', customerId: 'C-W', lines: [{ lineId: '10', itemId: 'P-W', qty: 5, requestedDate: today }] }, now()),
		ev.salesOrder({ orderId: 'SO-W2', customerId: 'C-W', lines: [{ lineId: '10', itemId: 'P-W', qty: 5, requestedDate: addDays(today, -3) }] }, now()),
		ev.salesOrder({ orderId: 'SO-W6', customerId: 'C-W', lines: [{ lineId: '10', itemId: 'P-W', qty: 5, requestedDate: addDays(today, 10) }] }, now()),
		// On time, and three days late: both count at once (a line due and not shipped counts only when the KPI clock passes its date).
		ev.shipment({ orderId: 'SO-W1', lineId: '10', qty: 5 }, now()),
		ev.shipment({ orderId: 'SO-W2', lineId: '10', qty: 5 }, now())
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
	rmSync(dir, { recursive: true, force: true });
});

async function post(events: RawEvent[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
}

async function open(path: string, size: { width: number; height: number }): Promise<{ page: Page; errors: string[]; csp: string[] }> {
	const page = await browser.newPage({ viewport: size });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const csp = cspViolations(page);
	await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}token=${kiosk}`);
	await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
	return { page, errors, csp };
}

/** Everything the screen draws lies inside the display, and the page cannot scroll. */
async function fits(page: Page) {
	return page.evaluate(() => {
		const vw = window.innerWidth;
		const vh = window.innerHeight;
		const inside = (r: DOMRect) => r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5;
		const widgets = [...document.querySelectorAll('[data-testid^="widget-"]')].map((el) => ({ id: el.getAttribute('data-testid'), inside: inside(el.getBoundingClientRect()) }));
		return {
			scrolls: document.documentElement.scrollWidth > vw || document.documentElement.scrollHeight > vh,
			stage: inside(document.querySelector('[data-testid="stage"]')!.getBoundingClientRect()),
			widgets: widgets.length,
			outside: widgets.filter((w) => !w.inside).map((w) => w.id)
		};
	});
}

describe('wall screens in Chromium', () => {
	for (const size of [
		{ width: 1366, height: 768 },
		{ width: 1920, height: 1080 },
		{ width: 3840, height: 2160 },
		{ width: 1080, height: 1920 }
	]) {
		it(`the plant overview fits ${size.width}×${size.height} whole and live`, async () => {
			const { page, errors, csp } = await open('/screens/plant-overview', size);
			expect(await page.locator('h1').textContent()).toBe('管理驾驶舱');
			expect(await fits(page)).toEqual({ scrolls: false, stage: true, widgets: 11, outside: [] });
			// Every widget gets its first value: the stage says so (the screens benchmark times navigation to it).
			await page.locator('[data-testid="stage"][data-ready="true"]').waitFor({ timeout: 10_000 });
			// The on-time figure of the last 30 days: one line on time of two due.
			await expect.poll(() => page.locator('[data-testid="widget-otd"] [data-testid="kpi-value"]').textContent(), { timeout: 10_000 }).toContain('50.0');
			expect(await page.locator('[data-testid="widget-otd"] [data-testid="kpi-value"]').getAttribute('data-status')).toBe('bad');
			// Charts draw into canvases sized for the display: a 4K wall gets 4K pixels, not a blurred full-HD.
			const canvas = await page.locator('[data-testid="widget-otd-trend"] canvas').first().evaluate((c: HTMLCanvasElement) => ({ pixels: c.width, css: c.getBoundingClientRect().width }));
			expect(canvas.pixels / canvas.css).toBeGreaterThanOrEqual(0.95);
			expect(errors).toEqual([]);
			expect(csp).toEqual([]);
			await page.close();
		});
	}

	it('asks for every topic of the screen in one message', async () => {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		const sent: { op: string; topics?: string[] }[] = [];
		page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload)))));
		await page.goto(`${server.url}/screens/plant-overview?token=${kiosk}`);
		await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
		await page.locator('[data-testid="stage"][data-ready="true"]').waitFor({ timeout: 10_000 });
		const screen = screenSchema.parse(JSON.parse(readFileSync(join(ROOT, 'screens/plant-overview.json'), 'utf8')));
		const topics = new Set(['screen:plant-overview', ...screen.widgets.flatMap(widgetTopics)]);
		const subs = sent.filter((m) => m.op === 'sub');
		expect(subs).toHaveLength(1);
		expect(new Set(subs[0].topics)).toEqual(topics);
		await page.close();
	});

	it('shows its figures as served with the page, before its socket has brought anything', async () => {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		// The live socket never reaches the server: every figure on show comes with the page.
		await page.routeWebSocket(/\/live/, (ws) => ws.close());
		await page.goto(`${server.url}/screens/plant-overview?token=${kiosk}`);
		await page.locator('[data-testid="stage"][data-ready="true"]').waitFor({ timeout: 10_000 });
		expect(await page.locator('[data-testid="widget-otd"] [data-testid="kpi-value"]').textContent()).toContain('50.0');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('follows the factory: a shipment moves the figure and the order table, and no chart is made twice', async () => {
		const { page } = await open('/screens/floor', { width: 1920, height: 1080 });
		const value = page.locator('[data-testid="widget-otd"] [data-testid="kpi-value"]');
		await expect.poll(() => value.textContent(), { timeout: 10_000 }).toContain('50.0');
		// The order table follows its own topic: its first value may come a moment after the figure's.
		await expect.poll(() => page.locator('[data-testid="order-row"]').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('SO-W6')]);
		const canvases = await page.locator('canvas').count();
		// Three more lines, each due today and shipped in full: 4 of 5 on time.
		for (const n of [3, 4, 5]) {
			await post([
				ev.salesOrder({ orderId: `SO-W${n}`, customerId: 'C-W', lines: [{ lineId: '10', itemId: 'P-W', qty: 1, requestedDate: today }] }, now()),
				ev.shipment({ orderId: `SO-W${n}`, lineId: '10', qty: 1 }, now())
			]);
		}
		await expect.poll(() => value.textContent(), { timeout: 10_000 }).toContain('80.0');
		expect(await page.locator('canvas').count()).toBe(canvases);
		await page.close();
	});

	it('redraws when its file is saved, in the theme the file now asks for', async () => {
		const { page } = await open('/screens/floor', { width: 1366, height: 768 });
		const bg = () => page.getByTestId('screen').evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(await bg()).toBe('rgb(6, 13, 26)');
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('二号车间', 'light')));
		await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('二号车间');
		expect(await bg()).toBe('rgb(238, 242, 247)');
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('一号车间')));
		await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe('一号车间');
		await page.close();
	});

	it('the editor saves a screen through the schema: a mistake is shown by its field and nothing is written', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
		await page.goto(`${server.url}/login?next=${encodeURIComponent('/screens/floor/edit')}`);
		await hydrated(page);
		await page.locator('input[name=username]').fill('boss');
		await page.locator('input[name=password]').fill('boss-pass-1');
		await page.locator('[data-testid=login-form] button[type=submit]').click();
		await page.waitForURL((u) => u.pathname === '/screens/floor/edit');
		await hydrated(page);
		const wall = await open('/screens/floor', { width: 1366, height: 768 });
		const before = readFileSync(join(dir, 'floor.json'), 'utf8');

		await page.getByTestId('editor-title-zh').fill('三号车间');
		const first = page.getByTestId('editor-widget').first();
		// Each number is allowed by itself; together they reach past the grid.
		await first.getByLabel('x', { exact: true }).fill('20');
		await page.getByTestId('editor-save').click();
		await page.getByTestId('editor-issues').waitFor();
		expect(await page.getByTestId('editor-issues').textContent()).toContain("widgets.0.w reaches past the grid's 24 columns (x + w = 32)");
		expect(readFileSync(join(dir, 'floor.json'), 'utf8')).toBe(before);

		await first.getByLabel('x', { exact: true }).fill('0');
		await first.getByLabel('w', { exact: true }).fill('8');
		await page.getByTestId('editor-add').click();
		await page.getByTestId('editor-save').click();
		await page.getByTestId('editor-saved').waitFor();
		const saved = JSON.parse(readFileSync(join(dir, 'floor.json'), 'utf8'));
		expect(saved.title['zh-CN']).toBe('三号车间');
		expect(saved.widgets[0].w).toBe(8);
		expect(saved.widgets).toHaveLength(4);
		// The wall showing it redraws by itself.
		await expect.poll(() => wall.page.locator('h1').textContent(), { timeout: 10_000 }).toBe('三号车间');
		expect(await wall.page.locator('[data-testid^="widget-"]').count()).toBe(4);
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('一号车间')));
		await expect.poll(() => wall.page.locator('h1').textContent(), { timeout: 10_000 }).toBe('一号车间');
		await wall.page.close();
		await page.close();
	});

	it('the editor lists the versions saved and restores one: the wall shows it again', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
		await page.goto(`${server.url}/login?next=${encodeURIComponent('/screens/floor/edit')}`);
		await hydrated(page);
		await page.locator('input[name=username]').fill('boss');
		await page.locator('input[name=password]').fill('boss-pass-1');
		await page.locator('[data-testid=login-form] button[type=submit]').click();
		await page.waitForURL((u) => u.pathname === '/screens/floor/edit');
		await hydrated(page);
		const wall = await open('/screens/floor', { width: 1366, height: 768 });
		// The file was written after the save of the test before: this node shows the file, and says so.
		expect(await page.getByTestId('editor-version').count()).toBe(1);
		await page.getByTestId('editor-from-file').waitFor();
		expect(await page.getByTestId('editor-title-zh').inputValue()).toBe('一号车间');

		await page.getByTestId('editor-title-zh').fill('五号车间');
		await page.getByTestId('editor-save').click();
		await page.getByTestId('editor-saved').waitFor();
		await expect.poll(() => wall.page.locator('h1').textContent(), { timeout: 10_000 }).toBe('五号车间');
		await expect.poll(() => page.getByTestId('editor-version').count()).toBe(2);
		expect(await page.getByTestId('editor-from-file').count()).toBe(0);

		// Version 1: the one with four widgets, put back as version 3.
		await page.getByTestId('editor-version').nth(1).getByTestId('editor-restore').click();
		await page.getByTestId('editor-restored').waitFor();
		expect(await page.getByTestId('editor-restored').textContent()).toContain('3');
		await expect.poll(() => wall.page.locator('h1').textContent(), { timeout: 10_000 }).toBe('三号车间');
		expect(await wall.page.locator('[data-testid^="widget-"]').count()).toBe(4);
		await expect.poll(() => page.getByTestId('editor-version').count()).toBe(3);
		expect(await page.getByTestId('editor-version').first().textContent()).toMatch(/恢复自版本 1/);
		// Who saved it, by name (the person, not the recorded user:boss).
		expect(await page.getByTestId('editor-version').first().textContent()).toContain('陈厂长');
		expect(await page.getByTestId('editor-title-zh').inputValue()).toBe('三号车间');
		expect(JSON.parse(readFileSync(join(dir, 'floor.json'), 'utf8')).title['zh-CN']).toBe('三号车间');

		// A file edited afterwards wins on its node again (the tests below expect the first floor).
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('一号车间')));
		await expect.poll(() => wall.page.locator('h1').textContent(), { timeout: 10_000 }).toBe('一号车间');
		await wall.page.close();
		await page.close();
	});

	it('a playlist turns through its screens', async () => {
		const { page } = await open('/screens/wall', { width: 1920, height: 1080 });
		const shown = () => page.getByTestId('screen').getAttribute('data-screen');
		expect(await shown()).toBe('floor');
		await expect.poll(shown, { timeout: 10_000 }).toBe('plant-overview');
		expect(await page.locator('h1').textContent()).toBe('管理驾驶舱');
		await page.close();
	});

	it('says so when its figures stop being live, and is live again when the server is back', async () => {
		const { page } = await open('/screens/floor', { width: 1920, height: 1080 });
		const badge = page.getByTestId('screen');
		await server.stop();
		await expect.poll(() => badge.getAttribute('data-connection'), { timeout: 5_000 }).toBe('reconnecting');
		await expect.poll(() => badge.getAttribute('data-connection'), { timeout: 15_000 }).toBe('stale');
		expect(await page.getByTestId('connection-badge').textContent()).toMatch(/数据停在 \d\d:\d\d/);
		// The same server comes back on the same port: the page finds it by itself.
		server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_SCREENS_DIR: dir, PORT: String(server.port) });
		await expect.poll(() => badge.getAttribute('data-connection'), { timeout: 40_000 }).toBe('live');
		await page.close();
	});
});
