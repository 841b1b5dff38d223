import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { ROOT } from '../../support/paths.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, { erp: { kind: 'api' } });
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

async function command(name: string, input: unknown, auth: { token?: string; cookie?: string } = { token: ADMIN_TOKEN }) {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
			// A page of the app sends its own Origin with the cookie, as browsers do.
			...(auth.cookie ? { cookie: auth.cookie, origin: server.url } : {})
		},
		body: JSON.stringify(input)
	});
	return { status: r.status, body: (await r.json()) as Record<string, unknown> & { issues?: { path: string; code?: string }[] } };
}

const item = (itemId: string, kind = 'material') => ({ itemId, name: itemId, kind, uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 });

describe(`command API (${backendLabel})`, () => {
	it('runs a command with an admin token', async () => {
		expect(await command('item.save', item('API-A', 'product'))).toEqual({ status: 200, body: { itemId: 'API-A' } });
		await command('item.save', item('API-B'));
		expect((await command('bom.replace', { parentItemId: 'API-A', lines: [{ childItemId: 'API-B', qtyPer: 2 }] })).status).toBe(200);
	});

	it('answers 400 naming the fields, 409 for a broken rule, 404 for an unknown command', async () => {
		const bad = await command('item.save', { ...item('API-C'), unitCost: 'cheap' });
		expect(bad.status).toBe(400);
		expect(bad.body.issues?.map((i) => i.path)).toEqual(['unitCost']);
		const cycle = await command('bom.replace', { parentItemId: 'API-B', lines: [{ childItemId: 'API-A', qtyPer: 1 }] });
		expect([cycle.status, cycle.body.issues?.[0]]).toEqual([409, expect.objectContaining({ path: 'lines.0.childItemId', code: 'ERR_BOM_CYCLE' })]);
		expect((await command('no.such', {})).status).toBe(404);
	});

	it('answers 401 without credentials and 403 for an actor without the role', async () => {
		expect((await command('item.save', item('API-D'), {})).status).toBe(401);
		expect((await command('item.save', item('API-D'), { token: tokens.erp })).status).toBe(403);
	});

	it('runs commands for a signed-in user according to their roles', async () => {
		await command('user.create', { username: 'li.sales', displayName: '李销售', password: 'sales-pass-1', roles: ['sales'] });
		const login = await fetch(server.url + '/login', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
			body: new URLSearchParams({ username: 'li.sales', password: 'sales-pass-1' })
		});
		const cookie = `ld_session=${/ld_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
		expect((await command('customer.save', { customerId: 'C-1', name: '客户一' }, { cookie })).status).toBe(200);
		expect((await command('item.save', item('API-E'), { cookie })).status).toBe(403);
		const so = await command('sales_order.create', { allowPastDates: true, orderId: 'SO-API', customerId: 'C-1', lines: [{ lineId: '1', itemId: 'API-A', qty: 3, requestedDate: '2026-12-01' }] }, { cookie });
		expect(so).toEqual({ status: 200, body: { orderId: 'SO-API' } });
	});

	it('documents every command in the OpenAPI document', async () => {
		const api = (await (await fetch(server.url + '/api/openapi.json')).json()) as { paths: Record<string, { post?: { requestBody: unknown } }> };
		for (const name of ['item.save', 'bom.replace', 'sales_order.create', 'shipment.ship', 'stock.adjust']) {
			expect(api.paths[`/api/commands/${name}`]?.post?.requestBody).toBeTruthy();
		}
	});

	it("reads one item's stock with its movements and who made them", async () => {
		await command('item.save', item('API-S'));
		expect((await command('stock.adjust', { itemId: 'API-S', locationId: 'MAIN', qty: 12, unitCost: 2, reasonCode: 'OPENING' })).status).toBe(200);
		const get = async (path: string) => {
			const r = await fetch(server.url + path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			return { status: r.status, body: (await r.json()) as Record<string, unknown> };
		};
		const one = await get('/api/stock/API-S');
		expect(one.status).toBe(200);
		expect(one.body).toMatchObject({ item: { itemId: 'API-S' }, availability: { onHand: 12 }, value: 24, total: 1, page: 1 });
		expect(JSON.stringify(one.body.movements)).toContain('LIANDONG_ADMIN_TOKEN');
		expect((await get('/api/stock/NO-SUCH-ITEM')).status).toBe(404);
		expect((await get('/api/stock/API-S?page=0')).status).toBe(400);
	});

	it('documents every read endpoint under /api, with the query parameters it accepts', async () => {
		const api = (await (await fetch(server.url + '/api/openapi.json')).json()) as {
			paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
		};
		// Every route file under src/routes/api that answers GET, as an OpenAPI path.
		const root = join(ROOT, 'src/routes');
		const getters = readdirSync(join(root, 'api'), { recursive: true, encoding: 'utf8' })
			.filter((f) => f.endsWith('+server.ts') && /export const GET\b/.test(readFileSync(join(root, 'api', f), 'utf8')))
			.map((f) => '/api/' + dirname(f).split(sep).join('/').replace(/\[(\w+)\]/g, '{$1}'));
		expect(getters.length).toBeGreaterThan(10);
		for (const path of getters) expect(api.paths[path]?.get, path).toBeTruthy();
		const salesParams = api.paths['/api/sales-orders'].get!.parameters!.map((p) => p.name);
		expect(salesParams).toEqual(expect.arrayContaining(['q', 'status', 'mine', 'sort', 'dir', 'page', 'pageSize']));
		expect(api.paths['/api/purchase-orders/{poId}'].get!.parameters).toEqual([expect.objectContaining({ name: 'poId', in: 'path' })]);
	});
});
