// The benchmark data through the event log's own path (tests/bench/load.ts): every event of the reads,
// KPI and plant-stream sets is accepted — no guard refuses one, no stock goes below zero — the
// projections hold what the generator made, and the KPI ledger built once at the end equals the one
// the live path builds batch by batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/db.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { openDatabase } from '../../../server/runtime.ts';
import { rebuildKpis } from '../../../server/kpi/rebuild.ts';
import { buildProjectors } from '../../../server/runtime.ts';
import { backendLabel, freshDatabase, testConfig, type TestDatabase } from '../../support/backend.ts';
import { ledgerSnapshot } from '../kpi/ledger-support.ts';
import { appendEvents, eventSink, loadSet } from '../../bench/load.ts';
import { countByType, type BenchEvent } from '../../../seed/bench/events.ts';
import { daysOf, firstEvents, kpiSet, mixSet, readsSet, setupOf, type BenchSet } from '../../../seed/bench/sets.ts';

const TZ = 'Asia/Shanghai';
const opened: { db: Db; database: TestDatabase }[] = [];

async function emptyDb(): Promise<Db> {
	const database = await freshDatabase();
	const db = await openDatabase(testConfig(database.env));
	opened.push({ db, database });
	await migrate(db);
	return db;
}

afterAll(async () => {
	for (const o of opened) {
		await o.db.close();
		await o.database.drop();
	}
});

const history = (set: BenchSet): BenchEvent[] => [...daysOf(set)].flatMap((d) => d.events);
const count = async (db: Db, sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;

describe(`benchmark data through the event log (${backendLabel})`, () => {
	describe('reads', () => {
		const set = readsSet(0.003, '2026-12-07');
		let db: Db;
		let loaded: { events: number };
		let before: number;
		beforeAll(async () => {
			db = await emptyDb();
			before = await count(db, 'select count(*)::int as n from events');
			loaded = await loadSet(await eventSink(db, TZ), set);
		}, 240_000);

		it('stores every event, and the projections hold what was made', async () => {
			const events = [...setupOf(set), ...history(set)];
			expect(loaded.events).toBe(events.length);
			expect((await count(db, 'select count(*)::int as n from events')) - before).toBe(events.length);
			// Readings fill the log to its size; at this small a size a busy last day may overshoot it a little.
			expect(events.length).toBeGreaterThanOrEqual(set.sizes.events);
			expect(events.length).toBeLessThan(set.sizes.events * 1.01);
			const c = countByType(events);
			const shipped = events.filter((e) => e.type === 'shipment.shipped').reduce((n, e) => n + (e.data.qty as number), 0);
			const r = (
				await db.query<Record<string, number>>(`select
					(select count(*)::int from sales_order_lines) as lines, (select coalesce(sum(shipped_qty), 0)::float8 from sales_order_lines) as shipped,
					(select count(*)::int from sales_order_lines where cancelled_at is not null) as cancelled,
					(select count(*)::int from purchase_order_lines) as po_lines, (select count(*)::int from items) as items,
					(select count(*)::int from requisitions) as requisitions, (select count(*)::int from production_orders where status = 'completed') as completed,
					(select count(*)::int from bom_lines) as bom_lines, (select min(on_hand)::float8 from stock) as min_stock`)
			).rows[0];
			expect(r).toEqual({
				lines: set.sizes.salesOrderLines,
				shipped,
				cancelled: c['sales_order.cancelled'],
				po_lines: set.sizes.purchaseOrderLines,
				items: set.sizes.items,
				requisitions: set.sizes.requisitions,
				completed: c['production_order.completed'],
				bom_lines: set.factory.bom.length,
				min_stock: expect.any(Number)
			});
			expect(r.min_stock).toBeGreaterThanOrEqual(0);
		});

		it('builds the KPI ledger from what was loaded', async () => {
			const rebuilt = await rebuildKpis(db, TZ);
			expect(rebuilt.subjects).toBeGreaterThan(0);
			expect(rebuilt.buckets).toBeGreaterThan(0);
		});
	});

	describe('kpi', () => {
		it('gives the ledger the live path gives, when built once at the end', async () => {
			const set = kpiSet(0.002);
			// One database through the loader (no KPI projectors, then kpi-rebuild) …
			const bulk = await emptyDb();
			await loadSet(await eventSink(bulk, TZ), set);
			await rebuildKpis(bulk, TZ);
			// … and one through the live path, the ledger built batch by batch.
			const live = await emptyDb();
			const sink = await eventSink(live, TZ);
			await loadSet({ ...sink, projectors: buildProjectors(TZ) }, set);
			const a = await ledgerSnapshot(bulk);
			expect(a.buckets.length).toBeGreaterThan(0);
			expect(a).toEqual(await ledgerSnapshot(live));
			expect(await count(bulk, `select count(*)::int as n from events where type = 'sales_order.created'`)).toBe(90 * 8);
		}, 240_000);
	});

	describe('the plant stream', () => {
		it('is accepted batch by batch after its plant, as the ingest benchmark posts it', async () => {
			const db = await emptyDb();
			const before = await count(db, 'select count(*)::int as n from events');
			const set = mixSet(0.01, 5_000);
			const sink = await eventSink(db, TZ);
			const setup = setupOf(set);
			for (let i = 0; i < setup.length; i += 1_000) await appendEvents(sink, setup.slice(i, i + 1_000));
			const stream = firstEvents(set, 5_000);
			for (let i = 0; i < stream.length; i += 1_000) await appendEvents(sink, stream.slice(i, i + 1_000));
			expect((await count(db, 'select count(*)::int as n from events')) - before).toBe(setup.length + stream.length);
			expect(await count(db, 'select count(*)::int as n from stock where on_hand < 0')).toBe(0);
		}, 240_000);
	});
});
