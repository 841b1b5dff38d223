import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, usesRedis, type TestRuntime } from '../../support/backend.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { ev } from '../../support/events.ts';
import { TestLiveClient } from '../../support/live-client.ts';
import { attachHub } from '../../../server/live/attach.ts';
import { busNamespace, subscriberName } from '../../../server/live/bus.ts';
import { validateBatch } from '../../../server/events/validate.ts';

// Redis pub/sub drops what is published while a subscriber is disconnected, and nothing in the
// numbering would show it: after a reconnect the hub must make every subscriber start afresh.
describe.skipIf(!usesRedis)('live hub after the Redis subscriber reconnects', () => {
	let t: TestRuntime;
	let server: Server;
	let url: string;
	let admin: Redis;

	beforeAll(async () => {
		t = await openTestRuntime({ env: { LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN } });
		server = createServer((_q, r) => r.end());
		attachHub(t.rt, server);
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		admin = new Redis(process.env.REDIS_URL!);
	});
	afterAll(async () => {
		admin?.disconnect();
		server?.closeAllConnections();
		server?.close();
		await t?.close();
	});

	async function append(n: number) {
		const v = validateBatch(t.rt.catalogue, { events: Array.from({ length: n }, () => ev.customer()) });
		if (!v.ok) throw new Error('invalid');
		await t.rt.append(v.events);
	}

	it('sends a resync gap to every subscriber, and delivers again after they resubscribe', async () => {
		const c = await TestLiveClient.connect(url, { token: ADMIN_TOKEN });
		c.send({ op: 'sub', topics: ['events:*'] });
		const first = await c.waitFor(() => c.of('snap', 'events:*')[0]);

		const name = subscriberName(busNamespace(t.rt.config.databaseUrl, t.rt.config.dataDir));
		const list = (await admin.client('LIST')) as string;
		const mine = list.split('\n').find((l) => l.includes(` name=${name} `));
		expect(mine, `no subscriber named ${name}`).toBeTruthy();
		const id = /\bid=(\d+)/.exec(mine!)![1];
		await admin.client('KILL', 'ID', id);

		const gap = await c.waitFor(() => c.of('gap', 'events:*')[0], 10_000, 'resync gap');
		expect(gap.reason).toBe('resync');
		expect(await t.rt.bus.ping()).toBe(true);

		c.send({ op: 'sub', topics: ['events:*'] });
		const second = await c.waitFor(() => c.of('snap', 'events:*')[1]);
		expect(second.epoch).not.toBe(first.epoch);
		await append(2);
		await c.waitFor(() => c.of('upd', 'events:*').length === 2 && true, 10_000, 'updates after resync');
		c.close();
	});
});
