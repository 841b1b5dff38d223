// OEE from hand-built production events: a work centre with an eight-hour shift, orders whose
// operations there take 2 and 1 minutes a unit, starts and reports, a breakdown of an hour, a late
// maintenance stop over work and idle time, a calendar change and a start that arrives after its
// report. Planned time is shift time with work; days count once ended (the KPI clock); rebuild
// equals incremental.
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
const start = (id: string, at: string) => raw('operation.started', { productionOrderId: id, seq: 10 }, at);
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
		await send(order('MO-A', 'P-1', 2), order('MO-B', 'P-BIKE', 1), order('MO-C', 'P-BIKE', 1));
		await send(...['MO-A', 'MO-B', 'MO-C'].map((id) => raw('production_order.released', { productionOrderId: id }, '2026-12-02T09:00:00+08:00')));
		// Dec 5, shift 08:00-16:00, down 10:00-11:00. MO-A (2 min a unit, setup 30) started at 08:00,
		// 35 good + 5 scrap by 10:00 and 30 good by 12:00; MO-B (1 min, setup 30) started at 12:00, 190
		// good + 10 scrap by 16:00. Work all shift (480 planned); lost: the stop and two setups (120).
		await send(start('MO-A', '2026-12-05T08:00:00+08:00'), start('MO-B', '2026-12-05T12:00:00+08:00'));
		await send(
			raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'down', reasonCode: 'BREAKDOWN' }, '2026-12-05T10:00:00+08:00'),
			raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'up' }, '2026-12-05T11:00:00+08:00')
		);
		await send(report('MO-A', 35, 5, '2026-12-05T10:00:00+08:00'), report('MO-B', 190, 10, '2026-12-05T16:00:00+08:00'));
		await send(report('MO-A', 30, 0, '2026-12-05T12:00:00+08:00'));
	}, 60_000);
	afterAll(async () => t?.close());

	it('counts nothing before the clock has ended a day', async () => {
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toEqual({ value: null, num: 0, den: 0 });
	});

	it('gives availability, performance, quality and OEE of an ended day with exact num/den', async () => {
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('oee_availability', '2026-12-05', '2026-12-06')).toEqual({ value: 75, num: 360, den: 480 });
		expect(await figure('oee_performance', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 340) / 360, num: 340, den: 360 });
		expect(await figure('oee_quality', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 320) / 340, num: 320, den: 340 });
		expect(await figure('oee', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 320) / 480, num: 320, den: 480 });
		// Dec 3, 4 and 6 had no work: nothing planned, so the week's figure is Dec 5's.
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toEqual({ value: (100 * 320) / 480, num: 320, den: 480 });
		expect(await figure('oee', '2026-12-01', '2026-12-08', '')).toEqual({ value: (100 * 320) / 480, num: 320, den: 480 });
		expect((await kpiWindow(t.rt.db, { kpi: 'oee_availability', window: '7d', now: clock.t, timeZone: TZ, dim: WC })).den).toBe(480);
	});

	it('writes nothing when the clock runs again at the same moment', async () => {
		const before = await ledgerSnapshot(t.rt.db);
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await ledgerSnapshot(t.rt.db)).toEqual(before);
	});

	it('takes a late stop into an ended day, clipped to the shift and to the time with work', async () => {
		// Maintenance from 15:00 on Dec 5 to 07:00 on Dec 7: an hour of Dec 5's work (MO-B) lost; Dec 6,
		// with nothing to run, plans nothing and loses nothing.
		await send(raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'maintenance', reasonCode: 'MAINTENANCE' }, '2026-12-05T15:00:00+08:00'));
		await send(raw('work_center.status_changed', { workCenterId: 'WC-OEE', status: 'up' }, '2026-12-07T07:00:00+08:00'));
		expect(await figure('oee_availability', '2026-12-05', '2026-12-06')).toEqual({ value: (100 * 300) / 480, num: 300, den: 480 });
		expect(await figure('oee_availability', '2026-12-06', '2026-12-07')).toEqual({ value: null, num: 0, den: 0 });
		expect(await figure('oee_availability', '2026-12-01', '2026-12-08')).toEqual({ value: (100 * 300) / 480, num: 300, den: 480 });
	});

	it('plans a changed calendar from the day of the change on, and reaches back to a start that arrives late', async () => {
		await send(raw('work_center.upserted', { workCenterId: 'WC-OEE', name: '装配线 Assembly', calendar: calendar('18:00') }, '2026-12-07T07:30:00+08:00'));
		expect(await figure('oee', '2026-12-01', '2026-12-08')).toMatchObject({ num: 320, den: 480 });
		// MO-C (1 min a unit, setup 30) reports at 18:00 what takes 120 minutes after its setup: work from
		// 15:30, in the new calendar's shift; its setup 15:30-16:00 is lost time.
		await send(report('MO-C', 120, 0, '2026-12-07T18:00:00+08:00'));
		clock.t = new Date('2026-12-08T00:00:00+08:00');
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('oee_availability', '2026-12-07', '2026-12-08')).toEqual({ value: 80, num: 120, den: 150 });
		expect(await figure('oee', '2026-12-07', '2026-12-08')).toEqual({ value: 80, num: 120, den: 150 });
		// The operator's start at 15:00 comes in late: work from then, the setup 15:00-15:30.
		await send(start('MO-C', '2026-12-07T15:00:00+08:00'));
		expect(await figure('oee', '2026-12-07', '2026-12-08')).toEqual({ value: (100 * 120) / 180, num: 120, den: 180 });
		expect(await figure('oee_performance', '2026-12-07', '2026-12-08')).toEqual({ value: 80, num: 120, den: 150 });
		expect(await figure('oee', '2026-12-01', '2026-12-09')).toMatchObject({ num: 440, den: 660 });
	});

	it('takes back a reversed report: its work leaves the planned time and its output the day', async () => {
		const [reported] = (await send(report('MO-B', 60, 0, '2026-12-06T12:00:00+08:00'))).events;
		// MO-B's work now runs from Dec 5 12:00 to Dec 6 12:00: Dec 6 08:00-12:00 is planned, and lost
		// to the maintenance that ran all day.
		expect(await figure('oee_availability', '2026-12-06', '2026-12-07')).toEqual({ value: 0, num: 0, den: 240 });
		expect(await figure('oee', '2026-12-06', '2026-12-07')).toEqual({ value: 25, num: 60, den: 240 });
		await send(raw('production.report_reversed', { reportId: reported.id, productionOrderId: 'MO-B', operationSeq: 10, goodQty: 60, reasonCode: 'WRONG_QTY' }, '2026-12-06T13:00:00+08:00'));
		expect(await figure('oee_availability', '2026-12-06', '2026-12-07')).toEqual({ value: null, num: 0, den: 0 });
		expect(await figure('oee', '2026-12-06', '2026-12-07')).toEqual({ value: null, num: 0, den: 0 });
	});

	it('rebuilds to the same sums', async () => {
		const rows = await expectRebuildEqual(t.rt);
		expect(rows.contributions.filter((c) => (c as { subject: string }).subject.startsWith('oee:')).length).toBeGreaterThan(0);
	});
});
