import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { freshDatabase, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { ev } from '../support/events.ts';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function post(events: unknown[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	expect(r.status).toBe(200);
}

describe('home page in Chromium', () => {
	it('shows the backends and counts in Chinese, and a posted event appears in the live tail', async () => {
		await post([ev.customer({ name: '上海客户' })]);
		const page = await browser.newPage();
		const violations = cspViolations(page);
		const res = await page.goto(server.url + '/');
		expect(res!.headers()['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
		expect(res!.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'strict-origin-when-cross-origin' });
		expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
		await expect.poll(() => page.locator('h1').textContent()).toBe('联动');
		expect(await page.getByTestId('db-kind').textContent()).toBe('pglite');
		expect(await page.getByTestId('bus-kind').textContent()).toBe('memory');
		expect(await page.locator('[data-type="customer.upserted"] td.num').textContent()).toBe('1');

		await hydrated(page);
		await page.getByTestId('token-input').fill(ADMIN_TOKEN);
		await page.getByRole('button', { name: '连接' }).click();
		await page.getByTestId('live-status').filter({ hasText: '已连接' }).waitFor({ timeout: 10_000 });

		const item = ev.item({ name: '变速箱 Gearbox' });
		await post([item]);
		const row = page.locator(`[data-event-id="${item.id}"]`);
		await row.waitFor({ timeout: 10_000 });
		expect(await row.locator('.type').textContent()).toBe('item.upserted');
		expect(await row.textContent()).toContain('变速箱 Gearbox');
		expect(await page.locator('[data-type="item.upserted"] td.num').textContent()).toBe('1');
		// The policy blocks nothing the page needs: its script, styles and the live socket.
		expect(violations).toEqual([]);
		await page.close();
	});

	it('switches to English and keeps the choice', async () => {
		const page = await browser.newPage();
		await page.goto(server.url + '/');
		await hydrated(page);
		await page.getByTestId('lang-switch').click();
		await page.waitForURL(/lang=en/);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('h1').textContent()).toBe('Liandong');
		await page.goto(server.url + '/');
		expect(await page.getByRole('heading', { name: 'System status' }).count()).toBe(1);
		await page.close();
	});

	it('tells the user when the token is refused', async () => {
		const page = await browser.newPage();
		await page.goto(server.url + '/?lang=en');
		await hydrated(page);
		await page.getByTestId('token-input').fill('ld_wrong-token');
		await page.getByRole('button', { name: 'Connect' }).click();
		await page.getByTestId('live-status').filter({ hasText: 'Token invalid' }).waitFor({ timeout: 10_000 });
		await page.close();
	});
});
