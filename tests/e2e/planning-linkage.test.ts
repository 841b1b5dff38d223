import { randomUUID } from 'node:crypto';
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

// Plan-to-order linkage in Chromium, over the plan the server runs by itself: a planner turns a
// category to automatic firming with its window (a bad window is refused beside the field, nothing
// saved); a requisition raised for a planned order names the customer order lines it serves, through
// the parent production order it supplies; a late planned purchase is firmed from the exception list.

const PLANNER = { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner' as const] };

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const today = factoryDate(new Date(), 'Asia/Shanghai');
const compact = (d: string) => d.replaceAll('-', '');

async function post(path: string, body: unknown) {
	const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });
	expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
}
const command = (name: string, input: unknown) => post(`/api/commands/${name}`, input);

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, PLANNER);
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_PLANNING: '1' });
	browser = await launchBrowser();
	await command('customer.save', { customerId: 'C-HZ', name: '杭州骑行' });
	await command('item.save', { itemId: 'BIKE', name: '自行车 Bike', kind: 'product', uom: 'pcs', unitCost: 300, makeOrBuy: 'make', leadTimeDays: 2, category: 'bikes' });
	await command('item.save', { itemId: 'TUBE', name: '钢管 Tube', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 7, category: 'metal' });
	await command('bom.replace', { parentItemId: 'BIKE', lines: [{ childItemId: 'TUBE', qtyPer: 2 }] });
	await command('sales_order.create', { orderId: 'SO-7', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BIKE', qty: 20, requestedDate: addDays(today, 40) }] });
	// An ERP sends what a firm would have written: the bike's order for the sales line, the tubes for the bike's planned order.
	const at = new Date().toISOString();
	await post('/api/events', {
		events: [
			{
				id: randomUUID(),
				type: 'production_order.created',
				occurredAt: at,
				source: 'erp',
				data: {
					productionOrderId: 'MO-7',
					itemId: 'BIKE',
					qty: 20,
					dueDate: addDays(today, 38),
					operations: [],
					plannedOrderId: `PLN-BIKE-${compact(addDays(today, 38))}`,
					pegs: [{ qty: 20, demand: { kind: 'sales_order_line', orderId: 'SO-7', lineId: '10' }, needDate: addDays(today, 40) }]
				}
			},
			{
				id: randomUUID(),
				type: 'requisition.created',
				occurredAt: at,
				source: 'erp',
				data: {
					requisitionId: 'PR-7',
					itemId: 'TUBE',
					qty: 40,
					neededBy: addDays(today, 30),
					unitPrice: 8,
					requesterRole: 'planner',
					ruleId: null,
					steps: [],
					autoApproved: true,
					plannedOrderId: `PLN-TUBE-${compact(addDays(today, 30))}`,
					pegs: [{ qty: 40, demand: { kind: 'planned_order', id: `PLN-BIKE-${compact(addDays(today, 38))}` }, needDate: addDays(today, 30) }]
				}
			}
		]
	});
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function signIn(next: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}&lang=en`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(PLANNER.username);
	await page.locator('input[name=password]').fill(PLANNER.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((url) => url.pathname === next);
	await hydrated(page);
	return page;
}

describe('plan-to-order linkage in Chromium', () => {
	it('sets a category to automatic firming, refusing a window beyond a year beside the field', async () => {
		const page = await signIn('/planning/settings');
		const rows = page.getByTestId('link-row');
		await expect.poll(() => rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-category')}:${e.getAttribute('data-mode')}`))).toEqual([':suggest', 'bikes:suggest', 'metal:suggest']);
		await page.locator('[data-testid=link-row][data-category=metal] [data-testid=link-edit]').click();
		await page.waitForURL((u) => u.searchParams.get('category') === 'metal');
		const form = page.getByTestId('link-form');
		await form.getByTestId('link-mode-auto').check();
		await form.locator('input[name=windowDays]').fill('400');
		await form.getByTestId('link-save').click();
		await expect.poll(() => form.locator('.field-error[data-path=windowDays]').textContent()).toBeTruthy();
		expect(await form.locator('input[name=windowDays]').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('[data-testid=link-row][data-category=metal]').getAttribute('data-mode')).toBe('suggest');
		await form.locator('input[name=windowDays]').fill('5');
		await form.getByTestId('link-save').click();
		await expect.poll(() => page.locator('[data-testid=link-row][data-category=metal]').getAttribute('data-mode')).toBe('auto');
		expect(await page.locator('[data-testid=link-row][data-category=metal] td').nth(3).textContent()).toContain('5 days');
		await page.close();
	});

	it('shows on a requisition the customer order line it serves, through the production order it supplies', async () => {
		const page = await signIn('/purchasing/requisitions/PR-7');
		expect(await page.getByTestId('serves-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['SO-7/10']);
		expect(await page.getByTestId('serves').textContent()).toContain('杭州骑行');
		expect(await page.getByTestId('from-plan').textContent()).toBe(`PLN-TUBE-${compact(addDays(today, 30))}`);
		await page.goto(`${server.url}/production/orders/MO-7`);
		expect(await page.getByTestId('serves-line').getAttribute('href')).toBe('/sales/SO-7');
		await page.close();
		// the API answers the same
		const r = await fetch(`${server.url}/api/requisitions/PR-7`, { headers: admin });
		expect(((await r.json()) as { serving: unknown }).serving).toEqual({
			plannedOrderId: `PLN-TUBE-${compact(addDays(today, 30))}`,
			demands: [{ kind: 'sales_order_line', orderId: 'SO-7', lineId: '10', customerId: 'C-HZ', customerName: '杭州骑行', requestedDate: addDays(today, 40) }]
		});
	});

	it('firms a late planned purchase from the exception list into a requisition for the customer order', async () => {
		await command('item.save', { itemId: 'BELL', name: '车铃 Bell', kind: 'material', uom: 'pcs', unitCost: 5, makeOrBuy: 'buy', leadTimeDays: 10 });
		await command('sales_order.create', { orderId: 'SO-8', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BELL', qty: 30, requestedDate: addDays(today, 3) }] });
		const plannedOrderId = `PLN-BELL-${compact(addDays(today, 3))}`;
		// the server plans soon after the order: until then the exception is not there
		for (;;) {
			const r = await fetch(`${server.url}/api/planning/exceptions?itemId=BELL`, { headers: admin });
			const { exceptions } = (await r.json()) as { exceptions: { kind: string; ref?: { id: string } }[] };
			if (exceptions.some((x) => x.kind === 'past_due' && x.ref?.id === plannedOrderId)) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		const page = await signIn('/planning/exceptions');
		const row = page.locator(`[data-testid=exception-row][data-kind=past_due][data-ref="${plannedOrderId}"]`);
		await row.getByTestId('exception-firm').locator('button').click();
		await row.getByTestId('exception-done').waitFor();
		await page.close();
		const r = await fetch(`${server.url}/api/events?type=requisition.created`, { headers: admin });
		const created = ((await r.json()) as { events: { actor?: string; data: Record<string, unknown> }[] }).events.filter((e) => e.data.plannedOrderId === plannedOrderId);
		expect(created.map((e) => [e.actor, e.data.itemId, e.data.qty, e.data.neededBy, e.data.autoApproved, e.data.pegs])).toEqual([
			['user:li.planner', 'BELL', 30, addDays(today, 3), true, [{ qty: 30, demand: { kind: 'sales_order_line', orderId: 'SO-8', lineId: '10' }, needDate: addDays(today, 3) }]]
		]);
	});
});
