// Account administration in Chromium: an administrator changes a user's roles and department and
// sets a password on the user's page; the user then sees the narrowed work and changes their own
// password on "My account"; the roles page shows the matrix the server checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	await insertUser(db, { username: 'root', displayName: 'Root', password: 'root-password', roles: ['admin'] });
	await insertUser(db, { username: 'wang', displayName: '王', password: 'wang-password-1', roles: ['viewer'] });
	await db.close();
	server = await startServer(database.env);
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

/** Without `next`, the user lands where their roles send them. */
async function signIn(username: string, password: string, next?: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(next ? `${server.url}/login?next=${encodeURIComponent(next)}` : `${server.url}/login`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((u) => (next ? u.pathname === next : u.pathname !== '/login'));
	await hydrated(page);
	return page;
}

describe('accounts in Chromium', () => {
	it('lets an administrator change roles, department and password on the user page, each in its history', async () => {
		const admin = await signIn('root', 'root-password', '/settings/users');
		await admin.locator('[data-testid=user-link]', { hasText: 'wang' }).click();
		await admin.waitForURL((u) => u.pathname === '/settings/users/wang');
		await hydrated(admin);

		const form = admin.getByTestId('account-form');
		// no role at all: refused on the roles, nothing saved
		await form.locator('input[name=roles][value=viewer]').uncheck();
		await form.getByTestId('account-save').click();
		await expect.poll(() => form.locator('[data-field=roles].invalid').count()).toBe(1);
		expect(await admin.getByTestId('timeline-entry').count()).toBe(0);

		await form.locator('input[name=roles][value=sales]').check();
		await form.locator('[name=department]').fill('EAST');
		await form.getByTestId('account-save').click();
		await expect.poll(() => admin.getByTestId('saved').count()).toBe(1);
		await expect.poll(() => admin.locator('[data-testid=timeline-entry][data-type="user.updated"]').count()).toBe(1);
		expect(await admin.getByTestId('timeline').textContent()).toContain('EAST');

		const pw = admin.getByTestId('password-form');
		await pw.locator('[name=password]').fill('short');
		await pw.getByTestId('password-save').click();
		await expect.poll(() => pw.locator('[name=password][aria-invalid=true]').count()).toBe(1);
		await pw.locator('[name=password]').fill('wang-password-2');
		await pw.getByTestId('password-save').click();
		await expect.poll(() => admin.locator('[data-testid=timeline-entry][data-type="user.password_set"]').count()).toBe(1);
		// People by name in histories; the actor as recorded stays on the element.
		const actor = admin.locator('[data-testid=timeline-entry][data-type="user.password_set"] .actor');
		expect(await actor.textContent()).toBe('Root');
		expect(await actor.getAttribute('data-actor')).toBe('user:root');

		// the roles page: the matrix the server checks
		await admin.goto(server.url + '/settings/roles');
		await hydrated(admin);
		const allowed = (command: string, role: string) => admin.locator(`[data-command="${command}"] td[data-role=${role}]`).getAttribute('data-allowed');
		expect(await allowed('sales_order.create', 'sales')).toBe('true');
		expect(await allowed('item.save', 'sales')).toBe('false');
		expect(await allowed('user.update', 'admin')).toBe('true');
		await admin.close();
	});

	it('lands the changed user on their own orders and lets them change their password with the current one', async () => {
		const page = await signIn('wang', 'wang-password-2');
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sales?mine=1&status=active');
		expect(await page.getByTestId('orders-mine').isChecked()).toBe(true);
		await page.getByTestId('current-user').click();
		await page.waitForURL((u) => u.pathname === '/account');
		await hydrated(page);
		const form = page.getByTestId('own-password-form');
		await form.locator('[name=currentPassword]').fill('not-my-password');
		await form.locator('[name=newPassword]').fill('wang-password-3');
		await form.getByTestId('own-password-save').click();
		await expect.poll(() => form.locator('[name=currentPassword][aria-invalid=true]').count()).toBe(1);
		await form.locator('[name=currentPassword]').fill('wang-password-2');
		await form.locator('[name=newPassword]').fill('wang-password-3');
		await form.getByTestId('own-password-save').click();
		await expect.poll(() => page.getByTestId('saved').count()).toBe(1);
		await page.close();
		const again = await signIn('wang', 'wang-password-3', '/account');
		expect(await again.getByTestId('account-username').textContent()).toBe('wang');
		await again.close();
	});
});
