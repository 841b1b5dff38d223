// What the browser tests share with a built server: commands run as the admin token (set-up), and
// signing a user in through the login page, landing on `next` with the page hydrated.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from './server.ts';
import { ADMIN_TOKEN } from './tokens.ts';
import { hydrated } from './browser.ts';

/** Runs a command as the admin token; fails the test with the server's answer unless it succeeds. */
export async function adminCommand(server: TestServer, name: string, input: unknown): Promise<void> {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify(input)
	});
	expect(r.status, `${name}: ${await r.clone().text()}`).toBe(200);
}

/** A new page signed in as `who` through the login form, on `next`, hydrated. */
export async function signInAs(browser: Browser, server: TestServer, who: { username: string; password: string }, next: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(who.username);
	await page.locator('input[name=password]').fill(who.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((url) => url.pathname === next);
	await hydrated(page);
	return page;
}
