import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { addDays, factoryDate } from '../../../server/shared/factory-date.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;
// The server plans with its own clock: dates relative to the factory's today.
const today = factoryDate(new Date(), 'Asia/Shanghai');

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, {
		planningReader: { kind: 'api', reads: ['planning'] },
		salesReader: { kind: 'api', reads: ['sales'] }
	});
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_PLANNING: '1' });
}, 120_000);
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

async function command(name: string, input: unknown) {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify(input)
	});
	if (r.status !== 200) throw new Error(`${name}: ${r.status} ${await r.text()}`);
}

async function get<T = Record<string, unknown>>(path: string, token: string | null = ADMIN_TOKEN): Promise<{ status: number; body: T }> {
	const r = await fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	return { status: r.status, body: (await r.json()) as T };
}

interface PlannedOrders {
	planId: string | null;
	generatedAt: string | null;
	plannedOrders: { id: string; itemId: string; kind: string; qty: number; releaseDate: string; dueDate: string; pegs: { qty: number; demand: Record<string, string> }[] }[];
}
interface Exceptions {
	exceptions: { id: string; kind: string; itemId: string; ref?: { kind: string; id: string; lineId?: string }; date?: string; days?: number; message: string }[];
}

/** Waits for the server's own planning to show something; fails after a while. */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
	const deadline = Date.now() + 40_000;
	for (;;) {
		const v = await probe();
		if (ok(v)) return v;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

const item = (itemId: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number) => ({
	itemId,
	name: itemId,
	kind: makeOrBuy === 'make' ? 'product' : 'material',
	uom: 'pcs',
	unitCost: 1,
	makeOrBuy,
	leadTimeDays
});

describe(`planning API (${backendLabel})`, { timeout: 120_000 }, () => {
	it('answers the plan the server made by itself after orders came in: planned orders with their pegs', async () => {
		await command('customer.save', { customerId: 'C-API', name: '客户' });
		await command('item.save', item('API-LAMP', 'make', 1));
		await command('item.save', item('API-BULB', 'buy', 2));
		await command('bom.replace', { parentItemId: 'API-LAMP', lines: [{ childItemId: 'API-BULB', qtyPer: 2 }] });
		await command('sales_order.create', { orderId: 'SO-API', customerId: 'C-API', lines: [{ lineId: '1', itemId: 'API-LAMP', qty: 4, requestedDate: addDays(today, 14) }] });

		const { body } = await until(
			() => get<PlannedOrders>('/api/planning/planned-orders'),
			(r) => r.body.plannedOrders?.some((o) => o.itemId === 'API-BULB'),
			'planned orders'
		);
		expect(body.planId).toMatch(/^[0-9a-f-]{36}$/);
		expect(Date.parse(body.generatedAt!)).not.toBeNaN();
		const lamp = `PLN-API-LAMP-${addDays(today, 14).replaceAll('-', '')}`;
		expect(body.plannedOrders).toEqual([
			{
				id: `PLN-API-BULB-${addDays(today, 13).replaceAll('-', '')}`,
				itemId: 'API-BULB',
				kind: 'buy',
				qty: 8,
				releaseDate: addDays(today, 11),
				dueDate: addDays(today, 13),
				pegs: [{ qty: 8, demand: { kind: 'planned_order', id: lamp }, needDate: addDays(today, 13) }],
				surplus: 0
			},
			{
				id: lamp,
				itemId: 'API-LAMP',
				kind: 'make',
				qty: 4,
				releaseDate: addDays(today, 13),
				dueDate: addDays(today, 14),
				pegs: [{ qty: 4, demand: { kind: 'sales_order_line', orderId: 'SO-API', lineId: '1' }, needDate: addDays(today, 14) }],
				surplus: 0
			}
		]);
		const one = await get<PlannedOrders>('/api/planning/planned-orders?itemId=API-LAMP');
		expect(one.body.plannedOrders.map((o) => o.id)).toEqual([lamp]);
	});

	it('answers exception messages in words: English for tokens, Chinese when asked', async () => {
		// Ten days to buy, needed in three: the planned purchase is past due and the line short.
		await command('item.save', item('API-RUSH', 'buy', 10));
		await command('sales_order.create', { orderId: 'SO-RUSH', customerId: 'C-API', lines: [{ lineId: '1', itemId: 'API-RUSH', qty: 2, requestedDate: addDays(today, 3) }] });
		const { body } = await until(
			() => get<Exceptions>('/api/planning/exceptions'),
			(r) => r.body.exceptions?.some((e) => e.itemId === 'API-RUSH'),
			'exceptions'
		);
		const rush = body.exceptions.filter((e) => e.itemId === 'API-RUSH');
		const pln = `PLN-API-RUSH-${addDays(today, 3).replaceAll('-', '')}`;
		expect(rush).toEqual([
			{
				id: expect.stringMatching(/^EXC-/),
				kind: 'past_due',
				itemId: 'API-RUSH',
				ref: { kind: 'planned_order', id: pln },
				date: addDays(today, -7),
				days: 7,
				qty: 2,
				message: `Planned order ${pln} (API-RUSH, 2) should have been released on ${addDays(today, -7)}, 7 days ago`
			},
			{
				id: expect.stringMatching(/^EXC-/),
				kind: 'shortage',
				itemId: 'API-RUSH',
				ref: { kind: 'planned_order', id: pln },
				date: addDays(today, 3),
				qty: 2,
				message: `API-RUSH is short by 2 from ${addDays(today, 3)} (planned order ${pln})`
			}
		]);
		const zh = await get<Exceptions>('/api/planning/exceptions?lang=zh-CN&kind=past_due');
		expect(zh.body.exceptions.filter((e) => e.itemId === 'API-RUSH').map((e) => e.message)).toEqual([
			`计划订单 ${pln}（API-RUSH，2）应在 ${addDays(today, -7)} 下达，已逾期 7 天`
		]);
	});

	it('is read like other lists: the read scope "planning" opens it, other scopes and no token do not', async () => {
		expect((await get('/api/planning/planned-orders', tokens.planningReader)).status).toBe(200);
		expect((await get('/api/planning/exceptions', tokens.planningReader)).status).toBe(200);
		expect((await get('/api/planning/planned-orders', tokens.salesReader)).status).toBe(403);
		expect((await get('/api/planning/exceptions', null)).status).toBe(401);
	});

	it('refuses a bad query naming the parameter, and documents both endpoints', async () => {
		const bad = await get<{ issues: { path: string }[] }>(`/api/planning/planned-orders?itemId=${'x'.repeat(65)}`);
		expect([bad.status, bad.body.issues.map((i) => i.path)]).toEqual([400, ['itemId']]);
		const unknown = await get<{ issues: { path: string }[] }>('/api/planning/exceptions?kind=late');
		expect([unknown.status, unknown.body.issues.map((i) => i.path)]).toEqual([400, ['kind']]);
		const doc = await get<{ paths: Record<string, unknown> }>('/api/openapi.json');
		expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/planning/planned-orders', '/api/planning/exceptions']));
	});
});
