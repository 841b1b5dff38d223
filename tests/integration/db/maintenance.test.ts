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
		await maintainEmbedded(t.rt.db);
		expect(await bounds()).toBe(101);
		expect((await t.rt.db.query<{ v: string }>(`select current_setting('default_statistics_target') as v`)).rows[0].v).toBe('100');
		await expect(maintainEmbedded(t.rt.db, { statisticsTarget: 0 })).rejects.toThrow(/statisticsTarget/);
	});
});

