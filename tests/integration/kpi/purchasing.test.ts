// Supplier on-time delivery and quality acceptance from hand-built purchase events: receipts before
// their order, a confirmed date that moves the line's date, an open line that turns late only when the
// KPI clock passes its date, and inspections that add up per supplier. Rebuild equals incremental.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { kpiSeries } from '../../../server/kpi/queries.ts';
import { KPI_CLOCK_JOB } from '../../../server/kpi/clock.job.ts';
import { expectRebuildEqual } from './ledger-support.ts';

const TZ = 'Asia/Shanghai';
const clock = { t: new Date('2026-12-01T12:00:00+08:00'), now() { return this.t; } };
let t: TestRuntime;

async function send(...events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}
const at = (occurredAt: string) => ({ occurredAt });
const raw = (type: string, data: Record<string, unknown>, occurredAt: string): RawEvent => ({ id: crypto.randomUUID(), type, occurredAt, source: 'test', data });
const range = { from: new Date('2026-12-04T00:00:00+08:00'), to: new Date('2026-12-07T00:00:00+08:00') };
const figure = async (kpi: string, dim?: string) => (await kpiSeries(t.rt.db, { kpi, ...range, bucket: 'day', timeZone: TZ, dim })).total;

describe(`supplier KPIs (${backendLabel})`, () => {
	beforeAll(async () => {
		t = await openTestRuntime({ clock, env: { LIANDONG_TIMEZONE: TZ } });
		await appendMasterData(t.rt);
		// A receipt that arrives before its order.
		await send(ev.receipt({ poId: 'PO-1', lineId: '1', qty: 60 }, at('2026-12-04T10:00:00+08:00')));
		await send(
			ev.purchaseOrder(
				{
					poId: 'PO-1',
					supplierId: 'S-1',
					lines: [
						{ lineId: '1', itemId: 'MAT-1', qty: 100, unitPrice: 2, expectedDate: '2026-12-05' },
						{ lineId: '2', itemId: 'MAT-1', qty: 50, unitPrice: 2, expectedDate: '2026-12-05' }
					]
				},
				at('2026-11-20T09:00:00+08:00')
			),
			ev.purchaseOrder({ poId: 'PO-2', supplierId: 'S-OOO', lines: [{ lineId: '1', itemId: 'MAT-1', qty: 10, unitPrice: 3, expectedDate: '2026-12-05' }] }, at('2026-11-20T09:00:00+08:00'))
		);
		await send(raw('purchase_order.confirmed', { poId: 'PO-1', lines: [{ lineId: '2', confirmedDate: '2026-12-04' }] }, '2026-11-21T09:00:00+08:00'));
		await send(ev.receipt({ poId: 'PO-1', lineId: '1', qty: 40 }, at('2026-12-05T23:59:00+08:00')), ev.receipt({ poId: 'PO-1', lineId: '2', qty: 50 }, at('2026-12-05T08:00:00+08:00')));
		await send(
			raw('inspection.recorded', { poId: 'PO-1', lineId: '1', acceptedQty: 90, rejectedQty: 10, reasonCode: 'MATERIAL_DEFECT' }, '2026-12-06T10:00:00+08:00'),
			raw('inspection.recorded', { poId: 'PO-1', lineId: '2', acceptedQty: 50, rejectedQty: 0 }, '2026-12-06T10:00:30+08:00')
		);
	}, 60_000);
	afterAll(async () => t?.close());

	it('judges each line against the date agreed (confirmed, else placed) in the factory time zone', async () => {
		// PO-1/1 complete 23:59 on its date: on time. PO-1/2 confirmed for Dec 4, complete Dec 5: late. PO-2 not due-ended yet.
		expect(await figure('supplier_otd')).toEqual({ value: 50, num: 1, den: 2 });
		clock.t = new Date('2026-12-06T00:00:00+08:00');
		await t.rt.jobs.run(KPI_CLOCK_JOB);
		expect(await figure('supplier_otd')).toEqual({ value: 100 / 3, num: 1, den: 3 });
		expect(await figure('supplier_otd', 'supplier:S-1')).toEqual({ value: 50, num: 1, den: 2 });
		expect(await figure('supplier_otd', 'supplier:S-OOO')).toEqual({ value: 0, num: 0, den: 1 });
	});

	it('adds inspected quantities up per supplier', async () => {
		expect(await figure('supplier_quality')).toEqual({ value: (100 * 140) / 150, num: 140, den: 150 });
		expect(await figure('supplier_quality', 'supplier:S-OOO')).toEqual({ value: null, num: 0, den: 0 });
	});

	it('rebuilds to the same sums', async () => {
		await expectRebuildEqual(t.rt);
	});
});
