import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { ev } from '../../support/events.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

function call(method: string, path: string, token: string | null, body?: unknown) {
	return fetch(server.url + path, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

describe(`token API (${backendLabel})`, () => {
	it('creates a token scoped to event types that can post only those, lists it without its secret, and revokes it', async () => {
		const r = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'MES line 1', eventTypes: ['production.reported'] });
		expect(r.status).toBe(201);
		const created = (await r.json()) as { id: string; token: string; kind: string };
		expect(created).toMatchObject({ kind: 'api', token: expect.stringMatching(/^ld_/) });

		expect((await call('POST', '/api/events', created.token, { events: [ev.production()] })).status).toBe(200);
		expect((await call('POST', '/api/events', created.token, { events: [ev.item()] })).status).toBe(403);

		const list = (await (await call('GET', '/api/tokens', ADMIN_TOKEN)).json()) as { tokens: Record<string, unknown>[] };
		const mine = list.tokens.find((t) => t.id === created.id)!;
		expect(mine).toMatchObject({ name: 'MES line 1', kind: 'api', eventTypes: ['production.reported'] });
		expect(JSON.stringify(list)).not.toContain(created.token);

		expect((await call('DELETE', `/api/tokens/${created.id}`, ADMIN_TOKEN)).status).toBe(200);
		expect((await call('POST', '/api/events', created.token, { events: [ev.production()] })).status).toBe(401);
		expect((await call('DELETE', `/api/tokens/${created.id}`, ADMIN_TOKEN)).status).toBe(404);
	});

	it('rejects a bad token request naming the field, and creates nothing', async () => {
		const before = ((await (await call('GET', '/api/tokens', ADMIN_TOKEN)).json()) as { tokens: unknown[] }).tokens.length;
		const r = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: '', kind: 'kiosk', eventTypes: ['nope.nope'] });
		expect(r.status).toBe(400);
		const paths = ((await r.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
		expect(paths).toEqual(['eventTypes', 'eventTypes.0', 'name']);
		const after = ((await (await call('GET', '/api/tokens', ADMIN_TOKEN)).json()) as { tokens: unknown[] }).tokens.length;
		expect(after).toBe(before);
	});

	it('lets only admin tokens manage tokens', async () => {
		const api = (await (await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'erp', eventTypes: ['*'], reads: ['*'] })).json()) as { token: string };
		expect((await call('GET', '/api/tokens', api.token)).status).toBe(403);
		expect((await call('POST', '/api/tokens', api.token, { name: 'mine' })).status).toBe(403);
		expect((await call('GET', '/api/tokens', null)).status).toBe(401);
	});
});

describe(`read scopes of API tokens (${backendLabel})`, () => {
	const create = async (body: Record<string, unknown>) => {
		const r = await call('POST', '/api/tokens', ADMIN_TOKEN, body);
		expect(r.status, await r.clone().text()).toBe(201);
		return (await r.json()) as { id: string; token: string; reads?: string[] };
	};
	const status = async (path: string, token: string) => (await call('GET', path, token)).status;
	const READS = ['/api/items', '/api/customers', '/api/suppliers', '/api/work-centers', '/api/sales-orders', '/api/requisitions', '/api/purchase-orders', '/api/production-orders', '/api/stock'];

	it('a token that posts production reports reads nothing else, but may read those reports back', async () => {
		const mes = await create({ name: 'MES', eventTypes: ['production.reported'] });
		for (const path of READS) expect(await status(path, mes.token), path).toBe(403);
		expect(await status('/api/events?type=production.reported', mes.token)).toBe(200);
		expect(await status('/api/events?type=item.upserted', mes.token)).toBe(403);
		expect(await status('/api/events', mes.token)).toBe(403);
		const refused = (await (await call('GET', '/api/sales-orders', mes.token)).json()) as { code: string; error: string };
		expect(refused).toMatchObject({ code: 'ERR_FORBIDDEN', error: expect.stringContaining('"sales"') });
	});

	it('a token granted sales reads sales orders only, and posts nothing', async () => {
		const bi = await create({ name: 'BI sales', reads: ['sales'] });
		expect(bi.reads).toEqual(['sales']);
		expect(await status('/api/sales-orders', bi.token)).toBe(200);
		for (const path of READS.filter((p) => p !== '/api/sales-orders')) expect(await status(path, bi.token), path).toBe(403);
		expect(await status('/api/events', bi.token)).toBe(403);
		expect((await call('POST', '/api/events', bi.token, { events: [ev.customer()] })).status).toBe(403);
		expect((await call('GET', '/api/tokens', ADMIN_TOKEN)).status).toBe(200);
		const listed = ((await (await call('GET', '/api/tokens', ADMIN_TOKEN)).json()) as { tokens: { id: string; reads: string[]; eventTypes: string[] }[] }).tokens;
		expect(listed.find((t) => t.id === bi.id)).toMatchObject({ reads: ['sales'], eventTypes: [] });
	});

	it('"*" reads every area and the whole event log; "events" the log only', async () => {
		const all = await create({ name: 'warehouse BI', reads: ['*'] });
		for (const path of READS) expect(await status(path, all.token), path).toBe(200);
		expect(await status('/api/events', all.token)).toBe(200);
		const log = await create({ name: 'archiver', reads: ['events'] });
		expect(await status('/api/events', log.token)).toBe(200);
		expect(await status('/api/items', log.token)).toBe(403);
	});

	it('refuses a token with no scope at all, and unknown areas, naming the field', async () => {
		const none = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'nothing' });
		expect(none.status).toBe(400);
		expect(((await none.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['eventTypes']);
		const bad = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'typo', reads: ['sale'] });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['reads.0']);
		const kiosk = await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'wall', kind: 'kiosk', reads: ['sales'] });
		expect(((await kiosk.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['reads']);
	});

	it('kiosk tokens read no API at all', async () => {
		const wall = await create({ name: 'wall screen', kind: 'kiosk' });
		for (const path of [...READS, '/api/events']) expect(await status(path, wall.token), path).toBe(403);
	});

	it('Settings → Tokens creates a token with read areas, and refuses one with no scope', async () => {
		await call('POST', '/api/commands/user.create', ADMIN_TOKEN, { username: 'tok.admin', displayName: 'Admin', password: 'tok-admin-pass', roles: ['admin'] });
		const browser = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url };
		const login = await fetch(server.url + '/login', { method: 'POST', redirect: 'manual', headers: browser, body: new URLSearchParams({ username: 'tok.admin', password: 'tok-admin-pass' }) });
		const cookie = `ld_session=${/ld_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
		const submit = (fields: [string, string][]) =>
			fetch(server.url + '/settings/tokens?/create', { method: 'POST', headers: { ...browser, cookie }, body: new URLSearchParams(fields) });
		const ok = await submit([['name', 'report tool'], ['kind', 'api'], ['reads', 'sales'], ['reads', 'inventory']]);
		expect(ok.status).toBe(200);
		const listed = ((await (await call('GET', '/api/tokens', ADMIN_TOKEN)).json()) as { tokens: { name: string; reads: string[] }[] }).tokens;
		expect(listed.find((t) => t.name === 'report tool')).toMatchObject({ reads: ['sales', 'inventory'] });
		const none = await submit([['name', 'nothing at all'], ['kind', 'api']]);
		expect(none.status).toBe(400);
		expect(await none.text()).toContain('an API token needs event types to post or areas to read');
	});
});
