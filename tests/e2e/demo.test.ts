// The demo factory in Chromium, from a newcomer's first start: the page opened while the demo is
// being prepared shows the step and percentage and turns ready by itself (the demo accounts appear
// without a reload); one click on an account fills the sign-in form, and every demo user lands on a
// page of their own work. The sign-in page and the banner are looked at on a phone (390 px) and a
// desk (1920 px) in Chinese; the screenshots go to a folder under the system's temporary directory.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cspViolations, hydrated, launchBrowser } from '../support/browser.ts';
import { DEMO_USERS } from '../../seed/plant/users.ts';
import { DEMO_PASSWORD } from '../../server/demo/state.ts';

const SHOTS = join(tmpdir(), 'liandong-demo-shots');

/** Where each demo user lands: their own work list. */
const LANDING: Record<string, string> = {
	admin: '/',
	'chen.guoqiang': '/',
	'li.na': '/sales',
	'liu.yang': '/sales',
	'wang.fang': '/planning',
	'zhang.wei': '/purchasing/requisitions',
	'sun.qiang': '/production/orders',
	'zhou.min': '/purchasing/inspection',
	'wu.jing': '/purchasing/inspection',
	'zheng.hao': '/'
};

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launchBrowser();
	database = await freshDatabase();
	// A few days of history (the default 90 take minutes): enough for every role to find work.
	server = await startServer({ ...database.env, LIANDONG_DEMO: '1', LIANDONG_DEMO_HISTORY_DAYS: '3' });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

async function fitsWidth(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll, `page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

/** Signs in by clicking the demo account; answers the page and the status of the page landed on. */
async function signInAs(username: string): Promise<{ page: Page; status: number }> {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`${server.url}/login`);
	await hydrated(page);
	await page.locator(`[data-testid=demo-account][data-username="${username}"]`).click();
	expect(await page.locator('input[name=username]').inputValue()).toBe(username);
	expect(await page.locator('input[name=password]').inputValue()).toBe(DEMO_PASSWORD);
	const landed = page.waitForResponse((r) => r.request().method() === 'GET' && r.request().isNavigationRequest() && new URL(r.url()).pathname !== '/login');
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	const response = await landed;
	return { page, status: response.status() };
}

describe('the demo factory in Chromium', () => {
	it('shows the preparation on the page opened during it, and turns ready by itself', async () => {
		const pages = await Promise.all([390, 1920].map((width) => browser.newPage({ viewport: { width, height: width < 500 ? 844 : 1080 } })));
		const csp = pages.map((p) => cspViolations(p));
		await Promise.all(pages.map((p) => p.goto(`${server.url}/login`)));
		// Both pages at once, each read in one go (status, percentage, text): the plant takes only seconds
		// to load, so nothing slow (a screenshot) may come between opening the pages and seeing them prepare.
		const seen = await Promise.all(
			pages.map(async (page) => {
				let last: { status: string | null; percent: number; text: string } | null = null;
				await expect
					.poll(
						async () => {
							last = await page.evaluate(() => {
								const b = document.querySelector('[data-testid=demo-banner]');
								const pct = document.querySelector('[data-testid=demo-percent]')?.textContent ?? '0';
								return { status: b?.getAttribute('data-status') ?? null, percent: Number(pct.replace('%', '')), text: b?.textContent ?? '' };
							});
							return last.status === 'loading' && last.percent > 0;
						},
						// The history runs in the server's thread: on a busy machine the first page and its
						// progress poll wait their turn between its transactions.
						{ timeout: 30_000, interval: 50 }
					)
					.toBe(true);
				return last!;
			})
		);
		for (const [i, page] of pages.entries()) {
			expect(seen[i].text).toContain('正在准备演示工厂');
			await fitsWidth(page);
			await page.screenshot({ path: join(SHOTS, `banner-${[390, 1920][i]}.png`), fullPage: true });
		}
		for (const [i, page] of pages.entries()) {
			// Polled every second: ready, then the accounts arrive without a reload.
			await expect.poll(() => page.getByTestId('demo-banner').getAttribute('data-status'), { timeout: 90_000 }).toBe('ready');
			await expect.poll(() => page.getByTestId('demo-account').count(), { timeout: 10_000 }).toBe(DEMO_USERS.length);
			expect(await page.getByTestId('demo-accounts').textContent()).toContain(DEMO_PASSWORD);
			await fitsWidth(page);
			await page.screenshot({ path: join(SHOTS, `login-ready-${[390, 1920][i]}.png`), fullPage: true });
			expect(csp[i]).toEqual([]);
		}
		// A few seconds later the banner has gone.
		await expect.poll(() => pages[0].getByTestId('demo-banner').count(), { timeout: 10_000 }).toBe(0);
		await pages[0].screenshot({ path: join(SHOTS, 'login-390.png'), fullPage: true });
		await Promise.all(pages.map((p) => p.close()));
		console.log(`demo screenshots in ${SHOTS}`);
	});

	it('signs every demo user in with one click and lands them on their own work', async () => {
		for (const u of DEMO_USERS) {
			const { page, status } = await signInAs(u.username);
			expect(status, u.username).toBe(200);
			expect(new URL(page.url()).pathname, u.username).toBe(LANDING[u.username]);
			await hydrated(page);
			expect(await page.getByTestId('current-user').textContent(), u.username).toBe(u.displayName);
			expect((await page.locator('main').innerText()).length, u.username).toBeGreaterThan(20);
			await page.close();
		}
	});
});
