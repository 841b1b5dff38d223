// Upkeep of a database that does not keep itself. PGlite runs PostgreSQL in single-user mode, where
// autovacuum never runs, and a PostgreSQL server may run with autovacuum turned off (some CI and test
// set-ups do): without upkeep, dead row versions pile up behind every update (each production order is
// updated half a dozen times) and the planner's statistics stay those of an empty database, so queries
// that should use an index scan whole tables and grow slower by the day. A PostgreSQL server with
// autovacuum on (its default) vacuums and analyzes itself; there this does nothing.
import type { Db } from './db.ts';
import type { Job } from '../jobs/scheduler.ts';

export interface UpkeepOptions {
	/**
	 * Rows sampled per column for the statistics, as PostgreSQL's default_statistics_target (default
	 * 100). The demo history's weekly upkeep samples 10: it only keeps the plans on their indexes, and
	 * sampling costs the embedded database more than anything else here.
	 */
	statisticsTarget?: number;
}

/** Whether the database needs this upkeep: PGlite always, a PostgreSQL server when its autovacuum is off. */
export async function needsUpkeep(db: Db): Promise<boolean> {
	if (db.kind === 'pglite') return true;
	const r = await db.query<{ on: boolean }>(`select current_setting('autovacuum')::boolean as on`);
	return !r.rows[0].on;
}

/** VACUUM (ANALYZE) where the database does not do it itself; answers whether it ran and how long it took. */
export async function maintainEmbedded(db: Db, opts: UpkeepOptions = {}): Promise<{ ran: boolean; ms?: number }> {
	if (!(await needsUpkeep(db))) return { ran: false };
	const started = performance.now();
	const target = opts.statisticsTarget;
	if (target !== undefined) {
		if (!Number.isInteger(target) || target < 1 || target > 10_000) throw new Error(`statisticsTarget must be a whole number from 1 to 10000, not ${target}`);
		await db.exec(`set default_statistics_target = ${target}`);
	}
	try {
		await db.exec('vacuum (analyze)');
	} finally {
		if (target !== undefined) await db.exec('reset default_statistics_target');
	}
	return { ran: true, ms: Math.round(performance.now() - started) };
}

export const maintainEmbeddedJob: Job = {
	name: 'db.maintain-embedded',
	// Hourly, off the full hour; a few seconds at most on a factory's data.
	schedule: '41 * * * *',
	run: ({ db }) => maintainEmbedded(db)
};
