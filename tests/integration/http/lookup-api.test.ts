import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';

// GET /api/lookup/<kind> over HTTP: who may ask (a session or a token with the read scope), what a
// bad kind or query answers, and the answer's shape.
let database: TestDatabase;
let server: TestServer;

function call(method: string, path: string, token: string | null, body?: unknown) {
	return fetch(server.url + path, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	const r = await call('POST', '/api/commands/item.save', ADMIN_TOKEN, {
		itemId: 'LA-BOLT',
		name: '螺栓 Bolt',
		kind: 'material',
		uom: 'pcs',
		unitCost: 0.2,
		makeOrBuy: 'buy',
		leadTimeDays: 3
	});
	expect(r.status, await r.clone().text()).toBe(200);
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

describe(`lookup API (${backendLabel})`, () => {
	it('answers the options matching the term', async () => {
		const r = await call('GET', '/api/lookup/item?q=%E8%9E%BA%E6%A0%93&limit=5', ADMIN_TOKEN);
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ options: [{ code: 'LA-BOLT', name: '螺栓 Bolt', detail: 'pcs' }] });
		const loc = (await (await call('GET', '/api/lookup/location?q=ma', ADMIN_TOKEN)).json()) as { options: { code: string }[] };
		expect(loc.options.map((o) => o.code)).toEqual(['MAIN']);
	});

	it('refuses an unknown kind, a bad limit, and a caller without a session or token', async () => {
		expect((await call('GET', '/api/lookup/order?q=1', ADMIN_TOKEN)).status).toBe(404);
		const bad = await call('GET', '/api/lookup/item?limit=500', ADMIN_TOKEN);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['limit']);
		expect((await call('GET', '/api/lookup/item?q=LA', null)).status).toBe(401);
	});

	it('lets a token with the master data read scope look up, locations needing the inventory scope', async () => {
		const create = async (reads: string[]) => {
			const r = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: `reads ${reads.join(',')}`, reads });
			expect(r.status, await r.clone().text()).toBe(201);
			return ((await r.json()) as { token: string }).token;
		};
		const master = await create(['masterdata']);
		expect((await call('GET', '/api/lookup/item?q=LA', master)).status).toBe(200);
		expect((await call('GET', '/api/lookup/customer', master)).status).toBe(200);
		expect((await call('GET', '/api/lookup/location', master)).status).toBe(403);
		const stock = await create(['inventory']);
		expect((await call('GET', '/api/lookup/location', stock)).status).toBe(200);
		expect((await call('GET', '/api/lookup/item', stock)).status).toBe(403);
	});
});
