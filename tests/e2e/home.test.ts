// The home page in Chromium. A manager (and an administrator) lands on the factory summary: the figures
// of a small set of posted events — open, late and at-risk sales lines, a requisition awaiting the
// manager, an overdue production order, a work centre down, open alerts — each opening the list it
// counts, and links to the wall screens, the standup and the review. Other roles opening `/` land on
// their own work, as after signing in; a visitor is sent to sign in. The system status (backends,
// event counts, the live tail) is under Settings → System, for administrators. Looked at on a phone
// (390×844) and a desk (1366×768) in both languages; screenshots go to a folder under the system's
// temporary directory.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { adminCommand } from '../support/ui.ts';
import { ev, type RawEvent } from '../support/events.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';
import type { Role } from '../../server/auth/roles.ts';

const SHOTS = join(tmpdir(), 'liandong-home-shots');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };
const USERS = {
	manager: { username: 'home.boss', displayName: '陈厂长', password: 'manager-pass-1', roles: ['manager'] },
	admin: { username: 'home.admin', displayName: '赵管理', password: 'admin-pass-1', roles: ['admin'] },
	warehouse: { username: 'home.wh', displayName: '周仓库', password: 'warehouse-pass-1', roles: ['warehouse'] },
	sales: { username: 'home.sales', displayName: '李销售', password: 'sales-pass-1', roles: ['sales'] }
} satisfies Record<string, { username: string; displayName: string; password: string; roles: Role[] }>;
type Who = keyof typeof USERS;

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

/** The factory's date (Asia/Shanghai, the default) `days` from today. */
function day(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}
/** Business time `days` from now: the orders were entered weeks ago, before their dates passed. */
const when = (days: number) => ({ occurredAt: new Date(Date.now() + days * 86_400_000).toISOString() });
const raw = (type: string, data: Record<string, unknown>, days = 0): RawEvent => ({ id: randomUUID(), type, source: 'test', ...when(days), data });

async function post(events: unknown[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	expect(r.status, await r.clone().text()).toBe(200);
}

const alert = (severity: string, n: number) =>
	raw('alert.raised', {
		alertId: randomUUID(),
		rule: 'R-HOME',
		kind: 'work_center_down',
		severity,
		ref: { kind: 'work_center', id: 'WC-H1' },
		message: { 'zh-CN': `提醒 ${n}`, en: `Alert ${n}` },
		link: '/production/work-centers?status=down',
		dedupeKey: `home-${n}`
	});

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();

	const line = (lineId: string, days: number) => ({ lineId, itemId: 'P-H', qty: 4, requestedDate: day(days) });
	await post([ev.customer({ customerId: 'C-H', name: '首页客户' }), ev.item({ itemId: 'P-H', name: '制动钳 Caliper', allowNegativeStock: true })]);
	await post([
		// Two lines late in two orders, one line at risk, three orders open.
		ev.salesOrder({ orderId: 'SO-H1', customerId: 'C-H', lines: [line('10', -5), line('20', 20)] }, when(-30)),
		ev.salesOrder({ orderId: 'SO-H2', customerId: 'C-H', lines: [line('10', -3)] }, when(-30)),
		ev.salesOrder({ orderId: 'SO-H3', customerId: 'C-H', lines: [line('10', 10)] }, when(-30)),
		// Shipped in full: closed, late no more.
		ev.salesOrder({ orderId: 'SO-H4', customerId: 'C-H', lines: [line('10', -2)] }, when(-30))
	]);
	await post([
		ev.shipment({ orderId: 'SO-H4', lineId: '10', qty: 4 }, when(-3)),
		raw('sales_order_line.at_risk', { orderId: 'SO-H3', lineId: '10', dueDate: day(10), expectedDate: day(14), daysLate: 4, causes: [{ code: 'RISK_NO_SUPPLY', message: 'no supply' }] }, -1),
		// Due a week ago and not finished.
		raw('production_order.created', { productionOrderId: 'MO-H1', itemId: 'P-H', qty: 4, dueDate: day(-7), operations: [] }, -20),
		alert('critical', 1),
		alert('warning', 2)
	]);
	const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5] };
	await adminCommand(server, 'work_center.save', { workCenterId: 'WC-H1', name: '总装线', calendar });
	await adminCommand(server, 'work_center.save', { workCenterId: 'WC-H2', name: '机加工', calendar });
	await adminCommand(server, 'work_center.set_status', { workCenterId: 'WC-H1', status: 'down', reasonCode: 'BREAKDOWN' });
	await adminCommand(server, 'supplier.save', { supplierId: 'S-H', name: '首页供应商' });
	await adminCommand(server, 'item.save', { itemId: 'M-H', name: '铸件 Casting', kind: 'material', uom: 'pcs', unitCost: 100, makeOrBuy: 'buy', leadTimeDays: 5 });
	// 6,000: over the default auto-approval limit, it waits for the manager.
	await adminCommand(server, 'requisition.create', { requisitionId: 'PR-H1', itemId: 'M-H', qty: 60, neededBy: day(20), supplierId: 'S-H', unitPrice: 100 });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

/** Signs in through the login page in a window of this size; answers the page where the user landed. */
async function signIn(who: Who, size = DESK): Promise<Page> {
	const context = await browser.newContext({ viewport: size });
	const page = await context.newPage();
	await page.goto(`${server.url}/login`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(USERS[who].username);
	await page.locator('input[name=password]').fill(USERS[who].password);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('[data-testid=login-form] button[type=submit]').click()]);
	await hydrated(page);
	return page;
}

/** The figure of each tile, by tile. */
async function figures(page: Page): Promise<Record<string, string>> {
	const tiles = page.getByTestId('summary-tile');
	const out: Record<string, string> = {};
	for (const tile of await tiles.all()) out[(await tile.getAttribute('data-tile'))!] = (await tile.getByTestId('summary-count').textContent())!.trim();
	return out;
}

async function fitsWidth(page: Page, what: string) {
	const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
	expect(scroll, `${what}: the page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

describe('the home page in Chromium', () => {
	it('lands a manager on the factory summary with the figures of what was posted, each opening its list', async () => {
		const page = await signIn('manager');
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		expect(await page.locator('h1').textContent()).toBe('工厂概览');
		expect(await figures(page)).toEqual({
			'open-orders': '3',
			'late-lines': '2',
			'at-risk-lines': '1',
			'awaiting-me': '1',
			'in-progress': '0',
			overdue: '1',
			'wc-down': '1',
			'open-alerts': '2'
		});
		const tile = (id: string) => page.locator(`[data-tile="${id}"]`);
		expect(await tile('late-lines').getByTestId('summary-note').textContent()).toBe('涉及 2 个订单');
		expect(await page.getByTestId('summary-pending').textContent()).toBe('全部待审批：1');
		expect(await page.getByTestId('summary-critical').textContent()).toBe('其中严重：1');
		expect(await page.getByTestId('summary-maintenance').textContent()).toBe('保养中：0');
		// What needs someone is marked while above zero; a figure of nothing is not.
		expect(await tile('late-lines').getAttribute('class')).toContain('bad');
		expect(await tile('in-progress').getAttribute('class')).not.toMatch(/bad|warn/);
		await page.screenshot({ path: join(SHOTS, 'summary-manager-1366-zh.png'), fullPage: true });

		// Each figure opens the list it counts.
		const opens = async (testid: string, path: string, rows: string, ids: string[], attr: string) => {
			await page.getByTestId(testid).click();
			await page.waitForURL((u) => u.pathname + u.search === path);
			await expect.poll(() => page.locator(rows).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)).sort(), attr)).toEqual(ids);
			await page.goBack();
			await page.getByTestId('summary').waitFor();
		};
		await opens('summary-late-lines', '/sales?status=late', '[data-testid=order-row]', ['SO-H1', 'SO-H2'], 'data-order-id');
		await opens('summary-at-risk-lines', '/sales?risk=1', '[data-testid=order-row]', ['SO-H3'], 'data-order-id');
		await opens('summary-open-orders', '/sales?status=active', '[data-testid=order-row]', ['SO-H1', 'SO-H2', 'SO-H3'], 'data-order-id');
		await opens('summary-awaiting-me', '/purchasing/requisitions?status=awaiting', '[data-testid=req-row]', ['PR-H1'], 'data-req-id');
		await opens('summary-overdue', '/production/orders?overdue=1', '[data-testid=mo-row]', ['MO-H1'], 'data-mo-id');
		await opens('summary-wc-down', '/production/work-centers?status=down', '[data-testid=wc-row]', ['WC-H1'], 'data-wc-id');
		expect(await page.getByTestId('mo-overdue').count()).toBe(0);

		// The boards; the system status is the administrators'.
		for (const [testid, href] of [['summary-screens', '/screens'], ['summary-standup', '/standup'], ['summary-review', '/review']]) {
			expect(await page.getByTestId(testid).getAttribute('href')).toBe(href);
		}
		expect(await page.getByTestId('summary-system').count()).toBe(0);
		await page.getByTestId('summary-standup').click();
		await page.waitForURL((u) => u.pathname === '/standup');
		await page.context().close();
	});

	it('shows the production list filtered on overdue orders with its box ticked', async () => {
		const page = await signIn('manager');
		await page.goto(`${server.url}/production/orders?overdue=1`);
		expect(await page.getByTestId('mo-overdue').isChecked()).toBe(true);
		expect(await page.getByTestId('mo-row').count()).toBe(1);
		await page.getByTestId('mo-overdue').uncheck();
		await page.waitForURL((u) => !u.searchParams.has('overdue'));
		await page.context().close();
	});

	it('shows an administrator the same summary in English, with the way to the system status', async () => {
		const page = await signIn('admin');
		expect(new URL(page.url()).pathname).toBe('/');
		await page.goto(`${server.url}/?lang=en`);
		expect(await page.locator('h1').textContent()).toBe('Factory summary');
		// An administrator may decide any step but is no step's assignee: nothing awaits them by role.
		expect(await figures(page)).toMatchObject({ 'open-orders': '3', 'late-lines': '2', 'awaiting-me': '0', overdue: '1' });
		expect(await page.getByTestId('summary-pending').textContent()).toBe('All pending: 1');
		expect(await page.locator('[data-tile="late-lines"]').getByTestId('summary-note').textContent()).toBe('in 2 orders');
		expect(await page.locator('[data-tile="at-risk-lines"]').getByTestId('summary-note').textContent()).toBe('in 1 order');
		await page.screenshot({ path: join(SHOTS, 'summary-admin-1366-en.png'), fullPage: true });
		await page.getByTestId('summary-system').click();
		await page.waitForURL((u) => u.pathname === '/settings/system');
		await page.context().close();
	});

	it('sends a warehouse keeper and a sales person opening / to their own work, and a visitor to sign in', async () => {
		for (const [who, landing] of [['warehouse', '/purchasing/inspection'], ['sales', '/sales?mine=1&status=active']] as const) {
			const page = await signIn(who);
			await page.goto(`${server.url}/`);
			await page.waitForURL((u) => u.pathname + u.search === landing);
			await page.goto(`${server.url}/login`);
			expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(landing);
			await page.context().close();
		}
		const visitor = await fetch(`${server.url}/`, { redirect: 'manual' });
		expect([visitor.status, visitor.headers.get('location')]).toEqual([303, '/login?next=%2F']);
	});

	it('fits a phone (390 px) in both languages, every link a finger can hit', async () => {
		const page = await signIn('manager', PHONE);
		for (const lang of ['zh-CN', 'en']) {
			await page.goto(`${server.url}/?lang=${lang}`);
			await hydrated(page);
			await fitsWidth(page, `the summary in ${lang}`);
			const links = page.locator('[data-testid=summary] a, .boards a');
			expect(await links.count()).toBe(8 + 3 + 3);
			for (const link of await links.all()) {
				const box = (await link.boundingBox())!;
				expect(box.height, `${await link.textContent()} is ${box.height}px high`).toBeGreaterThanOrEqual(44);
				expect(box.x + box.width, `${await link.textContent()} leaves the window`).toBeLessThanOrEqual(PHONE.width);
			}
			await page.screenshot({ path: join(SHOTS, `summary-manager-390-${lang}.png`), fullPage: true });
		}
		await page.context().close();
	});
});

describe('the system status under Settings in Chromium', () => {
	it('shows the backends and counts, and follows posted events in the live tail over the session', async () => {
		const page = await signIn('admin');
		const violations = cspViolations(page);
		await page.goto(`${server.url}/settings`);
		await page.getByTestId('settings-system').click();
		await page.waitForURL((u) => u.pathname === '/settings/system');
		await hydrated(page);
		expect(await page.locator('h1').textContent()).toBe('系统状态');
		expect(await page.getByTestId('settings-tabs').locator('a[aria-current=page]').textContent()).toBe('系统状态');
		expect(await page.getByTestId('db-kind').textContent()).toBe('pglite');
		expect(await page.getByTestId('bus-kind').textContent()).toBe('memory');
		expect(await page.locator('[data-type="customer.upserted"] td.num').textContent()).toBe('1');
		expect(await page.locator('[data-type="sales_order.created"] td.num').textContent()).toBe('4');
		await page.getByTestId('live-status').filter({ hasText: '已连接' }).waitFor({ timeout: 10_000 });

		const item = ev.item({ name: '变速箱 Gearbox' });
		await post([item]);
		const row = page.locator(`[data-event-id="${item.id}"]`);
		await row.waitFor({ timeout: 10_000 });
		expect(await row.locator('.type').textContent()).toBe('item.upserted');
		expect(await row.textContent()).toContain('变速箱 Gearbox');
		expect(await page.locator('[data-type="item.upserted"] td.num').textContent()).toBe('3');
		await page.screenshot({ path: join(SHOTS, 'system-1366-zh.png'), fullPage: true });
		// The policy blocks nothing the page needs: its script, styles and the live socket.
		expect(violations).toEqual([]);
		await page.context().close();
	});

	it('connects with a token typed in, tells when it is refused, and fits a phone', async () => {
		const page = await signIn('admin', PHONE);
		const res = await page.goto(`${server.url}/settings/system?lang=en`);
		expect(res!.headers()['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
		await hydrated(page);
		await page.getByTestId('live-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		await page.getByTestId('token-input').fill('ld_wrong-token');
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await page.getByTestId('live-status').filter({ hasText: 'Token invalid' }).waitFor({ timeout: 10_000 });
		await page.getByTestId('token-input').fill(ADMIN_TOKEN);
		await page.getByRole('button', { name: 'Connect', exact: true }).click();
		await page.getByTestId('live-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		const customer = ev.customer({ name: '令牌客户' });
		await post([customer]);
		await page.locator(`[data-event-id="${customer.id}"]`).waitFor({ timeout: 10_000 });
		await fitsWidth(page, 'the system status');
		await page.screenshot({ path: join(SHOTS, 'system-390-en.png'), fullPage: true });
		await page.context().close();
	});

	it('is for administrators only', async () => {
		const page = await signIn('manager');
		const res = await page.goto(`${server.url}/settings/system`);
		expect(res!.status()).toBe(403);
		await page.context().close();
	});
});
