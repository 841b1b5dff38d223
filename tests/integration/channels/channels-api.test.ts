// alert_channel.save over HTTP on the built server: admin only, the host refused with its field, the
// secret kept out of the answer, the stored events, the catalogue's reads and the server's log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';

const SECRET = 'SEC-http-test-9f8e7d6c5b4a';
let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, { erp: { kind: 'api' } });
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_WEBHOOK_HOSTS: 'mes.factory.local:8080', LIANDONG_LOG_LEVEL: 'debug' });
}, 60_000);
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

async function save(input: unknown, token = ADMIN_TOKEN) {
	const r = await fetch(`${server.url}/api/commands/alert_channel.save`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(input)
	});
	return { status: r.status, text: await r.text() };
}

describe(`alert_channel.save over HTTP (${backendLabel})`, () => {
	it('saves a signed DingTalk channel and answers without the secret', async () => {
		const r = await save({ channelId: 'ding', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: SECRET });
		expect(r.status).toBe(200);
		expect(JSON.parse(r.text)).toEqual({ channelId: 'ding', secretSet: true });
		expect((await save({ channelId: 'mes', kind: 'webhook', url: 'http://mes.factory.local:8080/alerts' })).status).toBe(200);
	});

	it('refuses a host that is not allowed, naming url, and a token without the admin role', async () => {
		const r = await save({ channelId: 'x', kind: 'webhook', url: 'https://mes.factory.local:9090/alerts' });
		expect(r.status).toBe(400);
		expect(JSON.parse(r.text).issues).toEqual([expect.objectContaining({ path: 'url', code: 'ERR_WEBHOOK_HOST', params: { host: 'mes.factory.local:9090' } })]);
		expect((await save({ channelId: 'y', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }, tokens.erp)).status).toBe(403);
	});

	it('keeps the secret out of the event log, the events API and the server log', async () => {
		// The events API pages below the oldest open transaction (on a shared PostgreSQL server one may be
		// open elsewhere for a moment): ask until the saves are in.
		let body = '';
		for (let tries = 0; tries < 100 && !body.includes('"secretSealed"'); tries++) {
			if (tries) await new Promise((r) => setTimeout(r, 100));
			const events = await fetch(`${server.url}/api/events?type=alert_channel.saved`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			expect(events.status).toBe(200);
			body = await events.text();
		}
		expect(body).toContain('"secretSealed"');
		expect(body).not.toContain(SECRET);
		expect(server.output()).not.toContain(SECRET);
		const catalogue = await (await fetch(`${server.url}/api/events/catalogue`)).text();
		expect(catalogue).toContain('alert_channel.saved');
	});
});
