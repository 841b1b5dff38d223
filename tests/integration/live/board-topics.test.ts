import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { TestLiveClient, type LiveMsg } from '../../support/live-client.ts';
import { addDays, factoryDate } from '../../../server/shared/factory-date.ts';

// The board topics (orders:progress, shortages, capacity:load) over a running server: a snapshot,
// then an update after each commit that changes the value, never the same value twice in a row.
let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;
const clients: TestLiveClient[] = [];
const today = factoryDate(new Date(), 'Asia/Shanghai');
const WORKDAYS = [1, 2, 3, 4, 5, 6, 7];

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, {
		salesReader: { kind: 'api', eventTypes: [], reads: ['sales'] },
		kiosk: { kind: 'kiosk' }
	});
	// Planning runs by itself here: the shortages come from its plan.
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_PLANNING: '1', LIANDONG_ALERTS: '1' });
	await post([
		ev.customer({ customerId: 'C-B', name: '看板客户' }),
		ev.item({ itemId: 'P-B', name: '刹车卡钳 Brake caliper', makeOrBuy: 'make', leadTimeDays: 1 }),
		// Bought with a long lead time: an order due sooner is short of it.
		ev.item({ itemId: 'M-B', name: '铸件 Casting', kind: 'material', makeOrBuy: 'buy', leadTimeDays: 30 }),
		{ ...ev.item(), type: 'bom.replaced', data: { parentItemId: 'P-B', lines: [{ childItemId: 'M-B', qtyPer: 2 }] } },
		{ ...ev.item(), type: 'work_center.upserted', data: { workCenterId: 'WC-B', name: '机加工 Machining', calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: WORKDAYS } } },
		{ ...ev.item(), type: 'routing.replaced', data: { itemId: 'P-B', operations: [{ seq: 10, workCenterId: 'WC-B', setupMinutes: 0, runMinutesPerUnit: 60 }] } }
	]);
});
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

async function follow(topic: string, token = ADMIN_TOKEN) {
	const c = await TestLiveClient.connect(server.url, { token });
	clients.push(c);
	c.send({ op: 'sub', topics: [topic] });
	await c.waitFor(() => c.of('snap', topic)[0] ?? c.of('error', topic)[0], 5000, `snap of ${topic}`);
	return c;
}

/** The latest value the client has of a topic. */
const latest = <T>(c: TestLiveClient, topic: string): T => {
	const msgs = [...c.of('snap', topic), ...c.of('upd', topic)];
	return msgs.at(-1)!.value as T;
};

function noRepeats(msgs: LiveMsg[]) {
	for (let i = 1; i < msgs.length; i++) expect(JSON.stringify(msgs[i].value)).not.toBe(JSON.stringify(msgs[i - 1].value));
}

interface Progress {
	total: number;
	orders: { orderId: string; status: string; progress: number; due: string }[];
}

describe(`board topics (${backendLabel})`, () => {
	it('orders:progress: an order appears when entered, moves as it ships and leaves when shipped in full', async () => {
		const c = await follow('orders:progress');
		expect(latest<Progress>(c, 'orders:progress').orders.map((o) => o.orderId)).not.toContain('SO-B1');
		await post([ev.salesOrder({ orderId: 'SO-B1', customerId: 'C-B', lines: [{ lineId: '10', itemId: 'P-B', qty: 4, requestedDate: addDays(today, 40) }] })]);
		await c.waitFor(() => latest<Progress>(c, 'orders:progress').orders.some((o) => o.orderId === 'SO-B1'), 5000, 'the new order');
		expect(latest<Progress>(c, 'orders:progress').orders.find((o) => o.orderId === 'SO-B1')).toMatchObject({ due: addDays(today, 40), progress: 0 });

		await post([{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-B', locationId: 'MAIN', qty: 4, reasonCode: 'OPENING' } }]);
		await post([ev.shipment({ orderId: 'SO-B1', lineId: '10', qty: 1 })]);
		await c.waitFor(() => latest<Progress>(c, 'orders:progress').orders.find((o) => o.orderId === 'SO-B1')?.progress === 25, 5000, 'a quarter shipped');
		await post([ev.shipment({ orderId: 'SO-B1', lineId: '10', qty: 3 })]);
		await c.waitFor(() => !latest<Progress>(c, 'orders:progress').orders.some((o) => o.orderId === 'SO-B1'), 5000, 'the order gone');
		noRepeats(c.of('upd', 'orders:progress'));
	});

	it('shortages: a plan short of a bought part names the sales order line it hits', async () => {
		const c = await follow('shortages');
		await post([ev.salesOrder({ orderId: 'SO-B2', customerId: 'C-B', lines: [{ lineId: '10', itemId: 'P-B', qty: 3, requestedDate: addDays(today, 5) }] })]);
		type Shortages = { shortages: { itemId: string; qty: number; hits: { orderId: string; lineId: string; customerName: string }[] }[]; linesHit: number };
		const s = await c.waitFor(() => latest<Shortages>(c, 'shortages').shortages.find((x) => x.itemId === 'M-B'), 20_000, 'the casting shortage');
		expect(s.qty).toBe(6);
		expect(s.hits).toContainEqual(expect.objectContaining({ orderId: 'SO-B2', lineId: '10', customerName: '看板客户' }));
		noRepeats(c.of('upd', 'shortages'));
	});

	it('capacity:load: a production order loads its work centre over the days before its due date', async () => {
		const c = await follow('capacity:load');
		type Board = { from: string; workCenters: { workCenterId: string; days: { date: string; availableMin: number; loadMin: number; pct: number | null }[] }[] };
		const before = latest<Board>(c, 'capacity:load');
		expect(before.from).toBe(today);
		const wc = before.workCenters.find((w) => w.workCenterId === 'WC-B')!;
		expect(wc.days).toHaveLength(14);
		expect(wc.days[0]).toMatchObject({ date: today, availableMin: 480 });
		const loadBefore = wc.days.reduce((n, d) => n + d.loadMin, 0);
		// 8 units × 60 min, due in 4 days: spread over today and the 3 days after.
		await post([
			{
				...ev.item(),
				type: 'production_order.created',
				data: { productionOrderId: 'MO-B1', itemId: 'P-B', qty: 8, dueDate: addDays(today, 4), operations: [{ seq: 10, workCenterId: 'WC-B', setupMinutes: 0, runMinutesPerUnit: 60 }] }
			}
		]);
		await c.waitFor(() => latest<Board>(c, 'capacity:load').workCenters.find((w) => w.workCenterId === 'WC-B')!.days.reduce((n, d) => n + d.loadMin, 0) === loadBefore + 480, 5000, 'the load');
		const after = latest<Board>(c, 'capacity:load').workCenters.find((w) => w.workCenterId === 'WC-B')!;
		// The order's minutes fall on the four days before its due date, none after.
		const added = after.days.map((d, i) => d.loadMin - wc.days[i].loadMin);
		expect(added.slice(4).every((m) => m === 0)).toBe(true);
		expect(added.slice(0, 4).every((m) => m > 0)).toBe(true);
		for (const d of after.days) expect(d.pct).toBe(Math.round((d.loadMin / 480) * 100));
		noRepeats(c.of('upd', 'capacity:load'));
	});

	it('alerts:open: a work centre going down shows as an open alert, and goes when it is back up', async () => {
		const c = await follow('alerts:open');
		type Open = { count: number; alerts: { ref: { kind: string; id: string }; severity: string; status: string }[] };
		const mine = (v: Open) => v.alerts.filter((a) => a.ref.kind === 'work_center' && a.ref.id === 'WC-B');
		expect(mine(latest<Open>(c, 'alerts:open'))).toEqual([]);
		await post([{ ...ev.item(), type: 'work_center.status_changed', data: { workCenterId: 'WC-B', status: 'down', reasonCode: 'BREAKDOWN' } }]);
		const [alert] = await c.waitFor(() => mine(latest<Open>(c, 'alerts:open')).length > 0 && mine(latest<Open>(c, 'alerts:open')), 10_000, 'the open alert');
		expect(alert).toMatchObject({ status: 'open' });
		await post([{ ...ev.item(), type: 'work_center.status_changed', data: { workCenterId: 'WC-B', status: 'up' } }]);
		await c.waitFor(() => mine(latest<Open>(c, 'alerts:open')).length === 0, 10_000, 'the alert resolved');
		noRepeats(c.of('upd', 'alerts:open'));
	});

	it('kiosk tokens follow board topics; an API token only with the read scope', async () => {
		const kiosk = await follow('orders:progress', tokens.kiosk);
		expect(kiosk.of('snap', 'orders:progress')).toHaveLength(1);
		const reader = await follow('orders:progress', tokens.salesReader);
		expect(reader.of('snap', 'orders:progress')).toHaveLength(1);
		const refused = await follow('capacity:load', tokens.salesReader);
		expect(refused.of('error', 'capacity:load')[0]).toMatchObject({ code: 'ERR_LIVE_FORBIDDEN' });
	});
});
