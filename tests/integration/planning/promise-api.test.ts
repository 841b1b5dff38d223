// POST /api/planning/promise over HTTP on the built server: the answer's shape, 400 naming the field
// for an unknown item or a bad quantity, and who may ask (signed-in users, tokens with the read scope).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { addDays, factoryDate } from '../../../server/shared/factory-date.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;
const SCOPE = 'planning';

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, { reader: { kind: 'api', reads: [SCOPE] }, stock: { kind: 'api', reads: ['inventory'] } });
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	const run = async (name: string, input: unknown) => {
		const r = await fetch(`${server.url}/api/commands/${name}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
			body: JSON.stringify(input)
		});
		expect(r.status, await r.clone().text()).toBe(200);
	};
	await run('item.save', { itemId: 'H-BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 4 });
	await run('stock.adjust', { itemId: 'H-BIKE', locationId: 'MAIN', qty: 6, reasonCode: 'OPENING' });
	await run('user.create', { username: 'li.sales', displayName: '李销售', password: 'sales-pass-1', roles: ['sales'] });
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

async function ask(body: unknown, auth: { token?: string; cookie?: string } = { token: ADMIN_TOKEN }) {
	const r = await fetch(`${server.url}/api/planning/promise`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
			...(auth.cookie ? { cookie: auth.cookie, origin: server.url } : {})
		},
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: r.status, body: (await r.json()) as Record<string, unknown> & { issues?: { path: string; code: string; params?: unknown }[] } };
}

/** The factory's today read around a request, so one made at midnight still agrees. */
const today = () => factoryDate(new Date(), 'Asia/Shanghai');

describe(`POST /api/planning/promise (${backendLabel})`, () => {
	it('answers the date, its basis and the reasons', async () => {
		const before = today();
		const stock = await ask({ itemId: 'H-BIKE', qty: 6 });
		expect(stock.status).toBe(200);
		expect([before, today()]).toContain(stock.body.date);
		expect(stock.body).toMatchObject({
			basis: 'stock',
			reasons: [
				{ code: 'PROMISE_NO_PLAN', message: expect.any(String), params: {} },
				{ code: 'PROMISE_STOCK', message: 'H-BIKE free stock 6', params: { itemId: 'H-BIKE', qty: 6 }, itemId: 'H-BIKE' }
			]
		});
		const made = await ask({ itemId: 'H-BIKE', qty: 10 });
		expect(made.body.basis).toBe('ctp');
		expect([addDays(before, 4), addDays(today(), 4)]).toContain(made.body.date);
		const later = addDays(before, 30);
		expect((await ask({ itemId: 'H-BIKE', qty: 10, requestedDate: later })).body).toMatchObject({ date: later, basis: 'ctp' });
	});

	it('answers 400 with the path for an unknown item, a bad quantity or a body that is not JSON', async () => {
		const unknown = await ask({ itemId: 'NOPE', qty: 1 });
		expect([unknown.status, unknown.body.code, unknown.body.issues]).toEqual([
			400,
			'ERR_VALIDATION',
			[expect.objectContaining({ path: 'itemId', code: 'ERR_UNKNOWN_ITEM', params: { itemId: 'NOPE' } })]
		]);
		const qty = await ask({ itemId: 'H-BIKE', qty: -2 });
		expect([qty.status, qty.body.issues?.map((i) => [i.path, i.code])]).toEqual([400, [['qty', 'ERR_NOT_POSITIVE']]]);
		const extra = await ask({ itemId: 'H-BIKE', qty: 1, customer: 'C-1' });
		expect([extra.status, extra.body.issues?.map((i) => [i.path, i.code])]).toEqual([400, [['customer', 'ERR_UNKNOWN_FIELD']]]);
		const notJson = await ask('{"itemId":');
		expect([notJson.status, notJson.body.code]).toEqual([400, 'ERR_BAD_JSON']);
	});

	it('is documented in the OpenAPI document with its request schema', async () => {
		const api = (await (await fetch(server.url + '/api/openapi.json')).json()) as {
			paths: Record<string, { post?: { requestBody: { content: { 'application/json': { schema: { required?: string[] } } } } } }>;
		};
		expect(api.paths['/api/planning/promise']?.post?.requestBody.content['application/json'].schema.required).toEqual(['itemId', 'qty']);
	});

	it('answers signed-in users and tokens with the read scope, and no one else', async () => {
		expect((await ask({ itemId: 'H-BIKE', qty: 1 }, {})).status).toBe(401);
		expect((await ask({ itemId: 'H-BIKE', qty: 1 }, { token: tokens.stock })).status).toBe(403);
		expect((await ask({ itemId: 'H-BIKE', qty: 1 }, { token: tokens.reader })).status).toBe(200);
		const login = await fetch(server.url + '/login', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
			body: new URLSearchParams({ username: 'li.sales', password: 'sales-pass-1' })
		});
		const cookie = `ld_session=${/ld_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
		// A signed-in user reads the reasons in their language (Chinese unless they chose English); a
		// token in English unless it asks.
		const mine = await ask({ itemId: 'H-BIKE', qty: 1 }, { cookie });
		expect([mine.status, (mine.body.reasons as { message: string }[])[1].message]).toEqual([200, 'H-BIKE 可用库存 6']);
		const asked = await fetch(`${server.url}/api/planning/promise?lang=zh-CN`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.reader}` },
			body: JSON.stringify({ itemId: 'H-BIKE', qty: 1 })
		});
		expect(((await asked.json()) as { reasons: { message: string }[] }).reasons[0].message).toBe('尚未运行物料计划：按库存和提前期估算');
	});
});
