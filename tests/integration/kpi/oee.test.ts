// OEE from hand-built production events: a work centre with an eight-hour shift, two orders whose
// operations there take 2 and 1 minutes a unit, reports, a breakdown of an hour, a late maintenance
// stop and a calendar change. Days count once ended (the KPI clock); rebuild equals incremental.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { kpiSeries, kpiWindow } from '../../../server/kpi/queries.ts';
import { KPI_CLOCK_JOB } from '../../../server/kpi/clock.job.ts';
import { expectRebuildEqual, ledgerSnapshot } from './ledger-support.ts';

const TZ = 'Asia/Shanghai';
const WC = 'workCenter:WC-OEE';
const clock = { t: new Date('2026-12-07T12:00:00+08:00'), now() { return this.t; } };
let t: TestRuntime;

async function send(...events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}
const raw = (type: string, data: Record<string, unknown>, occurredAt: string): RawEvent => ({ id: crypto.randomUUID(), type, occurredAt, source: 'test', data });
const calendar = (end: string) => ({ shifts: [{ start: '08:00', end }], workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] });
const figure = async (kpi: string, from: string, to: string, dim = WC) =>
	(await kpiSeries(t.rt.db, { kpi, from: new Date(`${from}T00:00:00+08:00`), to: new Date(`${to}T00:00:00+08:00`), bucket: 'day', timeZone: TZ, dim })).total;
const order = (id: string, itemId: string, run: number) =>
	raw('production_order.created', { productionOrderId: id, itemId, qty: 500, dueDate: '2026-12-20', operations: [{ seq: 10, workCenterId: 'WC-OEE', setupMinutes: 30, runMinutesPerUnit: run }] }, '2026-12-02T08:00:00+08:00');
const report = (id: string, good: number, scrap: number, at: string) =>
	raw('production.reported', { productionOrderId: id, workCenterId: 'WC-OEE', operationSeq: 10, goodQty: good, scrapQty: scrap, ...(scrap ? { reasonCode: 'OPERATOR' } : {}) }, at);

describe(`OEE (${backendLabel})`, () => {
	beforeAll(async () => {
		t = await openTestRuntime({ clock, env: { LIANDONG_TIMEZONE: TZ } });
		await appendMasterData(t.rt);
		await send(raw('work_center.upserted', { workCenterId: 'WC-OEE', name: '装配线 Assembly', calendar: calendar('16:00') }, '2026-12-03T07:00:00+08:00'));
		await send(
			raw('routing.replaced', { itemId: 'P-1', operations: [{ seq: 10, workCenterId: 'WC-OEE', setupMinutes: 30, runMinutesPerUnit: 2 }] }, '2026-12-01T08:00:00+08:00'),
			raw('routing.replaced', { itemId: 'P-BIKE', operations: [{ seq: 10, workCenterId: 'WC-OEE', setupMinutes: 30, runMinutesPerUnit: 1 }] }, '2026-12-01T08:00:00+08:00')
		);
		await send(order('MO-A', 'P-1', 2), order('MO-B', 'P-BIKE', 1));
		await send(raw('production_order.released', { productionOrderId: 'MO-A' }, '2026-12-02T09:00:00+08:00'), raw('production_order.released', { productionOrderId: 'MO-B' }, '2026-12-02T09:00:00+08:00'));
		// Dec 5: 480 planned, down 10:00-11:00; MO-A 100 good + 10 scrap at 2 min, MO-B 180 good at 1 min.
		await send(
			raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'down', reasonCode: 'BREAKDOWN' }, '2026-12-05T10:00:00+08:00'),
			raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'up' }, '2026-12-05T11:00:00+08:00')
		);
		await send(report('MO-A', 60, 10, '2026-12-05T09:30:00+08:00'), report('MO-B', 180, 0, '2026-12-05T14:00:00+08:00'));
		await send(report('MO-A', 40, 0, '2026-12-05T15:59:00+08:00'));
	}, 60_000);
	afterAll(async () => t?.close());

	it('counts nothing before the clock has ended a day', async () => {
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toEqual({ value: null, num: 0, den: 0 });
	});

	it('gives availability, performance, quality and OEE of an ended day with exact num/den', async () => {
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('oee_availability', '2026-12-05', '2026-12-06')).toEqual({ value: 87.5, num: 420, den: 480 });
		expect(await figure('oee_performance', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 400) / 420, num: 400, den: 420 });
		expect(await figure('oee_quality', '2026-12-05', '2026-12-06')).toEqual({ value: 95, num: 380, den: 400 });
		expect(await figure('oee', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 380) / 480, num: 380, den: 480 });
		// Planned from the day the work centre was known (Dec 3) to the last ended day (Dec 6): 4 × 480; the total is the same.
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toEqual({ value: (100 * 380) / 1920, num: 380, den: 1920 });
		expect(await figure('oee', '2026-12-01', '2026-12-08', '')).toEqual({ value: (100 * 380) / 1920, num: 380, den: 1920 });
		expect((await kpiWindow(t.rt.db, { kpi: 'oee_availability', window: '7d', now: clock.t, timeZone: TZ, dim: WC })).den).toBe(1920);
	});

	it('writes nothing when the clock runs again at the same moment', async () => {
		const before = await ledgerSnapshot(t.rt.db);
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await ledgerSnapshot(t.rt.db)).toEqual(before);
	});

	it('takes a late stop into an ended day, clipped to the shift', async () => {
		// Maintenance from 15:00 on Dec 6 to 07:00 next morning: 60 minutes of the 08:00-16:00 shift.
		await send(raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'maintenance', reasonCode: 'MAINTENANCE' }, '2026-12-06T15:00:00+08:00'));
		await send(raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'up' }, '2026-12-07T07:00:00+08:00'));
		expect(await figure('oee_availability', '2026-12-06', '2026-12-07')).toEqual({ value: 87.5, num: 420, den: 480 });
		expect(await figure('oee_availability', '2026-12-01', '2026-12-08')).toEqual({ value: (100 * 1800) / 1920, num: 1800, den: 1920 });
	});

	it('plans a changed calendar from the day of the change on', async () => {
		await send(raw('work_center.upserted', { workCenterId: 'WC-OEE', name: '装配线 Assembly', calendar: calendar('18:00') }, '2026-12-07T07:30:00+08:00'));
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toMatchObject({ num: 380, den: 1920 });
		await send(report('MO-B', 100, 0, '2026-12-07T09:00:00+08:00'));
		clock.t = new Date('2026-12-08T00:00:00+08:00');
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('oee', '2026-12-07', '2026-12-08')).toEqual({ value: (100 * 100) / 600, num: 100, den: 600 });
		expect(await figure('oee', '2026-12-01', '2026-12-09')).toMatchObject({ num: 480, den: 2520 });
	});

	it('rebuilds to the same sums', async () => {
		const rows = await expectRebuildEqual(t.rt);
		expect(rows.contributions.filter((c) => (c as { subject: string }).subject.startsWith('oee:')).length).toBeGreaterThan(0);
	});
});
