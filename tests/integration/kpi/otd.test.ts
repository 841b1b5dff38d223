// On-time delivery from hand-built event sequences in Asia/Shanghai: a shipment one minute before and
// one at the factory midnight, a promise that moves the due date, an unshipped line that becomes late
// only when the KPI clock passes its due date, a cancelled line, a duplicate and a shipment that
// arrives before its order. The incremental sums equal a rebuild at every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { kpiRecords, kpiSeries, kpiWindow } from '../../../server/kpi/queries.ts';
import { KPI_CLOCK_JOB } from '../../../server/kpi/clock.job.ts';
import { expectRebuildEqual, ledgerSnapshot } from './ledger-support.ts';

const TZ = 'Asia/Shanghai';
const clock = { t: new Date('2026-11-30T12:00:00+08:00'), now() { return this.t; } };
let t: TestRuntime;

async function send(...events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

const order = (orderId: string, requestedDate: string, qty = 5, customerId = 'C-1') =>
	ev.salesOrder({ orderId, customerId, lines: [{ lineId: '10', itemId: 'ITEM-1', qty, requestedDate }] }, { occurredAt: '2026-11-20T09:00:00+08:00' });
const ship = (orderId: string, qty: number, at: string) => ev.shipment({ orderId, lineId: '10', qty }, { occurredAt: at });
const dec1 = { from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2026-12-02T00:00:00+08:00') };
const figure = async (kpi: string, range = dec1, dim?: string) => (await kpiSeries(t.rt.db, { kpi, ...range, bucket: 'day', timeZone: TZ, dim })).total;

describe(`otd and otif (${backendLabel})`, () => {
	beforeAll(async () => {
		t = await openTestRuntime({ clock, env: { LIANDONG_TIMEZONE: TZ } });
		await appendMasterData(t.rt, [], ['C-2']);
		// Stock worth 10 × 120.5 of item P; ITEM-1 ships below zero (allowed for it) and so holds no value.
		await send({ id: crypto.randomUUID(), type: 'stock.adjusted', occurredAt: '2026-11-20T08:00:00+08:00', source: 'test', data: { itemId: 'P', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' } });
		// SO-A's shipment arrives before its order: the line waits for its order and then counts.
		await send(ship('SO-A', 5, '2026-12-01T23:59:00+08:00'));
		await send(order('SO-A', '2026-12-01'), order('SO-B', '2026-12-01', 5, 'C-2'), order('SO-C', '2026-12-01', 4), order('SO-D', '2026-12-01', 3), order('SO-E', '2026-12-02', 2));
		const late = ship('SO-B', 5, '2026-12-02T00:00:00+08:00');
		await send(late);
		// The same event again (an integrator retrying) is a duplicate and changes nothing.
		expect((await send(late)).duplicates).toBe(1);
		await send(ship('SO-C', 2, '2026-12-02T10:00:00+08:00'));
		await send(ship('SO-C', 2, '2026-12-03T10:00:00+08:00'));
		// The promise of SO-C (Dec 3) arrives after its shipments: the line moves to Dec 3 and is on time there.
		await send({ id: crypto.randomUUID(), type: 'sales_order.promised', occurredAt: '2026-11-21T10:00:00+08:00', source: 'test', data: { orderId: 'SO-C', lines: [{ lineId: '10', promisedDate: '2026-12-03' }] } });
		await send({ id: crypto.randomUUID(), type: 'sales_order.cancelled', occurredAt: '2026-11-22T10:00:00+08:00', source: 'test', data: { orderId: 'SO-E', reasonCode: 'CUSTOMER_CANCELLED' } });
	}, 60_000);
	afterAll(async () => t?.close());

	it('counts a line shipped at 23:59 factory time on time and one shipped at midnight late', async () => {
		expect(await figure('otd')).toEqual({ value: 50, num: 1, den: 2 });
		expect(await figure('otd', dec1, 'customer:C-2')).toEqual({ value: 0, num: 0, den: 1 });
		expect(await figure('otd', dec1, 'customer:C-1')).toEqual({ value: 100, num: 1, den: 1 });
	});

	it('judges a promised line against its promise date and against the requested date separately', async () => {
		const dec3 = { from: new Date('2026-12-03T00:00:00+08:00'), to: new Date('2026-12-04T00:00:00+08:00') };
		expect(await figure('otd', dec3)).toEqual({ value: 100, num: 1, den: 1 });
		// Against the requested date (Dec 1): A on time; B and C late; D still open and not yet due-ended.
		expect(await figure('otd_requested')).toEqual({ value: (100 * 1) / 3, num: 1, den: 3 });
	});

	it('counts an unshipped line late only once the KPI clock passes the end of its due date, and only once', async () => {
		await expectRebuildEqual(t.rt);
		clock.t = new Date('2026-12-01T23:59:00+08:00');
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('otd')).toEqual({ value: 50, num: 1, den: 2 });
		clock.t = new Date('2026-12-02T00:00:00+08:00');
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('otd')).toEqual({ value: 100 / 3, num: 1, den: 3 });
		const before = await ledgerSnapshot(t.rt.db);
		const again = await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(again).toMatchObject({ ran: true, result: null });
		expect(await ledgerSnapshot(t.rt.db)).toEqual(before);
		await expectRebuildEqual(t.rt);
	});

	it('records daily inventory value and cost of goods shipped for turnover and days of supply', async () => {
		// The clock ran at 23:59 on Dec 1 and at midnight: Dec 1 shipped 5 × 120.5, Dec 2 7 × 120.5 (standard cost).
		const days = { from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2026-12-03T00:00:00+08:00') };
		expect(await figure('inventory_value', days)).toEqual({ value: 1205, num: 2410, den: 2 });
		expect(await figure('inventory_turnover', days)).toEqual({ value: (365 * 1446) / 2410, num: 365 * 1446, den: 2410 });
		expect(await figure('days_of_supply', days)).toEqual({ value: 2410 / 1446, num: 2410, den: 1446 });
	});

	it('answers OTIF per order at its last due date', async () => {
		// Dec 1: A on time in full, B late, D late (open past its date). C counts on Dec 3 (promised), on time.
		expect(await figure('otif')).toEqual({ value: 100 / 3, num: 1, den: 3 });
	});

	it('rolls days up in the factory time zone and leaves empty days without a value', async () => {
		const s = await kpiSeries(t.rt.db, { kpi: 'otd', from: new Date('2026-11-30T00:00:00+08:00'), to: new Date('2026-12-04T00:00:00+08:00'), bucket: 'day', timeZone: TZ });
		expect(s.points.map((p) => [p.t, p.num, p.den, p.value])).toEqual([
			['2026-11-29T16:00:00.000Z', 0, 0, null],
			['2026-11-30T16:00:00.000Z', 1, 3, 100 / 3],
			['2026-12-01T16:00:00.000Z', 0, 0, null],
			['2026-12-02T16:00:00.000Z', 1, 1, 100]
		]);
		expect(s.total).toEqual({ value: 50, num: 2, den: 4 });
		const hours = await kpiSeries(t.rt.db, { kpi: 'otd', from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2026-12-01T03:00:00+08:00'), bucket: 'hour', timeZone: TZ });
		expect(hours.points.map((p) => [p.t, p.den])).toEqual([
			['2026-11-30T16:00:00.000Z', 3],
			['2026-11-30T17:00:00.000Z', 0],
			['2026-11-30T18:00:00.000Z', 0]
		]);
	});

	it('answers live windows of factory days with target and status', async () => {
		const w = await kpiWindow(t.rt.db, { kpi: 'otd', window: '7d', now: new Date('2026-12-03T12:00:00+08:00'), timeZone: TZ });
		expect(w).toEqual({ value: 50, num: 2, den: 4, target: 95, status: 'bad' });
		const today = await kpiWindow(t.rt.db, { kpi: 'otd', window: 'today', now: new Date('2026-12-03T12:00:00+08:00'), timeZone: TZ });
		expect(today).toMatchObject({ value: 100, status: 'ok' });
	});

	it('lists the late lines behind the figure with days late', async () => {
		const r = await kpiRecords(t.rt.db, { kpi: 'otd', ...dec1, side: 'den', timeZone: TZ, now: new Date('2026-12-03T12:00:00+08:00') });
		expect(r.total).toBe(3);
		expect(r.records.map((x) => [x.record, x.num, x.why?.onTime, x.why?.daysLate])).toEqual([
			['SO-A/10', 1, true, 0],
			['SO-B/10', 0, false, 1],
			['SO-D/10', 0, false, 2]
		]);
		const num = await kpiRecords(t.rt.db, { kpi: 'otd', ...dec1, side: 'num', timeZone: TZ, now: new Date('2026-12-03T12:00:00+08:00') });
		expect(num.records.map((x) => x.record)).toEqual(['SO-A/10']);
	});
	it('times order response from the first version of an order to its first promise, whichever arrives first', async () => {
		const promise = (orderId: string, at: string) => ({
			id: crypto.randomUUID(),
			type: 'sales_order.promised',
			occurredAt: at,
			source: 'test',
			data: { orderId, lines: [{ lineId: '10', promisedDate: '2026-12-20' }] }
		});
		const entered = (orderId: string, at: string) =>
			ev.salesOrder({ orderId, customerId: 'C-2', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 1, requestedDate: '2026-12-20' }] }, { occurredAt: at });
		// R1: the promise (13:00) reaches us before its order (09:00): 4 hours.
		await send(promise('SO-R1', '2026-11-10T13:00:00+08:00'));
		await send(entered('SO-R1', '2026-11-10T09:00:00+08:00'));
		// R2: entered 09:00, promised 11:00 and again 15:00 (the first promise counts): 2 hours; then an
		// earlier version of the order (08:00) arrives late and moves its entry back: 3 hours.
		await send(entered('SO-R2', '2026-11-10T09:00:00+08:00'), promise('SO-R2', '2026-11-10T11:00:00+08:00'));
		await send(promise('SO-R2', '2026-11-10T15:00:00+08:00'));
		const nov10 = { from: new Date('2026-11-10T00:00:00+08:00'), to: new Date('2026-11-11T00:00:00+08:00') };
		expect(await figure('order_response_time', nov10)).toEqual({ value: 3, num: 6, den: 2 });
		await send(entered('SO-R2', '2026-11-10T08:00:00+08:00'));
		expect(await figure('order_response_time', nov10)).toEqual({ value: 3.5, num: 7, den: 2 });
		await expectRebuildEqual(t.rt);
	});

	it('puts cost of goods shipped in the day of the shipment, whenever it is posted, reversed or its order arrives', async () => {
		// After the snapshots of Dec 1 and 2 (5 and 7 × 120.5 shipped): days of supply = value / cost shipped.
		const dec2 = { from: new Date('2026-12-02T00:00:00+08:00'), to: new Date('2026-12-03T00:00:00+08:00') };
		const cogs = async (range: typeof dec1) => (await figure('days_of_supply', range)).den;
		expect(await cogs(dec1)).toBe(5 * 120.5);
		expect(await cogs(dec2)).toBe(7 * 120.5);
		// Posted a day late: it counts on Dec 1, the day it shipped.
		await send(order('SO-L', '2026-12-01', 4));
		const late = ship('SO-L', 4, '2026-12-01T15:00:00+08:00');
		await send(late);
		expect(await cogs(dec1)).toBe(9 * 120.5);
		expect(await figure('inventory_turnover', dec1)).toMatchObject({ num: 365 * 9 * 120.5, den: 1205 });
		// Taken back later: Dec 1 is as before.
		await send({
			id: crypto.randomUUID(),
			type: 'shipment.reversed',
			occurredAt: '2026-12-02T09:00:00+08:00',
			source: 'test',
			data: { shipmentId: late.id, orderId: 'SO-L', lineId: '10', qty: 4, reasonCode: 'WRONG_DOCUMENT' }
		});
		expect(await cogs(dec1)).toBe(5 * 120.5);
		// A shipment before its order costs nothing until the order says which item it was.
		await send(ship('SO-M', 1, '2026-12-02T12:00:00+08:00'));
		expect(await cogs(dec2)).toBe(7 * 120.5);
		await send(order('SO-M', '2026-12-02', 1));
		expect(await cogs(dec2)).toBe(8 * 120.5);
		await expectRebuildEqual(t.rt);
	});
});
