// Property: whatever the events (orders, promises, shipments around factory midnights in a zone with
// DST, cancellations, purchase receipts and inspections, production orders), in whatever order and
// batches they arrive, with duplicates, and whenever the KPI clock moves, the incremental KPI ledger
// equals the one a rebuild computes from the projections — and a projection rebuild from the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { KPI_CLOCK_JOB } from '../../../server/kpi/clock.job.ts';
import { kpiSeries, kpiWindow } from '../../../server/kpi/queries.ts';
import { expectRebuildEqual, ledgerSnapshot } from './ledger-support.ts';

const TZ = 'Europe/Berlin';
const clock = { t: new Date('2026-03-27T12:00:00+01:00'), now() { return this.t; } };
let t: TestRuntime;
let run = 0;

// Around the start of summer time in Berlin (2026-03-29, a 23-hour day).
const DATES = ['2026-03-28', '2026-03-29', '2026-03-30'];
const INSTANTS = [
	'2026-03-28T22:59:00Z', // 23:59 on the 28th (CET)
	'2026-03-28T23:00:00Z', // 00:00 on the 29th
	'2026-03-29T21:59:00Z', // 23:59 on the 29th (CEST)
	'2026-03-29T22:00:00Z', // 00:00 on the 30th
	'2026-03-30T12:00:00Z',
	'2026-03-31T08:00:00Z'
];

const raw = (type: string, data: Record<string, unknown>, occurredAt: string): RawEvent => ({ id: crypto.randomUUID(), type, occurredAt, source: 'prop', data });

interface LineSpec {
	qty: number;
	requested: number;
	promised: number | null;
	ships: { qty: number; at: number }[];
	cancel: boolean;
}

const lineArb: fc.Arbitrary<LineSpec> = fc
	.record({
		qty: fc.integer({ min: 1, max: 6 }),
		requested: fc.nat({ max: DATES.length - 1 }),
		promised: fc.option(fc.nat({ max: DATES.length - 1 }), { nil: null }),
		ships: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 3 }), at: fc.nat({ max: INSTANTS.length - 1 }) }), { maxLength: 3 }),
		cancel: fc.boolean()
	})
	.map((l) => {
		// Never more shipped than ordered: the ingest rules would refuse the batch.
		let left = l.qty;
		const ships = l.ships.map((s) => ({ ...s, qty: Math.min(s.qty, left) })).filter((s) => (left -= s.qty) >= 0 && s.qty > 0);
		return { ...l, ships, cancel: l.cancel && ships.length === 0 };
	});

const scenarioArb = fc.record({
	orders: fc.array(fc.array(lineArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
	pos: fc.array(
		fc.record({ qty: fc.integer({ min: 2, max: 9 }), expected: fc.nat({ max: DATES.length - 1 }), receive: fc.nat({ max: 2 }), at: fc.nat({ max: INSTANTS.length - 1 }), inspect: fc.boolean() }),
		{ maxLength: 2 }
	),
	mos: fc.array(fc.record({ qty: fc.integer({ min: 1, max: 5 }), due: fc.nat({ max: DATES.length - 1 }), good: fc.nat({ max: 6 }), at: fc.nat({ max: INSTANTS.length - 1 }) }), { maxLength: 2 }),
	clockAt: fc.array(fc.nat({ max: INSTANTS.length - 1 }), { maxLength: 2 }),
	seed: fc.nat(),
	batches: fc.integer({ min: 1, max: 4 }),
	duplicates: fc.nat({ max: 3 })
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

function eventsOf(s: Scenario, r: number): RawEvent[] {
	const out: RawEvent[] = [];
	s.orders.forEach((lines, o) => {
		const orderId = `P${r}-SO${o}`;
		out.push(raw('sales_order.created', { orderId, customerId: o % 2 ? 'C-1' : 'C-2', lines: lines.map((l, i) => ({ lineId: `${i + 1}`, itemId: 'ITEM-1', qty: l.qty, requestedDate: DATES[l.requested] })) }, '2026-03-20T08:00:00Z'));
		const promised = lines.flatMap((l, i) => (l.promised === null ? [] : [{ lineId: `${i + 1}`, promisedDate: DATES[l.promised] }]));
		if (promised.length) out.push(raw('sales_order.promised', { orderId, lines: promised }, '2026-03-20T10:00:00Z'));
		lines.forEach((l, i) => {
			for (const sh of l.ships) out.push(raw('shipment.shipped', { orderId, lineId: `${i + 1}`, qty: sh.qty }, INSTANTS[sh.at]));
			if (l.cancel) out.push(raw('sales_order.cancelled', { orderId, lineIds: [`${i + 1}`], reasonCode: 'CUSTOMER_CANCELLED' }, '2026-03-21T08:00:00Z'));
		});
	});
	s.pos.forEach((p, k) => {
		const poId = `P${r}-PO${k}`;
		out.push(raw('purchase_order.placed', { poId, supplierId: k % 2 ? 'S-1' : 'S-OOO', lines: [{ lineId: '1', itemId: 'MAT-1', qty: p.qty, unitPrice: 1, expectedDate: DATES[p.expected] }] }, '2026-03-20T08:00:00Z'));
		const got = p.receive === 0 ? 0 : p.receive === 1 ? p.qty - 1 : p.qty;
		if (got) out.push(raw('goods.received', { poId, lineId: '1', qty: got }, INSTANTS[p.at]));
		if (got && p.inspect) out.push(raw('inspection.recorded', { poId, lineId: '1', acceptedQty: got - 1, rejectedQty: 1, reasonCode: 'MATERIAL_DEFECT' }, INSTANTS[Math.min(p.at + 1, INSTANTS.length - 1)]));
	});
	s.mos.forEach((m, k) => {
		const id = `P${r}-MO${k}`;
		out.push(raw('production_order.created', { productionOrderId: id, itemId: 'P-1', qty: m.qty, dueDate: DATES[m.due], operations: [{ seq: 10, workCenterId: 'WC-P', setupMinutes: 0, runMinutesPerUnit: 1 }] }, '2026-03-20T08:00:00Z'));
		out.push(raw('production_order.released', { productionOrderId: id }, '2026-03-20T09:00:00Z'));
		if (m.good) {
			out.push(raw('production.reported', { productionOrderId: id, goodQty: m.good, scrapQty: k, workCenterId: 'WC-P' }, INSTANTS[m.at]));
			out.push(raw('production_order.completed', { productionOrderId: id }, INSTANTS[m.at]));
		}
	});
	return out;
}

/** A deterministic shuffle (mulberry32), so a failing case replays from its seed. */
function shuffle<T>(list: T[], seed: number): T[] {
	let a = seed >>> 0;
	const rnd = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let x = a;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

async function send(events: RawEvent[]): Promise<boolean> {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	try {
		await t.rt.append(v.events);
		return true;
	} catch {
		// A batch the rules refuse (a report before its order's release arrived, say) is not stored at all.
		return false;
	}
}

describe(`KPI ledger: incremental equals rebuild (${backendLabel})`, () => {
	beforeAll(async () => {
		t = await openTestRuntime({ clock, env: { LIANDONG_TIMEZONE: TZ } });
		await appendMasterData(t.rt, [], ['C-2']);
		await send([raw('work_center.upserted', { workCenterId: 'WC-P', name: 'Press', calendar: { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5] } }, '2026-01-01T00:00:00Z')]);
	}, 60_000);
	afterAll(async () => t?.close());

	it('counts exact values across the 23-hour day when summer time starts (hand-built, before the random runs)', async () => {
		const order = (orderId: string, requestedDate: string) =>
			raw('sales_order.created', { orderId, customerId: 'C-1', lines: [{ lineId: '1', itemId: 'ITEM-1', qty: 2, requestedDate }] }, '2026-03-20T08:00:00Z');
		const ship = (orderId: string, at: string) => raw('shipment.shipped', { orderId, lineId: '1', qty: 2 }, at);
		// Out of order: the shipments first.
		await send([ship('B-1', '2026-03-29T21:59:00Z'), ship('B-2', '2026-03-29T22:00:00Z'), ship('B-3', '2026-03-28T22:59:00Z')]);
		await send([order('B-1', '2026-03-29'), order('B-2', '2026-03-29'), order('B-3', '2026-03-28')]);
		const s = await kpiSeries(t.rt.db, { kpi: 'otd', from: new Date('2026-03-28T00:00:00+01:00'), to: new Date('2026-03-31T00:00:00+02:00'), bucket: 'day', timeZone: TZ });
		expect(s.points.map((p) => [p.t, p.num, p.den])).toEqual([
			['2026-03-27T23:00:00.000Z', 1, 1],
			['2026-03-28T23:00:00.000Z', 1, 2],
			['2026-03-29T22:00:00.000Z', 0, 0]
		]);
		const week = await kpiSeries(t.rt.db, { kpi: 'otd', from: new Date('2026-03-23T00:00:00+01:00'), to: new Date('2026-04-06T00:00:00+02:00'), bucket: 'week', timeZone: TZ });
		expect(week.points.map((p) => [p.t, p.num, p.den])).toEqual([
			['2026-03-22T23:00:00.000Z', 2, 3],
			['2026-03-29T22:00:00.000Z', 0, 0]
		]);
		const month = await kpiWindow(t.rt.db, { kpi: 'otd', window: 'mtd', now: new Date('2026-03-30T10:00:00+02:00'), timeZone: TZ });
		expect(month).toMatchObject({ num: 2, den: 3 });
	});

	it('after random event sequences in any order, batching and duplication, with the clock moving', async () => {
		await fc.assert(
			fc.asyncProperty(scenarioArb, async (s) => {
				const r = run++;
				const events = shuffle(eventsOf(s, r), s.seed);
				const dups = shuffle(events, s.seed + 1).slice(0, s.duplicates);
				const all = [...events, ...dups];
				const size = Math.ceil(all.length / s.batches);
				const clockTimes = [...s.clockAt].sort((a, b) => a - b);
				for (let i = 0; i < all.length; i += size) {
					await send(all.slice(i, i + size));
					const tick = clockTimes.shift();
					if (tick !== undefined && new Date(INSTANTS[tick]) > clock.t) {
						clock.t = new Date(INSTANTS[tick]);
						await t.rt.jobs.run(KPI_CLOCK_JOB);
					}
				}
				await expectRebuildEqual(t.rt);
			}),
			{ numRuns: 12, seed: 20261207 }
		);
		// And a rebuild of every projection from the log lands on the same ledger.
		const before = await ledgerSnapshot(t.rt.db);
		// The runs exercised every family (a guard against a generator whose batches were all refused).
		expect(new Set(before.contributions.map((c) => c.kpi))).toEqual(
			new Set(['otd', 'otd_requested', 'otif', 'order_response_time', 'supplier_otd', 'supplier_quality', 'plan_attainment', 'production_yield', 'inventory_value', 'inventory_turnover', 'days_of_supply', 'oee', 'oee_availability', 'oee_performance', 'oee_quality'])
		);
		await t.rt.rebuildProjections();
		expect(await ledgerSnapshot(t.rt.db)).toEqual(before);
	}, 600_000);
});
