import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';

// 联动 end to end, over the plan the server runs by itself: a salesperson enters an order in the page
// and takes the reasoned promise date it proposes; the plan turns the order into planned orders, and
// (automatic linkage) into a production order and a requisition that name the customer order they
// serve; the supplier then delays the purchase order that feeds it, and the order's page shows the line
// at risk with that purchase order as the cause. How long each reaction took is printed, not asserted.
//
// The factory: BIKE (made in 2 days) ← 2 TUBE (bought in 10 days, ten already on order for day 4) +
// 2 WHEEL (bought in 3 days). A new TUBE order could not arrive before day 10.

const SALES = { username: 'wang.sales', displayName: '王销售', password: 'sales-pass-1', roles: ['sales' as const] };

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const today = factoryDate(new Date(), 'Asia/Shanghai');

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
	const r = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...admin }, body: body === undefined ? undefined : JSON.stringify(body) });
	expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
	return r.json();
}
const command = (name: string, input: unknown) => call('POST', `/api/commands/${name}`, input);

/** Polls until `probe` answers something, and says how long that took. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
	const t0 = Date.now();
	for (;;) {
		const v = await probe();
		if (v) {
			console.log(`${what}: ${Date.now() - t0} ms`);
			return v;
		}
		if (Date.now() - t0 > 30_000) throw new Error(`${what}: not within 30 s`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, SALES);
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_PLANNING: '1' });
	browser = await launchBrowser();
	await command('customer.save', { customerId: 'C-SH', name: '上海骑行' });
	for (const s of ['S-TUBE', 'S-WHEEL']) await command('supplier.save', { supplierId: s, name: s });
	await command('item.save', { itemId: 'BIKE', name: '自行车', kind: 'product', uom: 'pcs', unitCost: 300, makeOrBuy: 'make', leadTimeDays: 2 });
	await command('item.save', { itemId: 'TUBE', name: '钢管', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 10 });
	await command('item.save', { itemId: 'WHEEL', name: '车轮', kind: 'material', uom: 'pcs', unitCost: 5, makeOrBuy: 'buy', leadTimeDays: 3 });
	await command('bom.replace', { parentItemId: 'BIKE', lines: [{ childItemId: 'TUBE', qtyPer: 2 }, { childItemId: 'WHEEL', qtyPer: 2 }] });
	await command('supplier_item.save', { supplierId: 'S-TUBE', itemId: 'TUBE', price: 8, leadTimeDays: 10 });
	await command('supplier_item.save', { supplierId: 'S-WHEEL', itemId: 'WHEEL', price: 5, leadTimeDays: 3 });
	await command('purchase_order.place', { poId: 'PO-T1', supplierId: 'S-TUBE', lines: [{ lineId: '1', itemId: 'TUBE', qty: 10, unitPrice: 8, expectedDate: addDays(today, 4) }] });
	// Every category (the default row) firms planned orders due for release within 30 days.
	await command('planning_category.save', { mode: 'auto', windowDays: 30 });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(path: string): Promise<{ page: Page; csp: string[] }> {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const csp = cspViolations(page);
	await page.context().addCookies([{ name: 'lang', value: 'zh-CN', url: server.url }]);
	await page.goto(`${server.url}/login?next=${encodeURIComponent(path)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(SALES.username);
	await page.locator('input[name=password]').fill(SALES.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === path);
	await hydrated(page);
	return { page, csp };
}

describe('order → plan → linked documents → supply risk', () => {
	it('promises with reasons, links a production order and a requisition to the order, and flags the line when its purchase order slips', async () => {
		const requested = addDays(today, 10);
		const { page, csp } = await signIn('/sales/new');
		const form = page.getByTestId('order-form');
		const line = form.getByTestId('order-line').first();
		const hint = line.getByTestId('promise-hint');
		await line.locator('[name=itemId]').fill('BIKE');
		await line.locator('[name=qty]').fill('5');
		await line.locator('[name=requestedDate]').fill(requested);
		// Tubes on order for day 4, wheels in 3 days, two days to make: the requested day 10 can be promised.
		await expect.poll(() => hint.getByTestId('promise-date').getAttribute('data-date'), { timeout: 15_000 }).toBe(requested);
		expect(await hint.getByTestId('promise-basis').getAttribute('data-basis')).toBe('ctp');
		await hint.locator('summary').click();
		const reasons = await hint.getByTestId('promise-reasons').locator('li').allTextContents();
		expect(reasons.some((r) => r.includes('TUBE'))).toBe(true);
		await hint.getByTestId('promise-use').click();
		expect(await line.locator('[name=promisedDate]').inputValue()).toBe(requested);
		await form.locator('[name=customerId]').fill('C-SH');
		await form.locator('[name=orderId]').fill('SO-FLOW');
		await form.getByTestId('order-save').click();
		await page.waitForURL((u) => u.pathname === '/sales/SO-FLOW');

		// The plan takes the order in: planned orders pegged to the line, then firmed automatically.
		const servesLine = (demands: Array<{ kind: string; orderId?: string; lineId?: string }>) => demands.some((d) => d.kind === 'sales_order_line' && d.orderId === 'SO-FLOW');
		const mo = await until('production order for the line', async () => {
			const { orders } = await call('GET', '/api/production-orders');
			for (const o of orders as Array<{ productionOrderId: string; itemId: string }>) {
				if (o.itemId !== 'BIKE') continue;
				const detail = await call('GET', `/api/production-orders/${encodeURIComponent(o.productionOrderId)}`);
				if (servesLine(detail.serving?.demands ?? [])) return detail;
			}
			return null;
		});
		expect(mo.serving.plannedOrderId).toMatch(/^PLN-BIKE-/);
		const requisition = await until('requisition for the wheels', async () => {
			const { requisitions } = await call('GET', '/api/requisitions');
			const wheel = (requisitions as Array<{ requisitionId: string; itemId: string }>).find((r) => r.itemId === 'WHEEL');
			return wheel ? call('GET', `/api/requisitions/${encodeURIComponent(wheel.requisitionId)}`) : null;
		});
		expect(servesLine(requisition.serving.demands)).toBe(true);
		// The preferred supplier, and under the auto-approval limit: approved at once.
		expect(requisition.requisition).toMatchObject({ supplierId: 'S-WHEEL', status: 'approved' });
		expect(requisition.history.find((e: { type: string }) => e.type === 'requisition.created').actor).toBe('system:planner');
		// No tubes to buy: the ten on order cover the five bikes.
		const { requisitions } = await call('GET', '/api/requisitions');
		expect((requisitions as Array<{ itemId: string }>).filter((r) => r.itemId === 'TUBE')).toEqual([]);
		const order = await call('GET', '/api/sales-orders/SO-FLOW');
		expect(order.lines[0].risk).toBeNull();

		// The tube supplier slips to day 9: a new order could not come before day 10, so the bikes are a day late.
		await command('purchase_order.delay', { poId: 'PO-T1', lineId: '1', expectedDate: addDays(today, 9), reasonCode: 'LOGISTICS' });
		const risk = await until('line at risk after the delay', async () => (await call('GET', '/api/sales-orders/SO-FLOW')).lines[0].risk);
		expect(risk).toMatchObject({ expectedDate: addDays(today, 11), daysLate: 1 });
		expect(risk.causes[0]).toMatchObject({
			code: 'RISK_RECEIPT_LATE_DELAYED',
			ref: { kind: 'purchase_order', id: 'PO-T1', lineId: '1' },
			message: `PO-T1 line 1 from S-TUBE delayed to ${addDays(today, 9).slice(5)}`
		});

		// The salesperson sees it on the order, in Chinese, and in the list of orders at risk.
		await page.goto(`${server.url}/sales/SO-FLOW`);
		const shown = page.getByTestId('line-risk');
		expect(await shown.textContent()).toContain(`采购单 PO-T1 第 1 行（供应商 S-TUBE）延期至 ${addDays(today, 9).slice(5)}`);
		expect(await shown.textContent()).toContain(`预计 ${addDays(today, 11)}，晚 1 天`);
		if (process.env.FLOW_SCREENSHOTS) {
			for (const width of [390, 1440]) {
				await page.setViewportSize({ width, height: 900 });
				await page.screenshot({ path: `${process.env.FLOW_SCREENSHOTS}/order-at-risk-${width}.png`, fullPage: true });
			}
			await page.setViewportSize({ width: 1280, height: 900 });
		}
		await page.goto(`${server.url}/sales?risk=1`);
		expect(await page.getByTestId('order-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id')))).toEqual(['SO-FLOW']);
		expect(await page.getByTestId('order-at-risk').count()).toBe(1);
		expect(csp).toEqual([]);
		await page.close();
	});
});
