import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Hub } from '../../../server/live/hub.ts';
import { memoryBus } from '../../../server/live/bus.ts';
import type { TopicProvider } from '../../../server/live/topics.ts';
import { TestLiveClient } from '../../support/live-client.ts';

// Value topics (KPIs, screen widgets) keep only the latest value for a client that cannot keep up.
// A small value-topic provider stands in for the KPI topics that will use the same path.
const latest = new Map<string, number>();
const gauges: TopicProvider = {
	kind: 'value',
	matches: (t) => t.startsWith('gauge:'),
	authorize: (p) => p.kind === 'admin',
	snapshot: async (t) => latest.get(t) ?? 0
};

let hub: Hub;
let server: Server;
let url: string;

beforeAll(async () => {
	hub = new Hub({
		bus: memoryBus(),
		log: pino({ level: 'silent' }),
		providers: [gauges],
		highWaterBytes: 1024,
		authenticate: async (_req, u) =>
			u.searchParams.get('token') === 'admin' ? { kind: 'admin', tokenId: 't', name: 'test', eventTypes: null, screens: null } : null
	});
	await hub.start();
	server = createServer((_q, r) => r.end());
	server.on('upgrade', (req, socket, head) => void hub.handleUpgrade(req, socket, head));
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await hub?.close();
	server?.close();
});

function set(topic: string, v: number, pad = '') {
	latest.set(topic, v);
	hub.publish(topic, { v, pad });
}

describe('value topics under a slow client', () => {
	it('sends the snapshot then every update to a client that keeps up', async () => {
		const c = await TestLiveClient.connect(url, { token: 'admin' });
		set('gauge:a', 1);
		c.send({ op: 'sub', topics: ['gauge:a'] });
		const snap = await c.waitFor(() => c.of('snap', 'gauge:a')[0]);
		expect(snap).toMatchObject({ kind: 'value', value: 1 });
		for (let i = 2; i <= 6; i++) {
			set('gauge:a', i);
			await c.waitFor(() => c.of('upd', 'gauge:a').length === i - 1 && true);
		}
		expect(c.of('upd', 'gauge:a').map((m) => (m.value as { v: number }).v)).toEqual([2, 3, 4, 5, 6]);
		c.close();
	});

	it('conflates to the latest value per topic for a client that stops reading, without a gap', async () => {
		const c = await TestLiveClient.connect(url, { token: 'admin' });
		c.send({ op: 'sub', topics: ['gauge:b', 'gauge:c'] });
		await c.waitFor(() => c.of('snap').length === 2 && true);
		const socket = (c.ws as unknown as { _socket: Socket })._socket;
		socket.pause();
		const pad = 'x'.repeat(4000);
		for (let i = 1; i <= 5000; i++) {
			set('gauge:b', i, pad);
			if (i % 10 === 0) set('gauge:c', i / 10, pad);
		}
		socket.resume();
		await c.waitFor(() => {
			const b = c.of('upd', 'gauge:b').at(-1);
			const cc = c.of('upd', 'gauge:c').at(-1);
			return (b?.value as { v: number })?.v === 5000 && (cc?.value as { v: number })?.v === 500 && true;
		}, 15_000, 'the final values');
		expect(c.of('upd', 'gauge:b').length).toBeLessThan(5000);
		expect(c.of('gap')).toEqual([]);
		// sequence numbers still tell the client how many updates it skipped
		expect(c.of('upd', 'gauge:b').at(-1)!.seq).toBe(5000);
		c.close();
	});
});
