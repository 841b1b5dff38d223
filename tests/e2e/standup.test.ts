import { readFile, writeFile } from 'node:fs/promises';
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
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';

// The standup in Chromium: a team lead sees yesterday's on-time delivery in colour, opens the records
// behind it, downloads them as XLSX and leaves a comment that then marks the board.
// STANDUP_SCREENSHOTS=<folder> keeps the exported images and the pages they were made of.
const shots = process.env.STANDUP_SCREENSHOTS;
let database: TestDatabase;
let server: TestServer;
let browser: Browser;
const today = factoryDate(new Date(), 'Asia/Shanghai');
const yesterday = addDays(today, -1);
const at = (date: string, hh = '10', mm = '00') => ({ occurredAt: `${date}T${hh}:${mm}:00+08:00` });
// Yesterday's shipments late in the evening: the standup counts the last 24 hours, which hold them at
// any time of today but its last minutes (then the count expected below says so).
const SHIPPED = [at(yesterday, '23', '50'), at(yesterday, '23', '55')];
const shippedInLastDay = () => SHIPPED.filter((s) => Date.parse(s.occurredAt) > Date.now() - 24 * 3_600_000).length;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'lead', displayName: '王组长', password: 'lead-pass-1', roles: ['planner'] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await post([ev.customer({ customerId: 'C-S', name: '晨会客户' }), ev.item({ itemId: 'P-S', name: '泵', makeOrBuy: 'make' })]);
	await post([{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-S', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' }, ...at(addDays(today, -3)) }]);
	await post([ev.salesOrder({ orderId: 'SO-S1', customerId: 'C-S', lines: [{ lineId: '10', itemId: 'P-S', qty: 1, requestedDate: yesterday }, { lineId: '20', itemId: 'P-S', qty: 1, requestedDate: addDays(today, -2) }] }, at(addDays(today, -3)))]);
	// Line 10 on time yesterday; line 20, due the day before, shipped yesterday: late.
	await post([ev.shipment({ orderId: 'SO-S1', lineId: '10', qty: 1 }, SHIPPED[0]), ev.shipment({ orderId: 'SO-S1', lineId: '20', qty: 1 }, SHIPPED[1])]);
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

/** Width and height from a PNG's IHDR, after checking its signature. */
function pngSize(png: Buffer): { width: number; height: number } {
	expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
	expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Colours in the image, counted by the browser that decodes it (a sample of its pixels). */
async function distinctColours(page: Page, png: Buffer): Promise<number> {
	return page.evaluate(async (b64) => {
		// An <img> of a data: URL, which the page's CSP allows (img-src data:), where fetch would not be.
		const bmp = new Image();
		bmp.src = `data:image/png;base64,${b64}`;
		await bmp.decode();
		const c = new OffscreenCanvas(bmp.naturalWidth, bmp.naturalHeight);
		const g = c.getContext('2d')!;
		g.drawImage(bmp, 0, 0);
		const d = g.getImageData(0, 0, c.width, c.height).data;
		const seen = new Set<number>();
		for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
		return seen.size;
	}, png.toString('base64'));
}

async function signIn(next: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
	const page = await browser.newPage({ viewport });
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill('lead');
	await page.locator('input[name=password]').fill('lead-pass-1');
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => u.pathname === next);
	await hydrated(page);
	return page;
}

describe('standup in Chromium', () => {
	it('from the board to the records behind a figure, their XLSX, and a comment that marks the board', async () => {
		const page = await signIn('/standup');
		const csp = cspViolations(page);
		const otd = page.locator('[data-testid="standup-kpi"][data-kpi="otd"]');
		// The day before yesterday's line counts on its due date, so yesterday is 1 of 1 on time (green).
		expect(await otd.getByTestId('kpi-yesterday').textContent()).toBe('100.0%');
		expect(await otd.getByTestId('kpi-yesterday').getAttribute('class')).toContain('ok');
		expect(await page.locator('[data-testid="standup-changes"] [data-kind="shipments"] b').textContent()).toBe(String(shippedInLastDay()));

		await otd.locator('a').click();
		await page.waitForURL((u) => u.pathname === '/standup/otd');
		await hydrated(page);
		await page.getByTestId('range-30d').click();
		await page.waitForURL((u) => u.search.includes('range=30d'));
		const rows = page.getByTestId('drill-record');
		expect(await rows.count()).toBe(2);
		// Oldest due date first: the late line, one day late.
		expect(await rows.nth(0).locator('td').allTextContents()).toEqual(['SO-S1/20', 'C-S', addDays(today, -2), yesterday, '1', expect.any(String)]);
		expect(await rows.nth(1).locator('td').first().textContent()).toBe('SO-S1/10');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-xlsx').click()]);
		expect(download.suggestedFilename()).toMatch(/^otd-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);

		await page.getByTestId('comment-text').fill('20 行晚一天：等铸件');
		await page.getByTestId('comment-save').click();
		await page.getByTestId('drill-comment').first().waitFor({ timeout: 10_000 });
		expect(await page.getByTestId('drill-comment').first().textContent()).toContain('20 行晚一天：等铸件');
		expect(await page.getByTestId('drill-comment').first().textContent(), 'the comment names its author by name').toContain('王组长');

		await page.goto(server.url + '/standup');
		expect(await otd.textContent()).toContain('备注 1');
		expect(csp).toEqual([]);
		await page.close();
	});

	it('the review ranks the causes of late lines and downloads as a workbook', async () => {
		const page = await signIn('/review');
		expect(await page.getByTestId('review-range').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/);
		await page.getByTestId('review-month').click();
		await page.waitForURL((u) => u.search.includes('period=month'));
		// The line shipped a day late had no cause recorded.
		const cause = page.locator('[data-testid="review-cause"][data-code="UNEXPLAINED"]');
		await cause.waitFor();
		expect(await cause.locator('td').nth(2).textContent()).toBe('1');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-xlsx').click()]);
		expect(download.suggestedFilename()).toMatch(/^review-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
		await page.close();
	});

	it('exports the board as a PNG of the page as shown, in Chinese and English, on a desk and a phone', async () => {
		const desk = { width: 1366, height: 900 };
		const phone = { width: 390, height: 844 };
		for (const [locale, viewport] of [
			['zh-CN', desk],
			['en', phone],
			...(shots ? ([['zh-CN', phone], ['en', desk]] as const) : [])
		] as const) {
			const page = await signIn('/standup', viewport);
			const csp = cspViolations(page);
			const errors: string[] = [];
			page.on('pageerror', (e) => void errors.push(e.message));
			if (locale === 'en') {
				await page.goto(`${server.url}/standup?lang=en`);
				await hydrated(page);
			}
			const button = page.getByTestId('standup-png');
			expect(await button.textContent()).toBe(locale === 'en' ? 'Export as PNG' : '导出图片 PNG');
			const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
			expect(download.suggestedFilename()).toBe(`standup-${today}.png`);
			const png = await readFile((await download.path())!);
			const { width, height } = pngSize(png);
			// The content area at twice the CSS pixels: as wide as the page's main column, as tall as the board.
			const box = (await page.locator('main').boundingBox())!;
			expect({ width: Math.abs(width - box.width * 2) <= 2, height: Math.abs(height - box.height * 2) <= 2 }, `${width}×${height} for ${box.width}×${box.height}`).toEqual({ width: true, height: true });
			expect(png.length, 'a drawn page, not an empty canvas').toBeGreaterThan(viewport.width * 20);
			// The figures are drawn: the image is not one colour (the KPI colours are in it).
			expect(await distinctColours(page, png)).toBeGreaterThan(20);
			expect(errors).toEqual([]);
			expect(csp).toEqual([]);
			if (shots) {
				await writeFile(`${shots}/standup-export-${locale}-${viewport.width}.png`, png);
				await page.screenshot({ path: `${shots}/standup-page-${locale}-${viewport.width}.png`, fullPage: true });
			}
			await page.close();
		}
	});

	it('fits a phone without sideways scrolling', async () => {
		for (const path of ['/standup', '/review']) {
			const page = await signIn(path, { width: 390, height: 844 });
			expect({ path, fits: await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth) }).toEqual({ path, fits: true });
			await page.close();
		}
	});
});
