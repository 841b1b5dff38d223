import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { ev } from '../../support/events.ts';
import { TestLiveClient } from '../../support/live-client.ts';
import { attachHub } from '../../../server/live/attach.ts';
import { validateBatch } from '../../../server/events/validate.ts';

// An in-process node with a tiny backlog and a fast heartbeat, to see the hub protect itself.
let t: TestRuntime;
let server: Server;
let url: string;

beforeAll(async () => {
	t = await openTestRuntime({
		env: { LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN },
		hub: { maxBacklog: 50, highWaterBytes: 4096, heartbeatMs: 2500 }
	});
	server = createServer((_req, res) => res.end());
	attachHub(t.rt, server);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server?.closeAllConnections();
	server?.close();
	await t?.close();
});

async function appendMany(n: number, size = 2000) {
	const events = Array.from({ length: n }, (_, i) => ev.extension({ i, pad: 'x'.repeat(size) }));
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error('invalid');
	await t.rt.append(v.events);
}

const socketOf = (c: TestLiveClient) => (c.ws as unknown as { _socket: Socket })._socket;

describe(`live hub under a slow client (${backendLabel})`, () => {
	it('cuts a stream topic with a gap for a client that stops reading, and keeps serving a resubscribe', async () => {
		const c = await TestLiveClient.connect(url, { token: ADMIN_TOKEN });
		c.send({ op: 'sub', topics: ['events:*'] });
		await c.waitFor(() => c.of('snap', 'events:*')[0]);
		socketOf(c).pause(); // the client stops reading: the server's socket buffer fills up
		await appendMany(1500, 8000); // ~12 MB: more than loopback socket buffers hold
		await new Promise((r) => setTimeout(r, 100));
		socketOf(c).resume();
		const gap = await c.waitFor(() => c.of('gap', 'events:*')[0], 10_000, 'gap');
		expect(gap).toMatchObject({ op: 'gap', topic: 'events:*', reason: 'slow-consumer' });
		expect(c.of("upd").length).toBeLessThan(1500);

		const snaps = c.of('snap', 'events:*').length;
		c.send({ op: 'sub', topics: ['events:*'] });
		await c.waitFor(() => c.of('snap', 'events:*').length > snaps && true);
		await appendMany(3, 10);
		await c.waitFor(() => c.of('upd', 'events:*').filter((m) => (m.value as { data: { pad: string } }).data.pad === 'xxxxxxxxxx').length === 3 && true);
		c.close();
	});

	it('sends heartbeats, and drops a client that stops answering pings', async () => {
		const alive = await TestLiveClient.connect(url, { token: ADMIN_TOKEN });
		await alive.waitFor(() => alive.of('hb').length >= 2 && true, 10_000, 'heartbeats');
		const dead = await TestLiveClient.connect(url, { token: ADMIN_TOKEN });
		await dead.waitFor(() => dead.of('hello')[0]);
		const before = t.rt.hub.clientCount;
		socketOf(dead).pause(); // no pongs from now on
		await alive.waitFor(() => t.rt.hub.clientCount < before && true, 10_000, 'dead client dropped');
		expect(t.rt.hub.clientCount).toBe(before - 1);
		alive.close();
		dead.ws.terminate();
	});
});
