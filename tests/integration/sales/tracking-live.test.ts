import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { TestLiveClient, type LiveMsg } from '../../support/live-client.ts';

// A tracking link's live topic on /live: the link's secret opens a connection that follows its own
// customer's view and nothing else; a change to one of that customer's lines is pushed, another
// customer's events are not; revoking the link closes the connection within seconds.
let database: TestDatabase;
let server: TestServer;
const clients: TestLiveClient[] = [];

beforeAll(async () => {
	database = await freshDatabase();
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	await post([ev.customer({ customerId: 'C-L', name: '长城配件' }), ev.customer({ customerId: 'C-O', name: '另一家' }), ev.item({ itemId: 'P-L', name: '齿轮泵', makeOrBuy: 'make', unitCost: 77.7 })]);
	await post([{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-L', locationId: 'MAIN', qty: 50, reasonCode: 'OPENING' } }]);
	await post([
		ev.salesOrder({ orderId: 'SO-L1', customerId: 'C-L', lines: [{ lineId: '10', itemId: 'P-L', qty: 10, requestedDate: '2099-12-20', unitPrice: 199.5 }, { lineId: '20', itemId: 'P-L', qty: 2, requestedDate: '2099-12-22' }] }),
		ev.salesOrder({ orderId: 'SO-O1', customerId: 'C-O', lines: [{ lineId: '10', itemId: 'P-L', qty: 6, requestedDate: '2099-12-20' }] })
	]);
}, 60_000);
afterAll(async () => {
	for (const c of clients) c.close();
	await server?.stop();
	await database?.drop();
});

async function post(events: RawEvent[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
}

async function command<T>(name: string, body: unknown): Promise<T> {
	const r = await fetch(`${server.url}/api/commands/${name}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify(body)
	});
	expect(r.status, await r.clone().text()).toBe(200);
	return (await r.json()) as T;
}

const newLink = (customerId: string) => command<{ linkId: string; token: string }>('tracking_link.create', { customerId });

/** A connection opened by a link's secret, as the tracking page opens it. */
async function trackingClient(secret: string): Promise<TestLiveClient> {
	const client = await TestLiveClient.connect(server.url, { track: secret });
	clients.push(client);
	return client;
}

async function follow(c: TestLiveClient, topic: string): Promise<LiveMsg> {
	c.send({ op: 'sub', topics: [topic] });
	return c.waitFor(() => c.of('snap', topic)[0] ?? c.of('error', topic)[0], 10_000, `answer for ${topic}`);
}

interface View {
	customerName: string;
	orders: { orderId: string; lines: { lineId: string; shippedQty: number; promisedDate: string | null; status: string }[] }[];
}

describe(`a tracking link's live topic (${backendLabel})`, () => {
	it('pushes a change to the customer’s own lines within a second or two, and nothing of another customer', async () => {
		const link = await newLink('C-L');
		const c = await trackingClient(link.token);
		const topic = `track:${link.linkId}`;
		const snap = await follow(c, topic);
		expect(snap).toMatchObject({ op: 'snap', kind: 'value' });
		const first = snap.value as View;
		expect(first.customerName).toBe('长城配件');
		expect(first.orders.map((o) => o.orderId)).toEqual(['SO-L1']);

		// Another customer's shipment and promise: its view does not move, so nothing is sent.
		await post([ev.shipment({ orderId: 'SO-O1', lineId: '10', qty: 2 }), { ...ev.item(), type: 'sales_order.promised', data: { orderId: 'SO-O1', lines: [{ lineId: '10', promisedDate: '2099-12-10' }] } }]);
		// Then its own: a shipment, pushed within two seconds.
		const sent = Date.now();
		await post([ev.shipment({ orderId: 'SO-L1', lineId: '10', qty: 4 })]);
		const upd = await c.waitFor(() => c.of('upd', topic).find((m) => (m.value as View).orders[0]?.lines[0]?.shippedQty === 4), 5_000, 'the shipment pushed');
		expect(Date.now() - sent).toBeLessThan(2_000);
		expect((upd.value as View).orders[0].lines[0].status).toBe('partially_shipped');
		// A promise date given: pushed too.
		await post([{ ...ev.item(), type: 'sales_order.promised', data: { orderId: 'SO-L1', lines: [{ lineId: '10', promisedDate: '2099-12-15' }] } }]);
		await c.waitFor(() => c.of('upd', topic).find((m) => (m.value as View).orders[0]?.lines[0]?.promisedDate === '2099-12-15'), 5_000, 'the promise pushed');

		// Production: a production order made for line 20 and released puts that line in production.
		await post([{ ...ev.item(), type: 'production_order.created', data: { productionOrderId: 'MO-L1', itemId: 'P-L', qty: 2, dueDate: '2099-12-10', salesOrderId: 'SO-L1', salesLineId: '20', operations: [] } }]);
		await post([{ ...ev.item(), type: 'production_order.released', data: { productionOrderId: 'MO-L1' } }]);
		await c.waitFor(() => c.of('upd', topic).find((m) => (m.value as View).orders[0]?.lines[1]?.status === 'in_production'), 5_000, 'production pushed');

		// Exactly the three changes of its own arrived; nothing of the other customer or anything internal.
		await new Promise((r) => setTimeout(r, 600));
		expect(c.of('upd', topic).map((m) => (m.value as View).orders[0].lines)).toMatchObject([
			[{ lineId: '10', shippedQty: 4, status: 'partially_shipped' }, { lineId: '20', status: 'open' }],
			[{ promisedDate: '2099-12-15' }, { status: 'open' }],
			[{ promisedDate: '2099-12-15' }, { status: 'in_production' }]
		]);
		const everything = JSON.stringify(c.messages);
		for (const internal of ['SO-O1', '另一家', 'C-O', '77.7', '199.5', 'unitPrice', 'unitCost']) expect(everything).not.toContain(internal);
	});

	it('its secret follows its own view and nothing else: no staff topic, no other link, no event stream', async () => {
		const mine = await newLink('C-L');
		const other = await newLink('C-O');
		const c = await trackingClient(mine.token);
		for (const topic of ['events:*', 'events:shipment.shipped', 'orders:progress', 'alerts:open', 'shortages', 'kpi:otd:today', `track:${other.linkId}`, 'screen:plant-overview']) {
			const answer = await follow(c, topic);
			expect({ topic, op: answer.op, code: answer.code }).toEqual({ topic, op: 'error', code: expect.stringMatching(/^ERR_LIVE_(FORBIDDEN|UNKNOWN_TOPIC)$/) });
		}
		// Those the hub knows are refused as forbidden, not merely unknown.
		expect(c.of('error', 'orders:progress')[0].code).toBe('ERR_LIVE_FORBIDDEN');
		expect(c.of('error', `track:${other.linkId}`)[0].code).toBe('ERR_LIVE_FORBIDDEN');
		expect(c.of('snap')).toEqual([]);
		// Staff do not follow tracking topics either, and a made-up secret opens no connection.
		const staff = await TestLiveClient.connect(server.url, { token: ADMIN_TOKEN });
		clients.push(staff);
		expect((await follow(staff, `track:${mine.linkId}`)).code).toBe('ERR_LIVE_FORBIDDEN');
		expect(await TestLiveClient.refusal(server.url, { track: 'ld_not-a-real-secret' })).toBe(401);
	});

	it('a revoked link’s connection is told and closed within five seconds, and cannot connect again', async () => {
		const link = await newLink('C-L');
		const c = await trackingClient(link.token);
		const topic = `track:${link.linkId}`;
		await follow(c, topic);
		const closed = c.closed();
		const at = Date.now();
		await command('tracking_link.revoke', { linkId: link.linkId });
		const { code } = await closed;
		expect(Date.now() - at).toBeLessThan(5_000);
		expect(code).toBe(4401);
		expect(await TestLiveClient.refusal(server.url, { track: link.token })).toBe(401);
		expect((await fetch(`${server.url}/track/${link.token}/data`)).status).toBe(410);
	});
});
