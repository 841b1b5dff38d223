import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { TestLiveClient } from '../../support/live-client.ts';
import { ev } from '../../support/events.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';

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

function form(path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		// As a browser without JavaScript posts a form (SvelteKit answers JSON to other Accept headers).
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams(fields)
	});
}

const sessionOf = (r: Response) => /ld_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];

describe(`sign-in pages (${backendLabel})`, () => {
	let session: string | undefined;

	it('sends the first visitor of an empty installation to the setup page, which creates the admin once', async () => {
		const login = await fetch(server.url + '/login', { redirect: 'manual' });
		expect([login.status, login.headers.get('location')]).toEqual([303, '/setup']);
		const bad = await form('/setup', { username: 'boss', displayName: 'Boss', password: 'short' });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('at least 8');
		const ok = await form('/setup', { username: 'boss', displayName: '老板', password: 'boss-password-1' });
		expect(ok.status).toBe(303);
		expect(sessionOf(ok)).toBeTruthy();
		const again = await form('/setup', { username: 'intruder', displayName: 'X', password: 'intruder-pass' });
		expect([again.status, again.headers.get('location')]).toEqual([303, '/login']);
	});

	it('signs in with the right password only, and sets an httpOnly session cookie', async () => {
		const wrong = await form('/login', { username: 'boss', password: 'nope-nope-nope' });
		expect(wrong.status).toBe(400);
		const ok = await form('/login?next=/items', { username: 'BOSS', password: 'boss-password-1' });
		expect([ok.status, ok.headers.get('location')]).toEqual([303, '/items']);
		expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/i);
		session = sessionOf(ok);
		const home = await fetch(server.url + '/', { headers: { cookie: `ld_session=${session}` } });
		expect(await home.text()).toContain('老板');
	});

	it('never redirects off-site after signing in', async () => {
		const r = await form('/login?next=//evil.example/x', { username: 'boss', password: 'boss-password-1' });
		expect(r.headers.get('location')).toBe('/');
	});

	it('lets a signed-in admin follow events on /live with the session cookie', async () => {
		const c = await TestLiveClient.connect(server.url, { headers: { cookie: `ld_session=${session}` } });
		c.send({ op: 'sub', topics: ['events:*'] });
		await c.waitFor(() => c.of('snap', 'events:*')[0]);
		const e = ev.customer({ name: '经由 cookie' });
		await fetch(server.url + '/api/events', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
			body: JSON.stringify({ events: [e] })
		});
		await c.waitFor(() => c.of('upd').some((m) => (m.value as { id: string }).id === e.id) && true);
		c.close();
		expect(await TestLiveClient.refusal(server.url, { headers: { cookie: 'ld_session=forged' } })).toBe(401);
	});

	it('ends the session on sign-out', async () => {
		const r = await form('/logout', {}, `ld_session=${session}`);
		expect([r.status, r.headers.get('location')]).toEqual([303, '/login']);
		const items = await fetch(server.url + '/items', { redirect: 'manual', headers: { cookie: `ld_session=${session}` } });
		expect(items.status).toBe(303);
		expect(items.headers.get('location')).toMatch(/^\/login/);
	});

	it('slows down repeated failed sign-ins (429)', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 14; i++) statuses.push((await form('/login', { username: 'target', password: `guess-${i}` })).status);
		expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
		expect(statuses).toContain(429);
	});

	it("lets the user in from the browser they signed in from, however many wrong tries a stranger made", async () => {
		const first = await form('/login', { username: 'boss', password: 'boss-password-1' });
		const device = /ld_device=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
		expect(device).toBeTruthy();
		const stranger: number[] = [];
		for (let i = 0; i < 15; i++) stranger.push((await form('/login', { username: 'boss', password: `spray-${i}` })).status);
		expect(stranger).toContain(429);
		const refused = await form('/login', { username: 'boss', password: 'boss-password-1' });
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		const own = await form('/login', { username: 'boss', password: 'boss-password-1' }, `ld_device=${device}`);
		expect([own.status, own.headers.get('location')]).toEqual([303, '/']);
	});
});
