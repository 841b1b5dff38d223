import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { TestLiveClient } from '../../support/live-client.ts';
import { addDays, factoryDate } from '../../../server/shared/factory-date.ts';
import { ROOT } from '../../support/paths.ts';

// Wall screens over a running server: who may open which screen, a saved file reaching the screens
// that show it, and the KPI series and breakdowns that the screens' charts follow.
let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;
let dir: string;
const clients: TestLiveClient[] = [];
const today = factoryDate(new Date(), 'Asia/Shanghai');

const floor = (title: string) => ({
	schemaVersion: 1,
	title: { 'zh-CN': title, en: 'Floor' },
	widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', x: 0, y: 0, w: 6, h: 3 }]
});

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'liandong-screens-'));
	cpSync(join(ROOT, 'screens/plant-overview.json'), join(dir, 'plant-overview.json'));
	writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('车间一')));
	database = await freshDatabase();
	tokens = await makeTokens(database, {
		floorKiosk: { kind: 'kiosk', screens: ['floor'] },
		anyKiosk: { kind: 'kiosk' },
		kpiReader: { kind: 'api', eventTypes: [], reads: ['kpis'] },
		salesReader: { kind: 'api', eventTypes: [], reads: ['sales'] }
	});
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN, LIANDONG_SCREENS_DIR: dir });
});
afterAll(async () => {
	for (const c of clients) c.close();
	await server?.stop();
	await database?.drop();
	rmSync(dir, { recursive: true, force: true });
});

async function post(events: RawEvent[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
}

async function follow(topic: string, token: string) {
	const c = await TestLiveClient.connect(server.url, { token });
	clients.push(c);
	c.send({ op: 'sub', topics: [topic] });
	await c.waitFor(() => c.of('snap', topic)[0] ?? c.of('error', topic)[0], 5000, `snap of ${topic}`);
	return c;
}

const latest = <T>(c: TestLiveClient, topic: string): T => [...c.of('snap', topic), ...c.of('upd', topic)].at(-1)!.value as T;

describe(`wall screens (${backendLabel})`, () => {
	it('opens a screen with a kiosk token made for it, and refuses the rest by status', async () => {
		const get = (path: string) => fetch(server.url + path, { redirect: 'manual' });
		const ok = await get(`/screens/floor?token=${tokens.floorKiosk}`);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain('车间一');
		// No menu bar on a wall screen.
		expect(html).not.toContain('data-testid="current-user"');
		expect((await get(`/screens/plant-overview?token=${tokens.floorKiosk}`)).status).toBe(403);
		expect((await get(`/screens/plant-overview?token=${tokens.anyKiosk}`)).status).toBe(200);
		expect((await get(`/screens/plant-overview?token=${tokens.kpiReader}`)).status).toBe(200);
		expect((await get(`/screens/plant-overview?token=${tokens.salesReader}`)).status).toBe(403);
		expect((await get(`/screens/plant-overview?token=not-a-token-at-all`)).status).toBe(401);
		expect((await get(`/screens/nowhere?token=${tokens.anyKiosk}`)).status).toBe(404);
		const anonymous = await get('/screens/floor');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe('/login?next=%2Fscreens%2Ffloor');
		// The live topic of a screen follows the same rule.
		const c = await follow('screen:plant-overview', tokens.floorKiosk);
		expect(c.of('error', 'screen:plant-overview')[0]).toMatchObject({ code: 'ERR_LIVE_FORBIDDEN' });
	});

	it('a saved file reaches the screens showing it; a broken one keeps the last good version up and says why', async () => {
		type Value = { screen: { title: { 'zh-CN': string } } | null; problems: string[] };
		const c = await follow('screen:floor', tokens.floorKiosk);
		expect(latest<Value>(c, 'screen:floor')).toMatchObject({ screen: { title: { 'zh-CN': '车间一' } }, problems: [] });
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('车间二')));
		await c.waitFor(() => latest<Value>(c, 'screen:floor').screen?.title['zh-CN'] === '车间二', 10_000, 'the new title');
		writeFileSync(join(dir, 'floor.json'), JSON.stringify({ ...floor('车间三'), widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', x: 20, y: 0, w: 6, h: 3 }] }));
		const broken = await c.waitFor(() => latest<Value>(c, 'screen:floor').problems.length > 0 && latest<Value>(c, 'screen:floor'), 10_000, 'the problem');
		expect(broken).toEqual({ screen: expect.objectContaining({ title: { 'zh-CN': '车间二', en: 'Floor' } }), problems: ["widgets.0.w: reaches past the grid's 24 columns (x + w = 26)"] });
		// The page lists it with its problem.
		writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor('车间四')));
		await c.waitFor(() => latest<Value>(c, 'screen:floor').screen?.title['zh-CN'] === '车间四' && latest<Value>(c, 'screen:floor').problems.length === 0, 10_000, 'fixed');
		expect(JSON.parse(readFileSync(join(dir, 'floor.json'), 'utf8')).title['zh-CN']).toBe('车间四');
	});

	it('follows a KPI per factory day and per customer: each figure the same as the window of that customer', async () => {
		await post([
			ev.customer({ customerId: 'C-ON', name: '准时客户' }),
			ev.customer({ customerId: 'C-LATE', name: '迟到客户' }),
			ev.item({ itemId: 'P-S', name: '卡钳', makeOrBuy: 'make' }),
			{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-S', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' } },
			ev.salesOrder({ orderId: 'SO-ON', customerId: 'C-ON', lines: [{ lineId: '10', itemId: 'P-S', qty: 2, requestedDate: today }] }),
			ev.salesOrder({ orderId: 'SO-LATE', customerId: 'C-LATE', lines: [{ lineId: '10', itemId: 'P-S', qty: 2, requestedDate: addDays(today, -2) }] })
		]);
		const trend = await follow('kpi-trend:otd:7d', tokens.anyKiosk);
		const by = await follow('kpi-by:otd:30d:customer', tokens.anyKiosk);
		const now = { occurredAt: new Date().toISOString() };
		await post([ev.shipment({ orderId: 'SO-ON', lineId: '10', qty: 2 }, now), ev.shipment({ orderId: 'SO-LATE', lineId: '10', qty: 2 }, now)]);

		type By = { rows: { key: string; name: string | null; value: number | null; num: number; den: number }[]; target: number };
		const rows = await by.waitFor(() => latest<By>(by, 'kpi-by:otd:30d:customer').rows.length === 2 && latest<By>(by, 'kpi-by:otd:30d:customer').rows, 10_000, 'both customers');
		expect(rows).toEqual([
			{ key: 'C-LATE', name: '迟到客户', value: 0, num: 0, den: 1 },
			{ key: 'C-ON', name: '准时客户', value: 100, num: 1, den: 1 }
		]);
		expect(latest<By>(by, 'kpi-by:otd:30d:customer').target).toBe(95);
		for (const r of rows) {
			const w = await follow(`kpi:otd:30d:customer:${r.key}`, tokens.anyKiosk);
			expect(latest<{ value: number; num: number; den: number }>(w, `kpi:otd:30d:customer:${r.key}`)).toMatchObject({ value: r.value, num: r.num, den: r.den });
		}

		type Trend = { points: { date: string; value: number | null; num: number; den: number }[] };
		const points = await trend.waitFor(() => {
			const p = latest<Trend>(trend, 'kpi-trend:otd:7d').points;
			return p.at(-1)?.den === 1 && p.at(-3)?.den === 1 && p;
		}, 10_000, 'the two days');
		expect(points.map((p) => p.date)).toEqual([6, 5, 4, 3, 2, 1, 0].map((d) => addDays(today, -d)));
		// On time today; two days ago the line due then shipped late.
		expect(points.at(-1)).toMatchObject({ value: 100, num: 1, den: 1 });
		expect(points.at(-3)).toMatchObject({ value: 0, num: 0, den: 1 });
		expect(points.filter((p) => p.den === 0).every((p) => p.value === null)).toBe(true);
	});

	it('production:gantt: open production orders by due date, with their span, progress and where they are', async () => {
		const wc = (id: string, name: string) => ({ ...ev.item(), type: 'work_center.upserted', data: { workCenterId: id, name, calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5, 6, 7] } } });
		const mo = (id: string, due: string) => ({
			...ev.item(),
			type: 'production_order.created',
			data: { productionOrderId: id, itemId: 'P-G', qty: 10, dueDate: due, operations: [{ seq: 10, workCenterId: 'WC-G1', setupMinutes: 0, runMinutesPerUnit: 5 }, { seq: 20, workCenterId: 'WC-G2', setupMinutes: 0, runMinutesPerUnit: 5 }] }
		});
		await post([ev.item({ itemId: 'P-G', name: '转向节', makeOrBuy: 'make' }), wc('WC-G1', '车削'), wc('WC-G2', '装配')]);
		await post([mo('MO-G1', addDays(today, 3)), mo('MO-G2', addDays(today, -1)), mo('MO-G3', addDays(today, 1))]);
		const c = await follow('production:gantt', tokens.anyKiosk);
		type Gantt = { today: string; total: number; orders: { productionOrderId: string; status: string; due: string; good: number; qty: number; workCenterName: string | null; late: boolean }[] };
		// Created orders are not in work yet.
		expect(latest<Gantt>(c, 'production:gantt')).toEqual({ today, total: 0, orders: [] });
		const now = { occurredAt: new Date().toISOString() };
		await post([
			{ ...ev.item(), ...now, type: 'production_order.released', data: { productionOrderId: 'MO-G1' } },
			{ ...ev.item(), ...now, type: 'production_order.released', data: { productionOrderId: 'MO-G2' } }
		]);
		// MO-G1: turning done for all 10, assembly has made 4 of them (the order's output is its last operation's).
		await post([
			ev.production({ productionOrderId: 'MO-G1', operationSeq: 10, workCenterId: 'WC-G1', goodQty: 10, scrapQty: 0 }, now),
			ev.production({ productionOrderId: 'MO-G1', operationSeq: 20, workCenterId: 'WC-G2', goodQty: 4, scrapQty: 0 }, now)
		]);
		const g = await c.waitFor(() => {
			const v = latest<Gantt>(c, 'production:gantt');
			return v.total === 2 && v.orders[1]?.good === 4 && v;
		}, 10_000, 'two orders in work');
		expect(g.orders.map((o) => [o.productionOrderId, o.due, o.late, o.workCenterName])).toEqual([
			['MO-G2', addDays(today, -1), true, '车削'],
			['MO-G1', addDays(today, 3), false, '装配']
		]);
		expect(g.orders[1]).toMatchObject({ status: 'in_progress', good: 4, qty: 10 });
	});

	it('a file that was never good is followed all the same, with what is wrong with it', async () => {
		writeFileSync(join(dir, 'broken.json'), '{ "schemaVersion": 1');
		const c = await follow('screen:broken', tokens.anyKiosk);
		await c.waitFor(() => latest<{ problems: string[] }>(c, 'screen:broken').problems[0]?.startsWith('(file): not JSON'), 10_000, 'the broken file');
		expect(latest<{ screen: unknown }>(c, 'screen:broken').screen).toBeNull();
	});
});
