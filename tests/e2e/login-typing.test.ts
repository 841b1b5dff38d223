import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// At the line the network is slow: people type their name and password while the sign-in page's
// scripts are still loading. What they typed must survive the page coming alive, and sign them in.

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'zhao.wh', displayName: '赵仓管', password: 'warehouse-pass-1', roles: ['warehouse'] });
	await db.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

describe('the sign-in page on a slow connection', () => {
	it('keeps what was typed before its scripts ran, and signs in with it', async () => {
		for (let attempt = 0; attempt < 3; attempt++) {
			const page = await browser.newPage();
			// The app's scripts arrive 1.5 s late: the form is typed into as plain HTML first.
			await page.route('**/_app/immutable/**', async (route) => {
				await new Promise((r) => setTimeout(r, 1500));
				await route.continue();
			});
			await page.goto(`${server.url}/login?next=/`, { waitUntil: 'domcontentloaded' });
			await page.locator('input[name=username]').fill('zhao.wh');
			await page.locator('input[name=password]').fill('warehouse-pass-1');
			await hydrated(page);
			expect(await page.locator('input[name=username]').inputValue()).toBe('zhao.wh');
			expect(await page.locator('input[name=password]').inputValue()).toBe('warehouse-pass-1');
			await page.locator('[data-testid=login-form] button[type=submit]').click();
			await page.waitForURL((url) => url.pathname !== '/login');
			await page.close();
		}
	});
});
