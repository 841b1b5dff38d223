import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// A work centre stops: the operator's bell counts the alert, the alerts page shows it linked to its
// record, and the operator acknowledges and resolves it with comments; the API answers per contract.
// An administrator changes a rule in settings, and a bad value is refused under its field.

const USERS = {
	admin: { username: 'zhou.admin', displayName: '周管理', password: 'admin-pass-1', roles: ['admin'] },
	production: { username: 'wu.op', displayName: '吴操作', password: 'production-pass-1', roles: ['production'] },
	sales: { username: 'qian.sales', displayName: '钱销售', password: 'sales-pass-1', roles: ['sales'] }
} as const;
type Who = keyof typeof USERS;

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const calendar = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };

async function command(name: string, input: unknown) {
	const r = await fetch(`${server.url}/api/commands/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(input) });
	expect(r.status, `${name}: ${await r.clone().text()}`).toBe(200);
}

type ApiAlert = { id: string; rule: string; severity: string; status: string; ref: { kind: string; id: string }; message: string; raisedAt: string; owner?: { kind: string; id: string } };

async function alerts(query = ''): Promise<ApiAlert[]> {
	const r = await fetch(`${server.url}/api/alerts${query}`, { headers: admin });
	expect(r.status).toBe(200);
	return ((await r.json()) as { alerts: ApiAlert[] }).alerts;
}

/** The alert the reaction raises after the commit (it runs after the command answers). */
async function raised(ref: string): Promise<ApiAlert> {
	for (;;) {
		const found = (await alerts('?status=open')).find((a) => a.ref.id === ref);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function signIn(who: Who, next: string): Promise<Page> {
	const u = USERS[who];
	const page = await browser.newPage();
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await hydrated(page);
	await page.locator('input[name=username]').fill(u.username);
	await page.locator('input[name=password]').fill(u.password);
	await page.locator('[data-testid=login-form] button[type=submit]').click();
	await page.waitForURL((url) => url.pathname === next);
	await hydrated(page);
	return page;
}

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_ALERTS: '1' });
	browser = await launchBrowser();
	await command('work_center.save', { workCenterId: 'WELD', name: '焊接 Welding', calendar });
	await command('work_center.set_status', { workCenterId: 'WELD', status: 'down', reasonCode: 'BREAKDOWN' });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

describe('alerts in Chromium', () => {
	it('answers GET /api/alerts per contract', async () => {
		const a = await raised('WELD');
		expect(a).toMatchObject({ rule: 'work-center-down', severity: 'critical', status: 'open', ref: { kind: 'work_center', id: 'WELD' }, owner: { kind: 'role', id: 'production' } });
		expect(a.message).toContain('Welding');
		expect(new Date(a.raisedAt).toISOString()).toBe(a.raisedAt);
		expect(await alerts('?status=resolved')).toEqual([]);
		const bad = await fetch(`${server.url}/api/alerts?status=gone`, { headers: admin });
		expect([bad.status, ((await bad.json()) as { issues: { path: string }[] }).issues[0].path]).toEqual([400, 'status']);
	});

	it('rings the owner’s bell, and the owner acknowledges and resolves the alert with comments', async () => {
		const a = await raised('WELD');
		const sales = await signIn('sales', '/alerts');
		await expect(sales.getByTestId('alert-bell-count').count()).resolves.toBe(0);
		// Not theirs: listed, but no buttons.
		await expect(sales.locator(`[data-alert-id="${a.id}"] [data-testid=alert-act]`).count()).resolves.toBe(0);
		await sales.close();

		const op = await signIn('production', '/sales');
		expect(await op.getByTestId('alert-bell-count').textContent()).toBe('1');
		await op.getByTestId('alert-bell').click();
		await op.waitForURL((u) => u.pathname === '/alerts');
		await hydrated(op);
		const row = op.locator(`[data-alert-id="${a.id}"]`);
		expect(await row.getByTestId('alert-link').getAttribute('href')).toBe('/production/work-centers#wc-WELD');
		expect(await row.getByTestId('alert-link').textContent()).toContain('焊接 Welding');
		await row.getByTestId('alert-comment').fill('维修已安排');
		await row.getByTestId('alert-ack').click();
		await op.getByTestId('alert-done').waitFor();
		expect((await alerts()).find((x) => x.id === a.id)?.status).toBe('acknowledged');
		// Open only, by default: the acknowledged alert shows under its own status.
		await op.goto(`${server.url}/alerts?status=acknowledged`);
		await hydrated(op);
		const again = op.locator(`[data-alert-id="${a.id}"]`);
		await again.getByTestId('alert-comment').fill('主轴已更换');
		await again.getByTestId('alert-resolve').click();
		await op.getByTestId('alert-done').waitFor();
		const resolved = await alerts('?status=resolved');
		expect(resolved.map((x) => x.id)).toEqual([a.id]);
		await op.goto(`${server.url}/alerts`);
		await hydrated(op);
		await expect(op.getByTestId('alert-bell-count').count()).resolves.toBe(0);
		await op.close();
	});

	it('lets an administrator change a rule in settings, refusing a bad value under its field', async () => {
		const page = await signIn('admin', '/settings/alert-rules');
		expect(await page.getByTestId('alert-rule-row').count()).toBe(6);
		await page.locator('[data-rule-id="capacity-overload"] [data-testid=alert-rule-edit]').click();
		await page.waitForURL((u) => u.searchParams.get('rule') === 'capacity-overload');
		await hydrated(page);
		const form = page.getByTestId('alert-rule-form');
		await form.getByTestId('ar-thresholdPct').fill('-5');
		await form.getByTestId('ar-save').click();
		const error = form.locator('.field-error[data-path="params.thresholdPct"]');
		await error.waitFor();
		expect(await form.getByTestId('ar-thresholdPct').getAttribute('aria-invalid')).toBe('true');
		await form.getByTestId('ar-thresholdPct').fill('90');
		await form.getByTestId('ar-save').click();
		await page.getByTestId('saved').waitFor();
		expect(await page.locator('[data-rule-id="capacity-overload"] [data-testid=alert-rule-summary]').textContent()).toContain('90%');
		await page.close();
	});
});
