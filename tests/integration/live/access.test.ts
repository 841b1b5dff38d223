import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, usesPostgres, usesRedis, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { TestLiveClient } from '../../support/live-client.ts';

// Who may follow what on /live, and that taking access away closes open sockets: revoking a token,
// disabling a user, signing out, an administrator setting the password. With PostgreSQL and Redis a
// second node serves the sockets, so the close must happen on a node other than the one that acted.
const shared = usesPostgres && usesRedis;
let database: TestDatabase;
let acting: TestServer;
let serving: TestServer;
const clients: TestLiveClient[] = [];

beforeAll(async () => {
	database = await freshDatabase();
	const env = { ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN };
	if (shared) [acting, serving] = await Promise.all([startServer(env), startServer(env)]);
	else acting = serving = await startServer(env);
});
afterAll(async () => {
	for (const c of clients) c.close();
	await Promise.all([acting?.stop(), serving !== acting ? serving?.stop() : undefined]);
	await database?.drop();
});

async function api(method: string, path: string, body?: unknown) {
	const r = await fetch(acting.url + path, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	expect(r.status, `${method} ${path}: ${await r.clone().text()}`).toBeLessThan(300);
	return (await r.json()) as Record<string, unknown>;
}

const newToken = async (body: Record<string, unknown>) => (await api('POST', '/api/tokens', body)) as { id: string; token: string };

async function newUserSession(username: string): Promise<string> {
	await api('POST', '/api/commands/user.create', { username, displayName: username, password: 'live-password-1', roles: ['manager'] });
	const r = await fetch(acting.url + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: acting.url },
		body: new URLSearchParams({ username, password: 'live-password-1' })
	});
	return `ld_session=${/ld_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]}`;
}

/** A client on the serving node, subscribed to `topic` with its snapshot in hand. */
async function following(auth: { token?: string; cookie?: string }, topic = 'events:*') {
	const c = await TestLiveClient.connect(serving.url, { token: auth.token, headers: auth.cookie ? { cookie: auth.cookie } : undefined });
	clients.push(c);
	c.send({ op: 'sub', topics: [topic] });
	await c.waitFor(() => c.of('snap', topic)[0] ?? c.of('error', topic)[0], 10_000, `answer for ${topic}`);
	return c;
}

describe(`who may follow what on /live (${backendLabel})`, () => {
	it('kiosk tokens connect but follow no event topic: they are for screen topics only', async () => {
		const wall = await newToken({ name: 'wall', kind: 'kiosk' });
		const c = await following({ token: wall.token });
		expect(c.of('error', 'events:*')[0]).toMatchObject({ code: 'ERR_LIVE_FORBIDDEN' });
		c.send({ op: 'sub', topics: ['events:item.upserted'] });
		await c.waitFor(() => c.of('error', 'events:item.upserted')[0]);
		expect(c.of('snap')).toEqual([]);
	});

	it('an API token follows the types it posts, and every type only with the events read scope', async () => {
		const mes = await newToken({ name: 'mes', eventTypes: ['production.reported'] });
		const own = await following({ token: mes.token }, 'events:production.reported');
		expect(own.of('snap', 'events:production.reported')).toHaveLength(1);
		const all = await following({ token: mes.token });
		expect(all.of('error', 'events:*')[0]).toMatchObject({ code: 'ERR_LIVE_FORBIDDEN' });
		const reader = await newToken({ name: 'reader', reads: ['events'] });
		expect((await following({ token: reader.token })).of('snap', 'events:*')).toHaveLength(1);
	});
});

describe(`taking access away closes open sockets${shared ? ' on the other node' : ''} (${backendLabel})`, () => {
	it('revoking a token closes its socket, and only its socket', async () => {
		const doomed = await newToken({ name: 'doomed', reads: ['events'] });
		const kept = await newToken({ name: 'kept', reads: ['events'] });
		const a = await following({ token: doomed.token });
		const b = await following({ token: kept.token });
		const closed = a.closed();
		await api('DELETE', `/api/tokens/${doomed.id}`);
		expect(await closed).toEqual({ code: 4401 });
		// The other client is still served: it answers a ping after the close.
		b.send({ op: 'ping' });
		await b.waitFor(() => b.of('pong')[0]);
		expect(b.ws.readyState).toBe(b.ws.OPEN);
		expect(await TestLiveClient.refusal(serving.url, { token: doomed.token })).toBe(401);
	});

	it('disabling a user closes their socket', async () => {
		const cookie = await newUserSession('live.disabled');
		const c = await following({ cookie });
		const closed = c.closed();
		await api('POST', '/api/commands/user.disable', { username: 'live.disabled' });
		expect(await closed).toEqual({ code: 4401 });
	});

	it('signing out closes the sockets of that session', async () => {
		const cookie = await newUserSession('live.signout');
		const c = await following({ cookie });
		const closed = c.closed();
		const r = await fetch(acting.url + '/logout', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: acting.url, cookie }
		});
		expect(r.status).toBe(303);
		expect(await closed).toEqual({ code: 4401 });
	});

	it("an administrator setting a user's password closes that user's sockets", async () => {
		const cookie = await newUserSession('live.forgot');
		const c = await following({ cookie });
		const closed = c.closed();
		await api('POST', '/api/commands/user.set_password', { username: 'live.forgot', password: 'a-new-password-2' });
		expect(await closed).toEqual({ code: 4401 });
	});
});
