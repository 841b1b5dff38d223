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
		const api = (await (await call('POST', '/api/tokens', ADMIN_TOKEN, { name: 'erp' })).json()) as { token: string };
		expect((await call('GET', '/api/tokens', api.token)).status).toBe(403);
		expect((await call('POST', '/api/tokens', api.token, { name: 'mine' })).status).toBe(403);
		expect((await call('GET', '/api/tokens', null)).status).toBe(401);
	});
});
