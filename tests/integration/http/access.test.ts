import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { ev } from '../../support/events.ts';

// What the server does for browsers and against forged requests: the Origin check of requests made
// with the session cookie, bodies that are not UTF-8, security headers, and where sign-in may lead.
let database: TestDatabase;
let server: TestServer;
let cookie: string;

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	await command({ token: ADMIN_TOKEN }, 'user.create', { username: 'wang.admin', displayName: '王', password: 'wang-password-1', roles: ['admin'] });
	const login = await signIn('wang.admin', 'wang-password-1');
	cookie = `ld_session=${/ld_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`;
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

function signIn(username: string, password: string, next?: string) {
	return fetch(`${server.url}/login${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
		body: new URLSearchParams({ username, password })
	});
}

function command(auth: { token?: string; cookie?: string; origin?: string }, name: string, input: unknown) {
	return fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
			...(auth.cookie ? { cookie: auth.cookie } : {}),
			...(auth.origin ? { origin: auth.origin } : {})
		},
		body: typeof input === 'string' || input instanceof Uint8Array ? (input as BodyInit) : JSON.stringify(input)
	});
}

const customers = async () =>
	((await (await fetch(`${server.url}/api/customers`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { customers: { customerId: string; name: string }[] })
		.customers;

describe(`JSON requests made with the session cookie (${backendLabel})`, () => {
	it('runs a command from the site itself', async () => {
		const r = await command({ cookie, origin: server.url }, 'customer.save', { customerId: 'C-SAME', name: '同源' });
		expect(r.status).toBe(200);
	});

	it('refuses one from another origin, or without an Origin, with 403, and stores nothing', async () => {
		for (const origin of ['http://evil.example', undefined]) {
			const r = await command({ cookie, origin }, 'customer.save', { customerId: 'C-EVIL', name: '跨站' });
			expect(r.status).toBe(403);
			expect(await r.json()).toMatchObject({ code: 'ERR_FORBIDDEN' });
		}
		expect((await customers()).map((c) => c.customerId)).not.toContain('C-EVIL');
	});

	it('does not check the Origin of token-authenticated requests', async () => {
		const r = await command({ token: ADMIN_TOKEN, origin: 'http://elsewhere.example' }, 'customer.save', { customerId: 'C-TOKEN', name: '令牌' });
		expect(r.status).toBe(200);
	});
});

describe(`bodies that are not UTF-8 (${backendLabel})`, () => {
	// "名称" in GBK, as a spreadsheet saved with the Chinese Windows code page has it.
	const gbk = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6]);
	const withGbk = (before: string, after: string) => Uint8Array.from([...Buffer.from(before, 'utf8'), ...gbk, ...Buffer.from(after, 'utf8')]);

	it('refuses an ingest batch with 400 naming the problem, and stores nothing', async () => {
		const e = ev.customer({ name: 'PLACEHOLDER' });
		const [head, tail] = JSON.stringify({ events: [e] }).split('PLACEHOLDER');
		const r = await fetch(`${server.url}/api/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
			body: withGbk(head, tail)
		});
		expect(r.status).toBe(400);
		const body = (await r.json()) as { error: string; issues: { path: string; code: string; message: string }[] };
		expect(body.issues).toEqual([expect.objectContaining({ path: 'body', code: 'ERR_BAD_UTF8' })]);
		expect(body.error).toMatch(/UTF-8/);
		expect((await customers()).map((c) => c.customerId)).not.toContain((e.data as { customerId: string }).customerId);
	});

	it('refuses a command with 400 and stores nothing', async () => {
		const r = await command({ token: ADMIN_TOKEN }, 'customer.save', withGbk('{"customerId":"C-GBK","name":"', '"}'));
		expect(r.status).toBe(400);
		expect(((await r.json()) as { issues: { code: string }[] }).issues[0].code).toBe('ERR_BAD_UTF8');
		expect((await customers()).some((c) => c.customerId === 'C-GBK' || c.name.includes('\uFFFD'))).toBe(false);
	});

	it('refuses a CSV import that is not UTF-8, naming the encoding, and imports nothing', async () => {
		const csv = withGbk('itemId,name,kind,uom,unitCost,makeOrBuy,leadTimeDays\nGBK-1,', ',material,pcs,1,buy,2\n');
		const r = await fetch(`${server.url}/api/import/items?commit=1`, {
			method: 'POST',
			headers: { 'content-type': 'text/csv', authorization: `Bearer ${ADMIN_TOKEN}` },
			body: csv
		});
		expect(r.status).toBe(400);
		expect(((await r.json()) as { error: string }).error).toMatch(/UTF-8/);
		const item = await fetch(`${server.url}/api/items/GBK-1`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
		expect(item.status).toBe(404);
	});
});

describe(`security headers (${backendLabel})`, () => {
	it('sends a Content-Security-Policy and the usual headers with every page', async () => {
		const r = await fetch(`${server.url}/login`);
		expect(r.status).toBe(200);
		const csp = r.headers.get('content-security-policy') ?? '';
		for (const d of ["default-src 'self'", "script-src 'self' 'nonce-", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]) {
			expect(csp).toContain(d);
		}
		expect(Object.fromEntries(r.headers)).toMatchObject({
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'referrer-policy': 'strict-origin-when-cross-origin',
			'permissions-policy': expect.stringContaining('camera=()')
		});
	});

	it('sends the headers with API answers and refusals too', async () => {
		for (const r of [await fetch(`${server.url}/api/items`), await fetch(`${server.url}/healthz`)]) {
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
			expect(r.headers.get('x-frame-options')).toBe('DENY');
		}
	});
});

describe(`the page after signing in (${backendLabel})`, () => {
	it('follows a local next', async () => {
		const r = await signIn('wang.admin', 'wang-password-1', '/items?q=a');
		expect([r.status, r.headers.get('location')]).toEqual([303, '/items?q=a']);
	});

	it.each(['/\\evil.example', '//evil.example', '/\\/evil.example', '/.//evil.example', 'https://evil.example/'])('never sends the user off-site for next=%s', async (next) => {
		const r = await signIn('wang.admin', 'wang-password-1', next);
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/');
	});
});
