// GET /api/kpis, /api/kpis/<kpi> (CONTRACTS.md, HTTP) and /api/kpis/<kpi>/records over HTTP: events
// posted through ingest move the figures; bad input is a 400 naming the parameter, an unknown KPI a
// 404, and reads are authorized like other reads (the `kpis` read scope for API tokens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { ADMIN_TOKEN, makeTokens } from '../../support/tokens.ts';
import { baseMasterData, ev } from '../../support/events.ts';

let database: TestDatabase;
let server: TestServer;
let tokens: Record<string, string>;

async function get<T = Record<string, unknown>>(path: string, token: string | null = ADMIN_TOKEN): Promise<{ status: number; body: T }> {
	const r = await fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	return { status: r.status, body: (await r.json()) as T };
}

async function post(events: unknown[]) {
	const r = await fetch(server.url + '/api/events', {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
		body: JSON.stringify({ events })
	});
	if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
}

const order = (orderId: string, requestedDate: string, customerId = 'C-1') =>
	ev.salesOrder({ orderId, customerId, lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 2, requestedDate }] }, { occurredAt: '2026-10-01T09:00:00+08:00' });
const ship = (orderId: string, at: string) => ev.shipment({ orderId, lineId: '10', qty: 2 }, { occurredAt: at });
const range = 'from=2026-10-05T00:00:00%2B08:00&to=2026-10-08T00:00:00%2B08:00';

beforeAll(async () => {
	database = await freshDatabase();
	tokens = await makeTokens(database, { kpiReader: { kind: 'api', reads: ['kpis'] }, salesReader: { kind: 'api', reads: ['sales'] } });
	server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	await post(baseMasterData([], ['C-2']));
	await post([order('SO-1', '2026-10-05'), order('SO-2', '2026-10-05', 'C-2'), order('SO-3', '2026-10-07')]);
	await post([ship('SO-1', '2026-10-05T23:00:00+08:00'), ship('SO-2', '2026-10-06T08:00:00+08:00'), ship('SO-3', '2026-10-06T08:00:00+08:00')]);
}, 120_000);
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

describe(`KPI API (${backendLabel})`, () => {
	it('answers a KPI in day buckets of the factory time zone', async () => {
		const r = await get(`/api/kpis/otd?${range}&bucket=day`);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			kpi: 'otd',
			points: [
				{ t: '2026-10-04T16:00:00.000Z', value: 50, num: 1, den: 2 },
				{ t: '2026-10-05T16:00:00.000Z', value: null, num: 0, den: 0 },
				{ t: '2026-10-06T16:00:00.000Z', value: 100, num: 1, den: 1 }
			],
			total: { value: (100 * 2) / 3, num: 2, den: 3 }
		});
		const c2 = await get(`/api/kpis/otd?${range}&bucket=week&dim=customer:C-2`);
		expect(c2.body).toMatchObject({ points: [{ t: '2026-10-04T16:00:00.000Z', num: 0, den: 1 }], total: { value: 0, num: 0, den: 1 } });
	});

	it('lists the catalogue and the records behind a figure', async () => {
		const list = await get<{ kpis: { id: string; unit: string; source: string }[] }>('/api/kpis');
		expect(list.status).toBe(200);
		expect(list.body.kpis.find((k) => k.id === 'otd')).toMatchObject({ unit: '%', direction: 'higher', target: 95 });
		const recs = await get<{ records: { record: string; num: number; why: { daysLate: number; onTime: boolean } }[] }>(`/api/kpis/otd/records?${range}&side=den`);
		expect(recs.status).toBe(200);
		expect(recs.body.records.map((r) => [r.record, r.num, r.why.onTime, r.why.daysLate])).toEqual([
			['SO-1/10', 1, true, 0],
			['SO-2/10', 0, false, 1],
			['SO-3/10', 1, true, 0]
		]);
	});

	it('refuses bad input with the parameter named, and an unknown KPI with 404', async () => {
		const path = async (q: string) => ((await get<{ issues: { path: string }[] }>(`/api/kpis/otd?${q}`)).body.issues ?? []).map((i) => i.path);
		expect(await path('to=2026-10-08T00:00:00Z')).toEqual(['from']);
		expect(await path(`${range}&bucket=fortnight`)).toEqual(['bucket']);
		expect(await path('from=2026-10-08T00:00:00Z&to=2026-10-01T00:00:00Z')).toEqual(['to']);
		expect(await path(`${range}&dim=supplier:S-1`)).toEqual(['dim']);
		expect(await path('from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&bucket=minute')).toEqual(['bucket']);
		expect(await path(`${range}&colour=red`)).toEqual(['colour']);
		const bad = await get(`/api/kpis/otd?from=yesterday&to=2026-10-08T00:00:00Z`);
		expect([bad.status, bad.body.code]).toEqual([400, 'ERR_BAD_QUERY']);
		const unknown = await get(`/api/kpis/happiness?${range}`);
		expect([unknown.status, unknown.body.code]).toEqual([404, 'ERR_NOT_FOUND']);
	});

	it('reads with a session or token like other reads: the kpis scope for API tokens', async () => {
		expect((await get(`/api/kpis/otd?${range}`, null)).status).toBe(401);
		expect((await get(`/api/kpis/otd?${range}`, tokens.salesReader)).status).toBe(403);
		expect((await get(`/api/kpis/otd?${range}`, tokens.kpiReader)).status).toBe(200);
		expect((await get('/api/kpis', tokens.kpiReader)).status).toBe(200);
	});

	it('documents the endpoints in the OpenAPI document', async () => {
		const doc = await get<{ paths: Record<string, unknown> }>('/api/openapi.json');
		expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/kpis', '/api/kpis/{kpi}', '/api/kpis/{kpi}/records']));
	});
});
