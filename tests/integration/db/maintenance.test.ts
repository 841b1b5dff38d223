import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, usesPostgres, type TestRuntime } from '../../support/backend.ts';
import { maintainEmbedded } from '../../../server/db/maintenance.job.ts';

// The upkeep of a database that does not keep itself (server/db/maintenance.job.ts): PGlite has no
// autovacuum, so the hourly job is what gives the planner its statistics; a PostgreSQL server keeps its
// own unless its autovacuum is turned off, and then the job does it there too.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const reltuples = async () => Number((await t.rt.db.query<{ n: number }>(`select reltuples::float8 as n from pg_class where relname = 'maintenance_probe'`)).rows[0].n);

describe(`embedded database upkeep (${backendLabel})`, () => {
	it('vacuums and analyzes as a timed job where nothing else does (PGlite, a server without autovacuum): the planner learns the tables', async () => {
		await t.rt.db.exec('create table maintenance_probe (n int); insert into maintenance_probe select generate_series(1, 300)');
		const outcome = await t.rt.jobs.run('db.maintain-embedded');
		const autovacuum = usesPostgres && (await t.rt.db.query<{ on: boolean }>(`select current_setting('autovacuum')::boolean as on`)).rows[0].on;
		if (autovacuum) {
			expect(outcome).toEqual({ ran: true, result: { ran: false } });
			return;
		}
		expect(outcome).toMatchObject({ ran: true, result: { ran: true, ms: expect.any(Number) } });
		expect(await reltuples()).toBe(300);
	});

	it.skipIf(usesPostgres)('samples coarser statistics when asked (the demo history\'s weekly upkeep), then puts the setting back', async () => {
		await t.rt.db.exec('insert into maintenance_probe select generate_series(301, 600)');
		expect(await maintainEmbedded(t.rt.db, { statisticsTarget: 10 })).toMatchObject({ ran: true });
		expect(await reltuples()).toBe(600);
		// At most target + 1 histogram bounds: 11 sampled at 10, where the default 100 gives 101.
		const bounds = async () =>
			(await t.rt.db.query<{ n: number }>(`select array_length(histogram_bounds::text::int[], 1) as n from pg_stats where tablename = 'maintenance_probe' and attname = 'n'`)).rows[0].n;
		expect(await bounds()).toBe(11);
		await maintainEmbedded(t.rt.db, { all: true });
		expect(await bounds()).toBe(101);
		expect((await t.rt.db.query<{ v: string }>(`select current_setting('default_statistics_target') as v`)).rows[0].v).toBe('100');
		await expect(maintainEmbedded(t.rt.db, { statisticsTarget: 0 })).rejects.toThrow(/statisticsTarget/);
	});

	it.skipIf(usesPostgres)('after its first full pass takes only the tables that changed enough, as autovacuum would choose them', async () => {
		const counts = async (table: string) =>
			(await t.rt.db.query<{ v: number; a: number }>(`select vacuum_count::int as v, analyze_count::int as a from pg_stat_all_tables where relname = $1`, [table])).rows[0];
		await maintainEmbedded(t.rt.db, { all: true });
		const probe = await counts('maintenance_probe');
		const items = await counts('items');
		// Nothing changed: nothing is taken.
		await maintainEmbedded(t.rt.db);
		expect(await counts('maintenance_probe')).toEqual(probe);
		// A few changes on a table of 600 rows stay under the thresholds (50 + 20 % dead, 50 + 10 % changed).
		await t.rt.db.exec('update maintenance_probe set n = n where n <= 40');
		await maintainEmbedded(t.rt.db);
		expect(await counts('maintenance_probe')).toEqual(probe);
		// A third of it deleted: vacuumed and analyzed; a table nobody touched is still left alone.
		await t.rt.db.exec('delete from maintenance_probe where n > 400');
		await maintainEmbedded(t.rt.db);
		expect(await counts('maintenance_probe')).toEqual({ v: probe.v + 1, a: probe.a + 1 });
		expect(await reltuples()).toBe(400);
		expect(await counts('items')).toEqual(items);
	});
});

