import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, usesPostgres, usesRedis, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { baseMasterData, ev, mixedBatch } from '../../support/events.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, {
		salesOnly: { kind: 'api', eventTypes: ['sales_order.created', 'shipment.shipped'] },
		unscoped: { kind: 'api' },
		kiosk: { kind: 'kiosk', screens: ['plant-overview'] }
	});
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	// The customers, suppliers and items the builders' orders name: ingest refuses orders for unknown ones.
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events: baseMasterData() })
	});
	if (r.status !== 200) throw new Error(`master data: ${r.status} ${await r.text()}`);
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

function post(body: unknown, token: string | null = ADMIN_TOKEN, raw?: string) {
	return fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: raw ?? JSON.stringify(body)
	});
}

async function read(query: string, token = ADMIN_TOKEN) {
	const r = await fetch(`${server.url}/api/events?${query}`, { headers: { authorization: `Bearer ${token}` } });
	return {
		status: r.status,
		body: (await r.json()) as { events: { id: string; type: string; actor?: string; seq: number }[]; next: string | null; more: boolean }
	};
}

/** How many of these ids the log holds, read through the cursor API from the start. */
async function countStored(ids: string[]): Promise<number> {
	const wanted = new Set(ids);
	let n = 0;
	let after = '';
	for (;;) {
		const { body } = await read(`limit=1000${after ? `&after=${after}` : ''}`);
		n += body.events.filter((e) => wanted.has(e.id)).length;
		if (!body.more) return n;
		after = body.next!;
	}
}

/**
 * Cursor reads hold back events while any older transaction in the cluster is open (see
 * server/events/read.ts), and other test files write concurrently: wait briefly for the count to settle.
 */
async function stored(ids: string[], expected = ids.length): Promise<number> {
	// Absence is proved by a marker posted afterwards: once it is readable, so is all stored before it.
	if (expected === 0) {
		const marker = ev.customer({ name: 'marker' });
		expect((await post({ events: [marker] })).status).toBe(200);
		expect(await stored([marker.id])).toBe(1);
	}
	const deadline = Date.now() + 5000;
	for (;;) {
		const n = await countStored(ids);
		if (n === expected || Date.now() > deadline) return n;
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe(`HTTP ingest API (${backendLabel})`, () => {
	it('reports the backends on /healthz', async () => {
		const r = await fetch(server.url + '/healthz');
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ ok: true, db: usesPostgres ? expect.stringMatching(/^(postgres|timescaledb)$/) : 'pglite', bus: usesRedis ? 'redis' : 'memory' });
	});

	it('accepts a batch and answers duplicates when it comes again', async () => {
		const events = mixedBatch(25);
		const first = await post({ events });
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ accepted: 25, duplicates: 0 });
		const again = await post({ events: [...events.slice(0, 10), ...mixedBatch(5)] });
		expect(await again.json()).toEqual({ accepted: 5, duplicates: 10 });
		expect(await stored(events.map((e) => e.id))).toBe(25);
	});

	it('answers 409 naming index and id when a stored id comes again with another body, and stores none of the batch', async () => {
		const reading = ev.extension({ machine: 'CNC-7', spindleRpm: 9000 });
		expect((await post({ events: [reading] })).status).toBe(200);
		const reordered = { ...reading, data: { spindleRpm: 9000, machine: 'CNC-7' } };
		expect(await (await post({ events: [reordered] })).json()).toEqual({ accepted: 0, duplicates: 1 });
		const fresh = ev.customer();
		const r = await post({ events: [fresh, { ...reading, data: { ...reading.data, spindleRpm: 9001 } }] });
		expect(r.status).toBe(409);
		const body = (await r.json()) as { code: string; issues: unknown[] };
		expect(body.code).toBe('ERR_EVENT_ID_CONFLICT');
		expect(body.issues).toEqual([{ index: 1, path: 'id', id: reading.id, message: expect.any(String) }]);
		expect(await stored([fresh.id], 0)).toBe(0);
	});

	it('records the token as actor, and what the sender names as reportedBy, never as actor', async () => {
		const a = ev.customer();
		const b = ev.customer({}, { actor: 'erp:zhang.wei' });
		const c = { ...ev.customer(), reportedBy: 'mes:li.operator' };
		expect((await post({ events: [a, b, c] })).status).toBe(200);
		await stored([a.id, b.id, c.id]);
		const { body } = await read('type=customer.upserted&limit=1000');
		const byId = new Map(body.events.map((e) => [e.id, e as typeof e & { reportedBy?: string }]));
		expect(byId.get(a.id)).toMatchObject({ actor: 'token:LIANDONG_ADMIN_TOKEN' });
		expect(byId.get(a.id)?.reportedBy).toBeUndefined();
		expect(byId.get(b.id)).toMatchObject({ actor: 'token:LIANDONG_ADMIN_TOKEN', reportedBy: 'erp:zhang.wei' });
		expect(byId.get(c.id)).toMatchObject({ actor: 'token:LIANDONG_ADMIN_TOKEN', reportedBy: 'mes:li.operator' });
	});

	it('refuses event types only commands produce unless the token is an admin token, naming them', async () => {
		const approval = { ...ev.extension(), type: 'requisition.approved', data: { requisitionId: 'PR-X', step: 0, role: 'manager' } };
		const rule = {
			...ev.extension(),
			type: 'approval_rule.upserted',
			data: { ruleId: 'ALL_AUTO', name: 'Everything approves itself', priority: 1, conditions: {}, steps: [], active: true }
		};
		const user = { ...ev.extension(), type: 'user.updated', data: { userId: '00000000-0000-4000-8000-000000000002', username: 'li.operator', roles: ['admin'] } };
		const token = { ...ev.extension(), type: 'token.created', data: { tokenId: '00000000-0000-4000-8000-000000000001', name: 'backdoor', kind: 'admin' } };
		const customer = ev.customer();
		const r = await post({ events: [customer, approval, rule, user, token] }, tokens.unscoped);
		expect(r.status).toBe(403);
		const body = (await r.json()) as { code: string; error: string; issues: { index: number; path: string; message: string }[] };
		expect(body.code).toBe('ERR_FORBIDDEN');
		for (const type of ['requisition.approved', 'approval_rule.upserted', 'user.updated', 'token.created']) expect(body.error).toContain(type);
		expect(body.issues.map((i) => [i.index, i.path])).toEqual([[1, 'type'], [2, 'type'], [3, 'type'], [4, 'type']]);
		expect(await stored([customer.id, approval.id, rule.id, user.id, token.id], 0)).toBe(0);
		// the admin token may (automation, migrations)
		expect((await post({ events: [rule] })).status).toBe(200);
	});

	it('rejects a batch with any invalid event with index and path, and stores none of it', async () => {
		const good = ev.item();
		const bad = ev.salesOrder({ lines: [{ lineId: '1', itemId: 'A', qty: 0, requestedDate: '2026-12-01' }] });
		const worse = { ...ev.customer(), occurredAt: 'yesterday' };
		const r = await post({ events: [good, bad, worse] });
		expect(r.status).toBe(400);
		const body = (await r.json()) as { code: string; issues: { index: number; path: string; message: string }[] };
		expect(body.code).toBe('ERR_VALIDATION');
		expect(body.issues).toEqual([
			{ index: 1, path: 'data.lines.0.qty', code: 'ERR_NOT_POSITIVE', params: {}, message: expect.any(String) },
			{ index: 2, path: 'occurredAt', code: 'ERR_INVALID_DATETIME', params: {}, message: expect.any(String) }
		]);
		expect(await stored([good.id, bad.id, worse.id], 0)).toBe(0);
	});

	it('answers 400 for a body that is not JSON or not a batch', async () => {
		expect((await post(null, ADMIN_TOKEN, '{not json')).status).toBe(400);
		const r = await post({ event: [] });
		expect(r.status).toBe(400);
		expect(((await r.json()) as { issues: { path: string }[] }).issues[0].path).toBe('events');
	});

	it('answers 401 without a token or with an unknown one, and stores nothing', async () => {
		const e = ev.item();
		expect((await post({ events: [e] }, null)).status).toBe(401);
		expect((await post({ events: [e] }, 'ld_not-a-real-token')).status).toBe(401);
		expect((await fetch(server.url + '/api/events')).status).toBe(401);
		expect(await stored([e.id], 0)).toBe(0);
	});

	it('answers 403 for event types the token may not post, and stores nothing of the batch', async () => {
		const so = ev.salesOrder();
		const item = ev.item();
		const r = await post({ events: [so, item] }, tokens.salesOnly);
		expect(r.status).toBe(403);
		expect(((await r.json()) as { issues: unknown[] }).issues).toEqual([{ index: 1, path: 'type', code: 'ERR_EVENT_TYPE_DENIED', params: { type: 'item.upserted' }, message: expect.stringContaining('item.upserted') }]);
		expect((await post({ events: [ev.customer()] }, tokens.kiosk)).status).toBe(403);
		expect(await stored([so.id, item.id], 0)).toBe(0);
		expect((await post({ events: [so] }, tokens.salesOnly)).status).toBe(200);
	});

	it('lets a scoped token read only its own event types', async () => {
		expect((await read('type=sales_order.created', tokens.salesOnly)).status).toBe(200);
		expect((await read('type=item.upserted', tokens.salesOnly)).status).toBe(403);
		expect((await read('', tokens.salesOnly)).status).toBe(403);
		expect((await read('', tokens.kiosk)).status).toBe(403);
	});

	it('answers 413 above 10,000 events or 10 MB', async () => {
		const many = Array.from({ length: 10_001 }, () => ev.extension());
		const r = await post({ events: many });
		expect(r.status).toBe(413);
		const big = ev.extension({ blob: 'x'.repeat(10 * 1024 * 1024) });
		const r2 = await post({ events: [big] });
		expect(r2.status).toBe(413);
		expect(await stored([many[0].id, big.id], 0)).toBe(0);
	});

	it('answers 413 for a chunked body that grows past 10 MB, without a Content-Length', async () => {
		const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024));
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === 0) controller.enqueue(new TextEncoder().encode('{"events":['));
				if (sent++ < 12) controller.enqueue(chunk);
				else controller.close();
			}
		});
		const r = await fetch(server.url + '/api/events', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(r.status).toBe(413);
	});

	it('stores each event once when the same events are posted concurrently in different orders', async () => {
		const pool = mixedBatch(300);
		const shuffled = () => [...pool].sort(() => Math.random() - 0.5);
		const answers = await Promise.all(
			Array.from({ length: 6 }, async () => {
				const r = await post({ events: shuffled() });
				expect(r.status).toBe(200);
				return (await r.json()) as { accepted: number; duplicates: number };
			})
		);
		expect(answers.reduce((s, a) => s + a.accepted, 0)).toBe(300);
		expect(answers.every((a) => a.accepted + a.duplicates === 300)).toBe(true);
		expect(await stored(pool.map((e) => e.id))).toBe(300);
	});

	it('accepts 10,000 events in one batch', async () => {
		const events = Array.from({ length: 10_000 }, (_, i) => ev.extension({ i }));
		const r = await post({ events });
		expect(await r.json()).toEqual({ accepted: 10_000, duplicates: 0 });
	});

	it('pages through events by cursor and filters by type', async () => {
		const mine = [ev.production(), ev.production(), ev.production()];
		await post({ events: mine });
		await stored(mine.map((e) => e.id));
		const p1 = await read('type=production.reported&limit=2');
		expect(p1.body.events.every((e) => e.type === 'production.reported')).toBe(true);
		expect(p1.body.more).toBe(true);
		const all = [];
		let after = '';
		for (;;) {
			const p = await read(`type=production.reported&limit=2${after ? `&after=${after}` : ''}`);
			all.push(...p.body.events);
			expect(p.body.next).toMatch(/^\d+-\d+$/);
			after = p.body.next!;
			if (!p.body.more) break;
		}
		expect(all.map((e) => e.id).filter((id) => mine.some((m) => m.id === id))).toEqual(mine.map((m) => m.id));
		const tail = await read(`type=production.reported&after=${after}`);
		expect(tail.body).toMatchObject({ events: [], next: after, more: false });
		expect((await read('limit=0')).status).toBe(400);
		expect((await read('after=abc')).status).toBe(400);
		expect((await read('unknown=1')).status).toBe(400);
	});

	it('publishes the catalogue and the OpenAPI document generated from the schemas', async () => {
		const cat = (await (await fetch(server.url + '/api/events/catalogue')).json()) as {
			types: { type: string; commandOnly?: true; schema: { properties: { data: { required?: string[] } } } }[];
		};
		const types = cat.types.map((t) => t.type);
		expect(cat.types.filter((t) => t.commandOnly).map((t) => t.type)).toEqual(expect.arrayContaining(['requisition.approved', 'approval_rule.upserted', 'user.updated', 'token.created']));
		expect(cat.types.find((t) => t.type === 'goods.received')?.commandOnly).toBeUndefined();
		for (const t of ['item.upserted', 'customer.upserted', 'supplier.upserted', 'sales_order.created', 'shipment.shipped', 'purchase_order.placed', 'goods.received', 'production.reported']) {
			expect(types).toContain(t);
		}
		const so = cat.types.find((t) => t.type === 'sales_order.created')!;
		expect(so.schema.properties.data.required).toEqual(['orderId', 'customerId', 'lines']);
		const api = (await (await fetch(server.url + '/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
		expect(api.openapi).toMatch(/^3\./);
		expect(Object.keys(api.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/events', '/api/events/catalogue', '/api/openapi.json', '/api/tokens', '/api/tokens/{id}']));
		expect(Object.keys(api.components.schemas)).toContain('Event_goods_received');
	});
});

describe(`HTTP ingest rate limit (${backendLabel})`, () => {
	let db2: TestDatabase;
	let limited: TestServer;
	beforeAll(async () => {
		db2 = await freshDatabase();
		limited = await startServer({ ...db2.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_INGEST_RATE: '1' });
	});
	afterAll(async () => {
		await limited?.stop();
		await db2?.drop();
	});

	it('answers 429 with Retry-After once a token exceeds its rate', async () => {
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 6; i++) {
			const r = await fetch(limited.url + '/api/events', {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
				body: JSON.stringify({ events: [ev.customer()] })
			});
			statuses.push(r.status);
			if (r.status === 429) retryAfter = r.headers.get('retry-after');
		}
		expect(statuses.slice(0, 2)).toEqual([200, 200]);
		expect(statuses).toContain(429);
		expect(retryAfter).toBe('1');
	});
});
