// A shop-floor user of a workshop sees start and report forms only on operations at their
// workshop's work centres; the other operations of the same order say whose they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

const MO = 'MO-WS-1';
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5] };

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

async function command(name: string, input: unknown) {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify(input)
	});
	expect(r.status, `${name}: ${await r.clone().text()}`).toBe(200);
}

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'saw.op', displayName: 'Saw operator', password: 'saw-password-1', roles: ['production'], department: 'WS1' });
	await insertUser(db, { username: 'any.op', displayName: 'Any operator', password: 'any-password-1', roles: ['production'] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await command('item.save', { itemId: 'CHAIR', name: 'Chair', kind: 'product', uom: 'pcs', unitCost: 50, makeOrBuy: 'make', leadTimeDays: 2 });
	await command('work_center.save', { workCenterId: 'SAW', name: 'Saw', department: 'WS1', calendar });
	await command('work_center.save', { workCenterId: 'PAINT', name: 'Paint', department: 'WS2', calendar });
	await command('routing.replace', {
		itemId: 'CHAIR',
		operations: [
			{ seq: 10, workCenterId: 'SAW', setupMinutes: 5, runMinutesPerUnit: 3 },
			{ seq: 20, workCenterId: 'PAINT', setupMinutes: 5, runMinutesPerUnit: 2 }
		]
	});
	await command('production_order.create', { productionOrderId: MO, itemId: 'CHAIR', qty: 5, dueDate: '2027-03-01' });
	await command('production_order.release', { productionOrderId: MO });
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
	await page.waitForURL((url) => url.pathname === next);
	await hydrated(page);
	return page;
}

const op = (page: Page, seq: number) => page.locator(`[data-testid=mo-operation][data-seq="${seq}"]`);

describe('workshops on the production order page in Chromium', () => {
	it('offers a workshop operator the forms of their work centres only, and reporting there works', async () => {
		const page = await signIn('saw.op', 'saw-password-1', `/production/orders/${MO}`);
		expect(await op(page, 10).getByTestId('op-report-form').count()).toBe(1);
		expect(await op(page, 20).getByTestId('op-report-form').count()).toBe(0);
		expect(await op(page, 20).getByTestId('op-other-workshop').count()).toBe(1);
		const report = op(page, 10).getByTestId('op-report-form');
		await report.locator('[name=goodQty]').fill('5');
		await report.locator('button[type=submit]').click();
		await expect.poll(() => op(page, 10).getByTestId('op-good').textContent()).toBe('5');
		await page.close();
	});

	it('offers an operator without a workshop every operation', async () => {
		const page = await signIn('any.op', 'any-password-1', `/production/orders/${MO}`);
		expect(await page.getByTestId('op-report-form').count()).toBe(2);
		expect(await page.getByTestId('op-other-workshop').count()).toBe(0);
		await page.close();
	});
});
