import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, usesPostgres, type TestRuntime } from '../../support/backend.ts';

// The embedded database's upkeep (server/db/maintenance.job.ts): PGlite has no autovacuum, so the
// hourly job is what gives the planner its statistics; PostgreSQL keeps its own.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const reltuples = async () => Number((await t.rt.db.query<{ n: number }>(`select reltuples::float8 as n from pg_class where relname = 'maintenance_probe'`)).rows[0].n);

describe(`embedded database upkeep (${backendLabel})`, () => {
	it(usesPostgres ? 'does nothing on PostgreSQL, whose autovacuum does it' : 'vacuums and analyzes PGlite as a timed job: the planner learns the tables', async () => {
		await t.rt.db.exec('create table maintenance_probe (n int); insert into maintenance_probe select generate_series(1, 300)');
		const outcome = await t.rt.jobs.run('db.maintain-embedded');
		if (usesPostgres) {
			expect(outcome).toEqual({ ran: true, result: { ran: false } });
			return;
		}
		expect(outcome).toMatchObject({ ran: true, result: { ran: true, ms: expect.any(Number) } });
		expect(await reltuples()).toBe(300);
	});
});
