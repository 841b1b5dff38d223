// The KPI ledger's deltas: appends add them, compaction folds them into the minute and hour sums, and
// every reader gives the same figure before and after; two compactions at once count nothing twice.
// The runtime's own compactor is held off (a day's delay), so that the test decides when it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { kpiByDimension, kpiSeries, kpiTotal } from '../../../server/kpi/queries.ts';
import { compactKpis, createKpiCompactor } from '../../../server/kpi/compaction.ts';
import { expectRebuildEqual, ledgerSnapshot } from './ledger-support.ts';
import type { RawEvent } from '../../support/events.ts';

const TZ = 'Asia/Shanghai';
const clock = { t: new Date('2026-12-06T12:00:00+08:00'), now() { return this.t; } };
const DAY = 24 * 3600_000;
let t: TestRuntime;

async function send(...events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}
const at = (occurredAt: string) => ({ occurredAt });
const deltas = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from kpi_deltas')).rows[0].n;
const range = { from: new Date('2026-12-01T00:00:00+08:00'), to: new Date('2026-12-07T00:00:00+08:00') };

async function figures() {
	return {
		total: await kpiTotal(t.rt.db, { kpi: 'otd', from: range.from.getTime(), to: range.to.getTime(), timeZone: TZ }),
		series: await kpiSeries(t.rt.db, { kpi: 'otd', ...range, bucket: 'day', timeZone: TZ }),
		byCustomer: await kpiByDimension(t.rt.db, { kpi: 'otd', window: '30d', by: 'customer', now: clock.now(), timeZone: TZ })
	};
}

describe(`KPI delta compaction (${backendLabel})`, () => {
	beforeAll(async () => {
		t = await openTestRuntime({ clock, env: { LIANDONG_TIMEZONE: TZ }, kpiCompaction: { delayMs: DAY, everyMs: DAY } });
		await appendMasterData(t.rt);
		await compactKpis(t.rt.db);
		await send(
			ev.salesOrder({ orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-03' }] }, at('2026-11-25T09:00:00+08:00')),
			ev.salesOrder({ orderId: 'SO-2', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-04' }] }, at('2026-11-25T09:00:00+08:00'))
		);
		// SO-1 on time, SO-2 a day late.
		await send(ev.shipment({ orderId: 'SO-1', lineId: '10', qty: 5 }, at('2026-12-03T10:00:00+08:00')), ev.shipment({ orderId: 'SO-2', lineId: '10', qty: 5 }, at('2026-12-05T10:00:00+08:00')));
	}, 60_000);
	afterAll(async () => t?.close());

	it('gives the same figures from the deltas as from the sums they are folded into', async () => {
		expect(await deltas()).toBeGreaterThan(0);
		const before = await figures();
		expect(before.total).toEqual({ num: 1, den: 2 });
		expect(before.byCustomer.rows.map((r) => r.key)).toEqual(['C-1']);
		const moved = await compactKpis(t.rt.db);
		expect(moved).toBeGreaterThan(0);
		expect(await deltas()).toBe(0);
		expect(await figures()).toEqual(before);
		// Nothing left: a second compaction moves nothing and changes nothing.
		expect(await compactKpis(t.rt.db)).toBe(0);
		expect(await figures()).toEqual(before);
	});

	it('counts each delta once when two compactions run at once', async () => {
		await send(ev.salesOrder({ orderId: 'SO-3', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-05' }] }, at('2026-11-26T09:00:00+08:00')));
		await send(ev.shipment({ orderId: 'SO-3', lineId: '10', qty: 5 }, at('2026-12-05T08:00:00+08:00')));
		const before = await figures();
		expect(before.total).toEqual({ num: 2, den: 3 });
		const n = await deltas();
		expect(n).toBeGreaterThan(0);
		const moved = await Promise.all([t.rt.db.transaction((tx) => compactKpis(tx)), t.rt.db.transaction((tx) => compactKpis(tx))]);
		expect(moved[0] + moved[1]).toBe(n);
		expect(await figures()).toEqual(before);
	});

	it('vacuums the deltas it moved once enough have piled up, so readers do not scan dead rows', async () => {
		// Whether a vacuum frees the pages depends on what else holds a snapshot at that moment (the
		// runtime's own reactions run after every commit), so the test watches the compactor's vacuums
		// themselves, counted by PostgreSQL's statistics.
		const vacuums = async () => {
			await t.rt.db.query('select pg_stat_clear_snapshot()');
			return (await t.rt.db.query<{ n: number }>(`select vacuum_count::int as n from pg_stat_user_tables where relname = 'kpi_deltas'`)).rows[0].n;
		};
		const compactor = (vacuumAfterRows: number) => createKpiCompactor({ db: t.rt.db, log: t.rt.log, delayMs: DAY, everyMs: DAY, vacuumAfterRows });
		const shippedOrder = (orderId: string) => [
			ev.salesOrder({ orderId, customerId: 'C-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-05' }] }, at('2026-11-26T09:00:00+08:00')),
			ev.shipment({ orderId, lineId: '10', qty: 5 }, at('2026-12-05T08:00:00+08:00'))
		];
		await compactKpis(t.rt.db);
		const start = await vacuums();

		// Below the threshold the compactor moves the rows and leaves them to a later vacuum.
		await send(...shippedOrder('SO-5'));
		const lazy = compactor(1_000_000);
		expect(await lazy.run()).toBeGreaterThan(0);
		await lazy.stop();
		expect(await deltas()).toBe(0);
		expect(await vacuums()).toBe(start);

		// At the threshold it vacuums the table once.
		await send(...shippedOrder('SO-6'));
		const eager = compactor(1);
		expect(await eager.run()).toBeGreaterThan(0);
		await eager.stop();
		expect(await vacuums()).toBe(start + 1);
		// A run that moves nothing does not vacuum again.
		const idle = compactor(1);
		expect(await idle.run()).toBe(0);
		await idle.stop();
		expect(await vacuums()).toBe(start + 1);
	});

	it('rebuilds to the same sums, with the deltas folded in and their table left empty', async () => {
		await send(ev.salesOrder({ orderId: 'SO-4', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 5, requestedDate: '2026-12-05' }] }, at('2026-11-26T09:00:00+08:00')));
		await send(ev.shipment({ orderId: 'SO-4', lineId: '10', qty: 5 }, at('2026-12-06T08:00:00+08:00')));
		expect(await deltas()).toBeGreaterThan(0);
		const rows = await expectRebuildEqual(t.rt);
		expect(rows.buckets.length).toBeGreaterThan(0);
		expect(await deltas()).toBe(0);
		// Not even dead rows: readers scan the table, and the rebuild's deltas would otherwise cost them
		// until the next vacuum.
		const size = await t.rt.db.query<{ bytes: number }>(`select pg_relation_size('kpi_deltas')::int as bytes`);
		expect(size.rows[0].bytes).toBe(0);
		expect((await ledgerSnapshot(t.rt.db)).buckets).toEqual(rows.buckets);
	});
});
