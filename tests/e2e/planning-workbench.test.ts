import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';

// The planner's workbench in Chromium, over the plan the server runs by itself: a sales order entered
// through the commands is planned (net change), its item's time-phased record and the pegging tree
// from its line show it, exception messages are answered in one click, and the what-if tells what a
// bigger order would change. The pages are looked at on a phone (390 px), at a desk (1440 px) and on
// a 4K wall (3840 px) in Chinese, the default, and in English; the screenshots go to a folder under
// the system's temporary directory (printed), to be looked at.

const PLANNER = { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] } as const;
const SHOTS = join(tmpdir(), 'liandong-planning-shots');
const today = factoryDate(new Date(), 'Asia/Shanghai');
const due = addDays(today, 14);

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function command(name: string, input: unknown) {
	const r = await fetch(`${server.url}/api/commands/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(input) });
	expect(r.status, `${name}: ${await r.clone().text()}`).toBe(200);
}

/** The planned orders of an item as the plan stored them (the server plans by itself after each change). */
async function plannedOrders(itemId: string): Promise<{ id: string; qty: number; dueDate: string }[]> {
	const r = await fetch(`${server.url}/api/planning/planned-orders?itemId=${itemId}`, { headers: admin });
	expect(r.status).toBe(200);
	return ((await r.json()) as { plannedOrders: { id: string; qty: number; dueDate: string }[] }).plannedOrders;
}

/** Waits for the plan to take in what was just committed (it runs soon after each change): until `ready` holds. */
async function planned(ready: () => Promise<boolean>) {
	while (!(await ready())) await new Promise((r) => setTimeout(r, 200));
}

async function signIn(next: string, width = 1440): Promise<Page> {
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(PLANNER.username);
	await page.locator('input[name=password]').fill(PLANNER.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((url) => url.pathname === new URL(next, server.url).pathname);
	await hydrated(page);
	return page;
}

/** The page is no wider than its window: nothing sticks out sideways (wide tables scroll inside their box). */
async function fitsWidth(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll, `page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

async function shoot(page: Page, name: string) {
	const path = join(SHOTS, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { ...PLANNER, roles: [...PLANNER.roles] });
	await db.close();
	// The server plans by itself, as in production: at start and soon after each change.
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_PLANNING: '1' });
	browser = await launchBrowser();
	const item = (itemId: string, name: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number) =>
		command('item.save', { itemId, name, kind: makeOrBuy === 'make' ? 'product' : 'material', uom: 'pcs', unitCost: 10, makeOrBuy, leadTimeDays });
	await item('BIKE', '城市自行车', 'make', 2);
	await item('FRAME', '车架', 'make', 3);
	await item('TUBE', '钢管', 'buy', 4);
	await item('WHEEL', '车轮', 'buy', 1);
	await command('bom.replace', { parentItemId: 'BIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }, { childItemId: 'WHEEL', qtyPer: 2 }] });
	await command('bom.replace', { parentItemId: 'FRAME', lines: [{ childItemId: 'TUBE', qtyPer: 3 }] });
	await command('customer.save', { customerId: 'C-SH', name: '上海骑行' });
	await command('supplier.save', { supplierId: 'S-NB', name: '宁波钢管' });
	await command('sales_order.create', { orderId: 'SO-100', customerId: 'C-SH', lines: [{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: due }] });
	await planned(async () => (await plannedOrders('TUBE')).length > 0);
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

describe('the planning workbench in Chromium', () => {
	it("shows the sales order in the bike's time-phased record, with its facts, in Chinese", async () => {
		const page = await signIn('/planning');
		await page.getByTestId('plan-item').filter({ hasText: 'BIKE' }).click();
		await page.waitForURL((u) => u.searchParams.get('item') === 'BIKE');
		expect(await page.getByTestId('record-title').textContent()).toContain('城市自行车');
		expect(await page.getByTestId('fact-make-buy').textContent()).toBe('自制');
		expect(await page.getByTestId('fact-llc').textContent()).toBe('0');
		const grid = page.getByTestId('record-grid');
		expect(await grid.locator(`tr[data-row=grossRequirements] td[data-date="${due}"]`).textContent()).toContain('5');
		expect(await grid.locator(`tr[data-row=plannedOrderReceipts] td[data-date="${due}"]`).textContent()).toContain('5');
		expect(await grid.locator(`tr[data-row=plannedOrderReleases] td[data-date="${addDays(due, -2)}"]`).textContent()).toContain('5');
		expect(await page.getByTestId('planned-order').getAttribute('data-id')).toBe(`PLN-BIKE-${due.replaceAll('-', '')}`);
		// Every day: the days between fill in, grouped by week; the record scrolls sideways in its box.
		await page.getByTestId('view-daily').click();
		await page.waitForURL((u) => u.searchParams.get('view') === 'daily');
		expect(await grid.locator('tr[data-row=projectedOnHand] td').count()).toBeGreaterThanOrEqual(15);
		await fitsWidth(page);
		await page.close();
	});

	it('follows the sales order line down to the tubes, and a purchase order line up to the customer', async () => {
		const page = await signIn('/sales/SO-100');
		await page.locator('[data-testid=order-line][data-line-id="10"] [data-testid=line-pegging]').click();
		await page.waitForURL((u) => u.pathname === '/planning/pegging');
		const down = page.getByTestId('peg-down');
		await down.locator('[data-testid=peg-node][data-item-id=TUBE]').waitFor();
		expect(await down.locator('[data-testid=peg-node]').evaluateAll((ns) => ns.map((n) => (n as HTMLElement).dataset.itemId))).toEqual(['BIKE', 'BIKE', 'FRAME', 'TUBE', 'WHEEL']);
		// A purchase order for the tubes: the plan uses it, and it serves SO-100 in the end.
		await command('purchase_order.place', { poId: 'PO-200', supplierId: 'S-NB', lines: [{ lineId: '1', itemId: 'TUBE', qty: 15, unitPrice: 3, expectedDate: addDays(due, -6) }] });
		await planned(async () => (await plannedOrders('TUBE')).length === 0);
		await page.goto(`${server.url}/purchasing/orders/PO-200`);
		await page.locator('[data-testid=po-line][data-line-id="1"] [data-testid=line-pegging]').click();
		await page.waitForURL((u) => u.pathname === '/planning/pegging');
		expect(await page.getByTestId('peg-customer').getAttribute('data-order-id')).toBe('SO-100');
		expect(await page.getByTestId('peg-customers').textContent()).toContain('上海骑行');
		await page.close();
	});

	it('answers exception messages in one click: the production order moved, the PO line flagged for the buyer', async () => {
		// Two bikes due in four days: their frames are needed in two, sooner than a new frame can be made;
		// the frame order due in three is asked to come earlier, and its tubes (needed today) too.
		await command('sales_order.create', { orderId: 'SO-101', customerId: 'C-SH', lines: [{ lineId: '1', itemId: 'BIKE', qty: 2, requestedDate: addDays(today, 4) }] });
		await command('production_order.create', { productionOrderId: 'MO-300', itemId: 'FRAME', qty: 2, dueDate: addDays(today, 3) });
		await command('purchase_order.place', { poId: 'PO-201', supplierId: 'S-NB', lines: [{ lineId: '1', itemId: 'TUBE', qty: 6, unitPrice: 3, expectedDate: addDays(today, 3) }] });
		const exceptionFor = async (ref: string) => {
			const r = await fetch(`${server.url}/api/planning/exceptions`, { headers: admin });
			return ((await r.json()) as { exceptions: { ref?: { id: string } }[] }).exceptions.some((x) => x.ref?.id === ref);
		};
		await planned(async () => (await exceptionFor('MO-300')) && (await exceptionFor('PO-201')));

		const page = await signIn('/planning/exceptions');
		const mo = page.locator('[data-testid=exception-row][data-ref="MO-300"]');
		expect(await mo.getAttribute('data-kind')).toBe('expedite');
		await mo.getByTestId('exception-reschedule').locator('button').click();
		await mo.getByTestId('exception-done').waitFor();
		const order = await (await fetch(`${server.url}/api/production-orders/MO-300`, { headers: admin })).json();
		expect(order.dueDate).toBe(addDays(today, 2));

		const po = page.locator('[data-testid=exception-row][data-ref="PO-201 / 1"]');
		await po.getByTestId('exception-expedite').locator('button').click();
		await po.getByTestId('exception-done').waitFor();
		await page.goto(`${server.url}/purchasing/orders/PO-201`);
		await page.locator('[data-testid=po-line][data-line-id="1"] [data-testid=expedite-flag]').waitFor();
		await page.goto(`${server.url}/purchasing/orders?q=PO-201`);
		await page.locator('[data-testid=po-row][data-po-id="PO-201"] [data-testid=po-expedite]').waitFor();
		await page.close();
	});

	it('what-if: eight bikes instead of five changes the plan before anything is saved', async () => {
		const page = await signIn('/sales/SO-100');
		await page.locator('[data-testid=order-line][data-line-id="10"] [data-testid=line-what-if]').click();
		await page.waitForURL((u) => u.pathname === '/planning/what-if');
		expect(await page.getByTestId('whatif-current').textContent()).toContain('BIKE');
		await page.getByTestId('whatif-qty').fill('8');
		await page.getByTestId('whatif-run').click();
		await page.getByTestId('whatif-result').waitFor();
		const changed = page.locator('[data-testid=whatif-changed][data-item-id=BIKE]');
		expect(await changed.textContent()).toContain('8');
		// Nothing was saved: the stored plan still makes five for the line's date.
		expect((await plannedOrders('BIKE')).filter((o) => o.dueDate === due).map((o) => o.qty)).toEqual([5]);
		// A bad quantity is named on its field.
		await page.getByTestId('whatif-qty').fill('-1');
		await page.getByTestId('whatif-run').click();
		await page.getByTestId('whatif-qty-error').waitFor();
		await page.close();
	});

	it('is readable on a phone, at a desk and on a 4K wall, in Chinese and English', async () => {
		const shots: string[] = [];
		for (const [width, height] of [
			[390, 844],
			[1440, 900],
			[3840, 2160]
		] as const) {
			const page = await signIn('/planning', width);
			await page.setViewportSize({ width, height });
			for (const [name, path] of [
				['record', '/planning?item=BIKE&view=daily'],
				['exceptions', '/planning/exceptions'],
				['pegging', '/planning/pegging?kind=sales_order_line&id=SO-100&line=10'],
				['what-if', '/planning/what-if?order=SO-100&line=10&qty=8']
			] as const) {
				await page.goto(`${server.url}${path}`);
				await hydrated(page);
				await fitsWidth(page);
				shots.push(await shoot(page, `${name}-${width}-zh`));
			}
			await page.goto(`${server.url}/planning?item=BIKE&lang=en`);
			await hydrated(page);
			expect(await page.getByTestId('fact-make-buy').textContent()).toBe('Make');
			await fitsWidth(page);
			shots.push(await shoot(page, `record-${width}-en`));
			await page.goto(`${server.url}/planning?lang=zh-CN`);
			await page.close();
		}
		console.log(`planning screenshots:\n${shots.join('\n')}`);
	});

	it("firms any planned order from the item's record in one click, not only past-due ones", async () => {
		const page = await signIn('/planning?item=BIKE');
		const row = page.getByTestId('planned-order').first();
		const id = (await row.getAttribute('data-id'))!;
		await row.getByTestId('planned-order-firm').locator('button').click();
		await page.getByTestId('planned-order-firmed').waitFor();
		// The draft production order carries the planned order it came from; the next plan counts it as supply.
		const r = await fetch(`${server.url}/api/production-orders`, { headers: admin });
		const { orders } = (await r.json()) as { orders: { productionOrderId: string; itemId: string }[] };
		const made = orders.filter((o) => o.itemId === 'BIKE');
		expect(made.length).toBeGreaterThan(0);
		const details = await Promise.all(
			made.map(async (o) => (await (await fetch(`${server.url}/api/production-orders/${o.productionOrderId}`, { headers: admin })).json()) as { serving: { plannedOrderId: string | null } })
		);
		expect(details.map((d) => d.serving.plannedOrderId)).toContain(id);
		await planned(async () => !(await plannedOrders('BIKE')).some((o) => o.id === id));
		await page.close();
	});
});
