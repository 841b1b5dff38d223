import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDatabase, testConfig, type TestDatabase } from '../support/backend.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ADMIN_TOKEN } from '../support/tokens.ts';
import { hydrated, launchBrowser } from '../support/browser.ts';
import { adminCommand, signInAs } from '../support/ui.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertUser } from '../../server/auth/users.ts';

// Cancelling a production order on its page: a planner picks a reason (and may add a note); without
// a reason the form says so beside the field and the order stays as it was. Operators see no form.

const USERS = {
	planner: { username: 'li.planner', displayName: '李计划', password: 'planner-pass-1', roles: ['planner'] },
	production: { username: 'wu.op', displayName: '吴操作', password: 'production-pass-1', roles: ['production'] }
} as const;
type Who = keyof typeof USERS;

const MO = 'MO-CANCEL-1';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	await migrate(db);
	for (const u of Object.values(USERS)) await insertUser(db, { ...u, roles: [...u.roles] });
	await db.close();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	browser = await launchBrowser();
	await command('item.save', { itemId: 'FRAME', name: '车架 Frame', kind: 'semi', uom: 'pcs', unitCost: 80, makeOrBuy: 'make', leadTimeDays: 2 });
	await command('production_order.create', { productionOrderId: MO, itemId: 'FRAME', qty: 5, dueDate: '2027-03-01' });
	await command('production_order.release', { productionOrderId: MO });
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await database?.drop();
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

const command = (name: string, input: unknown) => adminCommand(server, name, input);

async function cancellations(): Promise<{ actor?: string; data: Record<string, unknown> }[]> {
	const r = await fetch(`${server.url}/api/events?type=production_order.cancelled`, { headers: admin });
	expect(r.status).toBe(200);
	return ((await r.json()) as { events: { actor?: string; data: Record<string, unknown> }[] }).events;
}

const signIn = (who: Who, next: string): Promise<Page> => signInAs(browser, server, USERS[who], next);

describe('the routing editor in Chromium', () => {
	it('numbers a new operation 10 past the last, and removing a row keeps what was typed in the others', async () => {
		const planner = await signIn('planner', '/production/routings/FRAME');
		const form = planner.getByTestId('routing-form');
		const ops = form.getByTestId('routing-op');
		await form.getByTestId('routing-add-op').click();
		await form.getByTestId('routing-add-op').click();
		expect(await ops.locator('[name=seq]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['10', '20']);
		await ops.nth(1).locator('[name=description]').fill('焊接');
		await ops.nth(0).getByTestId('routing-remove-op').click();
		await expect.poll(() => ops.count()).toBe(1);
		expect(await ops.locator('[name=seq]').inputValue()).toBe('20');
		expect(await ops.locator('[name=description]').inputValue()).toBe('焊接');
		expect(await ops.locator('[name=description]').getAttribute('aria-label')).toMatch(/ 1$/);
		await ops.getByTestId('routing-remove-op').click();
		await expect.poll(() => ops.count()).toBe(0);
		expect(await form.locator('tbody td.muted').count()).toBe(1);
		await planner.close();
	});
});

describe('cancelling a production order in Chromium', () => {
	it('shows no cancel form to an operator', async () => {
		const op = await signIn('production', `/production/orders/${MO}`);
		expect(await op.getByTestId('mo-status').getAttribute('data-status')).toBe('released');
		expect(await op.getByTestId('mo-cancel-form').count()).toBe(0);
		// an order's page sits under the orders tab
		expect(await op.locator('[data-testid=production-tabs] [aria-current=page]').getAttribute('href')).toBe('/production/orders');
		await op.close();
	});

	it('refuses a cancel without a reason beside the field, then cancels with one and shows who did it', async () => {
		const planner = await signIn('planner', `/production/orders/${MO}`);
		const form = planner.getByTestId('mo-cancel-form');
		await form.locator('[name=note]').fill('客户改单');
		await form.locator('button[type=submit]').click();
		const reasonError = form.locator('.field-error[data-path=reasonCode]');
		await reasonError.waitFor({ timeout: 10_000 });
		expect(await reasonError.textContent()).toBe('请选择原因');
		expect(await form.locator('[name=reasonCode]').getAttribute('aria-invalid')).toBe('true');
		// what was typed stays; nothing was written
		expect(await form.locator('[name=note]').inputValue()).toBe('客户改单');
		expect(await planner.getByTestId('mo-status').getAttribute('data-status')).toBe('released');
		expect(await cancellations()).toEqual([]);

		await form.locator('[name=reasonCode]').selectOption('DUPLICATE');
		await form.locator('button[type=submit]').click();
		await expect.poll(() => planner.getByTestId('mo-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
		// a cancelled order is closed: no form to cancel it again
		expect(await planner.getByTestId('mo-cancel-form').count()).toBe(0);
		const entry = planner.locator('[data-testid=timeline-entry][data-type="production_order.cancelled"]');
		expect(await entry.count()).toBe(1);
		expect(await entry.locator('.actor').textContent()).toBe('李计划');
		expect(await entry.locator('.actor').getAttribute('data-actor')).toBe('user:li.planner');
		expect(await entry.locator('.type').textContent()).toBe('订单取消');
		expect(await entry.locator('.reason').textContent()).toBe('重复订单');
		expect(await entry.locator('.note').textContent()).toBe('客户改单');
		const stored = await cancellations();
		expect(stored).toEqual([expect.objectContaining({ actor: 'user:li.planner', data: { productionOrderId: MO, reasonCode: 'DUPLICATE', note: '客户改单' } })]);
		await planner.close();
	});
});
