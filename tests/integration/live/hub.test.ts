import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { baseMasterData, ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { TestLiveClient, type LiveMsg } from '../../support/live-client.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;
const clients: TestLiveClient[] = [];

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, {
		salesOnly: { kind: 'api', eventTypes: ['sales_order.created'] },
		kiosk: { kind: 'kiosk' }
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
	for (const c of clients) c.close();
	await server?.stop();
	await database?.drop();
});

async function client(token = ADMIN_TOKEN, headers?: Record<string, string>) {
	const c = await TestLiveClient.connect(server.url, { token, headers });
	clients.push(c);
	await c.waitFor(() => c.of('hello')[0], 5000, 'hello');
	return c;
}

async function post(events: RawEvent[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	expect(r.status).toBe(200);
}

async function subscribe(c: TestLiveClient, topic: string, resume?: unknown): Promise<LiveMsg> {
	const before = c.of('snap', topic).length;
	c.send({ op: 'sub', topics: [topic], ...(resume ? { resume } : {}) });
	return c.waitFor(() => c.of('snap', topic)[before], 5000, `snap of ${topic}`);
}

const eventIds = (msgs: LiveMsg[]) => msgs.map((m) => (m.value as { id: string }).id);

describe(`live hub on /live (${backendLabel})`, () => {
	it('refuses an upgrade without a valid token (401)', async () => {
		expect(await TestLiveClient.refusal(server.url)).toBe(401);
		expect(await TestLiveClient.refusal(server.url, { token: 'ld_wrong' })).toBe(401);
	});

	it('refuses a browser Origin other than its own (403) and accepts its own', async () => {
		expect(await TestLiveClient.refusal(server.url, { token: ADMIN_TOKEN, headers: { origin: 'http://evil.example' } })).toBe(403);
		expect(await TestLiveClient.refusal(server.url, { token: ADMIN_TOKEN, headers: { origin: server.url } })).toBe(101);
	});

	it('sends a snapshot of recent events, then each committed event once, in commit order', async () => {
		await post([ev.customer({ name: 'before subscribing' })]);
		const c = await client();
		const snap = await subscribe(c, 'events:*');
		expect(snap).toMatchObject({ op: 'snap', topic: 'events:*', kind: 'stream', seq: expect.any(Number), epoch: expect.any(String) });
		expect((snap.value as { data: { name: string } }[]).at(-1)?.data.name).toBe('before subscribing');

		const batches = [mixedBatch(7), mixedBatch(5), mixedBatch(9)];
		for (const b of batches) await post(b);
		await post(batches[1]); // duplicates: never delivered again
		// A later marker: updates arrive in commit order, so once it is here nothing else is on its way.
		const marker = ev.customer({ name: 'marker' });
		await post([marker]);
		const expected = [...batches.flat(), marker].map((e) => e.id);
		const upd = await c.waitFor(() => {
			const u = c.of('upd', 'events:*');
			return eventIds(u).includes(marker.id) && u;
		}, 10_000, 'the marker');
		expect(eventIds(upd)).toEqual(expected);
		expect(upd.map((m) => m.seq)).toEqual(expected.map((_, i) => snap.seq! + i + 1));
	});

	it('delivers only the subscribed type on events:<type>, with its own sequence', async () => {
		const c = await client();
		const snap = await subscribe(c, 'events:goods.received');
		await post([ev.item(), ev.receipt({ qty: 1 }), ev.customer(), ev.receipt({ qty: 2 })]);
		await post([ev.customer(), ev.receipt({ qty: 3 })]); // the marker: it comes after all of the above
		const u = await c.waitFor(() => {
			const x = c.of('upd', 'events:goods.received');
			return x.length >= 3 && x;
		});
		expect(c.of('upd').every((m) => m.topic === 'events:goods.received')).toBe(true);
		expect(u.map((m) => (m.value as { data: { qty: number } }).data.qty)).toEqual([1, 2, 3]);
		expect(u.map((m) => m.seq)).toEqual([snap.seq! + 1, snap.seq! + 2, snap.seq! + 3]);
	});

	it('answers unknown topics, forbidden topics and bad messages with errors', async () => {
		const scoped = await client(tokens.salesOnly);
		scoped.send({ op: 'sub', topics: ['events:*', 'events:item.upserted', 'nope:1'] });
		await scoped.waitFor(() => scoped.of('error').length >= 3 && true);
		const errors = scoped.of('error').map((m) => [m.topic, m.code]);
		expect(errors).toEqual(
			expect.arrayContaining([
				['events:*', 'ERR_LIVE_FORBIDDEN'],
				['events:item.upserted', 'ERR_LIVE_FORBIDDEN'],
				['nope:1', 'ERR_LIVE_UNKNOWN_TOPIC']
			])
		);
		await subscribe(scoped, 'events:sales_order.created');
		scoped.send('{oops');
		scoped.send({ op: 'dance' });
		await scoped.waitFor(() => scoped.of('error').filter((m) => m.code === 'ERR_LIVE_BAD_MESSAGE').length >= 2 && true);

		const kiosk = await client(tokens.kiosk);
		kiosk.send({ op: 'sub', topics: ['events:*'] });
		await kiosk.waitFor(() => kiosk.of('error')[0]);
		expect(kiosk.of('error')[0].code).toBe('ERR_LIVE_FORBIDDEN');
	});

	it('stops sending after unsub', async () => {
		const c = await client();
		await subscribe(c, 'events:supplier.upserted');
		await subscribe(c, 'events:customer.upserted');
		// The hub handles one client's messages in order: the pong means the unsub has taken effect.
		c.send({ op: 'unsub', topics: ['events:supplier.upserted'] });
		c.send({ op: 'ping' });
		await c.waitFor(() => c.of('pong')[0]);
		await post([ev.supplier()]);
		// A marker on a topic still subscribed, committed later: once it is here, a supplier update
		// would have been here before it.
		const marker = ev.customer({ name: 'marker' });
		await post([marker]);
		await c.waitFor(() => eventIds(c.of('upd', 'events:customer.upserted')).includes(marker.id));
		expect(c.of('upd', 'events:supplier.upserted')).toEqual([]);
		expect(eventIds(c.of('upd'))).toEqual([marker.id]);
	});

	it('closes a connection that sends a message over the inbound limit (1009)', async () => {
		const c = await client();
		const closed = c.closed();
		c.send({ op: 'sub', topics: ['x'.repeat(64 * 1024)] });
		expect((await closed).code).toBe(1009);
	});

	it('resumes from {epoch, seq} with the missed updates, and sends a fresh snapshot for an unknown epoch', async () => {
		const topic = 'events:customer.upserted';
		const a = await client();
		const snap = await subscribe(a, topic);
		await post([ev.customer({ name: 'r1' })]);
		const u1 = await a.waitFor(() => a.of('upd', topic)[0]);
		a.close();
		await post([ev.customer({ name: 'r2' }), ev.customer({ name: 'r3' })]);

		const b = await client();
		b.send({ op: 'sub', topics: [topic], resume: { epoch: u1.epoch, seq: u1.seq } });
		const missed = await b.waitFor(() => {
			const x = b.of('upd', topic);
			return x.length >= 2 && x;
		});
		expect(b.of('snap', topic)).toEqual([]);
		expect(missed.map((m) => (m.value as { data: { name: string } }).data.name)).toEqual(['r2', 'r3']);
		expect(missed.map((m) => m.seq)).toEqual([snap.seq! + 2, snap.seq! + 3]);

		const c = await client();
		c.send({ op: 'sub', topics: [topic], resume: { [topic]: { epoch: 'other-node', seq: 2 } } });
		const fresh = await c.waitFor(() => c.of('snap', topic)[0]);
		expect((fresh.value as { data: { name: string } }[]).map((e) => e.data.name).slice(-3)).toEqual(['r1', 'r2', 'r3']);
	});

	it('answers ping with pong', async () => {
		const c = await client();
		c.send({ op: 'ping' });
		await c.waitFor(() => c.of('pong')[0]);
	});
});

describe(`live hub subscriptions under concurrent commits (${backendLabel})`, () => {
	it('never sends an event both in the snapshot and as an update, and keeps the numbering contiguous', async () => {
		let posting = true;
		const poster = (async () => {
			while (posting) await post(mixedBatch(3));
		})();
		try {
			for (let round = 0; round < 8; round++) {
				const c = await client();
				const snap = await subscribe(c, 'events:*');
				await c.waitFor(() => c.of('upd', 'events:*').length >= 3 && true, 10_000, 'updates after the snapshot');
				c.close();
				const inSnap = new Set((snap.value as { id: string }[]).map((e) => e.id));
				const upd = c.of('upd', 'events:*');
				expect(upd.filter((m) => inSnap.has((m.value as { id: string }).id))).toEqual([]);
				expect(upd.map((m) => m.seq)).toEqual(upd.map((_, i) => snap.seq! + i + 1));
			}
		} finally {
			posting = false;
			await poster;
		}
	});

	it('answers a second sub for the same topic with a fresh snapshot', async () => {
		const c = await client();
		await subscribe(c, 'events:customer.upserted');
		const again = await subscribe(c, 'events:customer.upserted');
		expect(again.op).toBe('snap');
		expect(c.of('snap', 'events:customer.upserted')).toHaveLength(2);
	});

	it('refuses topics of event types that do not exist', async () => {
		const c = await client();
		c.send({ op: 'sub', topics: ['events:no_such.type'] });
		const err = await c.waitFor(() => c.of('error')[0]);
		expect(err).toMatchObject({ code: 'ERR_LIVE_UNKNOWN_TOPIC', topic: 'events:no_such.type' });
	});
});
