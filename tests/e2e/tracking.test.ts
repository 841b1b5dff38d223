import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { ev, type RawEvent } from '../support/events.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// Customer order tracking in Chromium: a salesperson makes a share link on the customer's page, the
// customer opens it on a phone without signing in and sees their own order in English, the opening
// shows on the customer's page, and once revoked the link opens nothing.
let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'wu.sales', displayName: '吴销售', password: 'sales-pass-1', roles: ['sales'] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await post([
		ev.customer({ customerId: 'C-T', name: '东风配套' }),
		ev.customer({ customerId: 'C-X', name: '其他客户' }),
		ev.item({ itemId: 'P-T', name: 'Water pump 1.5L', makeOrBuy: 'make', unitCost: 88.8 })
	]);
	await post([
		ev.salesOrder({ orderId: 'SO-T1', customerId: 'C-T', lines: [{ lineId: '10', itemId: 'P-T', qty: 12, requestedDate: '2099-12-20' }] }),
		ev.salesOrder({ orderId: 'SO-X1', customerId: 'C-X', lines: [{ lineId: '10', itemId: 'P-T', qty: 3, requestedDate: '2099-12-20' }] })
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function post(events: RawEvent[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
}

async function signIn(next: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill('wu.sales');
	await page.locator('input[name=password]').fill('sales-pass-1');
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	await hydrated(page);
	return page;
}

describe('customer order tracking in Chromium', () => {
	it('a share link made on the customer page opens the customer’s own orders on a phone, logged, until revoked', async () => {
		const sales = await signIn('/customers/C-T');
		const links = sales.getByTestId('tracking-links');
		await links.getByTestId('tracking-label').fill('采购 王经理');
		await links.getByTestId('tracking-locale').selectOption('en');
		await links.getByTestId('tracking-create').click();
		const url = await links.getByTestId('tracking-url').inputValue({ timeout: 10_000 });
		expect(url).toMatch(new RegExp(`^${server.url}/track/[A-Za-z0-9_-]{20,}$`));
		expect(await links.getByTestId('tracking-link').count()).toBe(1);
		expect(await links.getByTestId('tracking-opened').textContent()).toBe('尚未打开');

		// The customer, on a phone, signed in nowhere.
		const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const customer = await phone.newPage();
		const csp = cspViolations(customer);
		const res = await customer.goto(url);
		expect(res!.status()).toBe(200);
		expect(res!.headers()['cache-control']).toBe('no-store');
		expect(await customer.getByTestId('track-customer').textContent()).toBe('Orders of 东风配套');
		expect(await customer.getByTestId('track-order').evaluateAll((els) => els.map((e) => e.getAttribute('data-order')))).toEqual(['SO-T1']);
		const page = await customer.content();
		for (const internal of ['SO-X1', '其他客户', '88.8', 'wu.sales', '吴销售', '退出', 'Sign out']) expect(page).not.toContain(internal);
		expect(await customer.getByTestId('track-promised').textContent()).toBe('to be confirmed');
		// Nothing wider than the phone.
		expect(await customer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		expect(csp).toEqual([]);

		// A promise given meanwhile shows at the next refresh (the page asks every 30 s; here at once).
		await post([{ ...ev.item(), type: 'sales_order.promised', data: { orderId: 'SO-T1', lines: [{ lineId: '10', promisedDate: '2099-12-18' }] } }]);
		await customer.reload();
		expect(await customer.getByTestId('track-promised').textContent()).toBe('Dec 18, 2099');

		// Both openings show on the customer page.
		await sales.reload();
		expect(await links.getByTestId('tracking-opened').textContent()).toMatch(/^打开 2 次，最近 /);

		sales.on('dialog', (d) => void d.accept());
		await links.getByTestId('tracking-revoke').click();
		await expect.poll(() => links.getByTestId('tracking-revoke').count(), { timeout: 10_000 }).toBe(0);
		const gone = await customer.goto(url);
		expect(gone!.status()).toBe(410);
		expect(await customer.locator('body').textContent()).toContain('This link is no longer valid');
		await phone.close();
		await sales.close();
	});

	it('a link that never was is a plain 404, and the data behind a page needs a live link', async () => {
		const r = await fetch(`${server.url}/track/not-a-real-link-secret-at-all`);
		expect(r.status).toBe(404);
		const d = await fetch(`${server.url}/track/not-a-real-link-secret-at-all/data`);
		expect(d.status).toBe(404);
		expect(await d.json()).toEqual({ code: 'ERR_NOT_FOUND', message: 'No such tracking link' });
	});
});
