// Upkeep of the embedded database. PGlite runs PostgreSQL in single-user mode, where autovacuum never
// runs: without this, dead row versions pile up behind every update (each production order is updated
// half a dozen times) and the planner's statistics stay those of an empty database, so queries that
// should use an index scan whole tables and grow slower by the day. A PostgreSQL server vacuums and
// analyzes itself; there this does nothing.
import type { Db } from './db.ts';
import type { Job } from '../jobs/scheduler.ts';

/** VACUUM (ANALYZE) on the embedded database; answers whether it ran and how long it took. */
export async function maintainEmbedded(db: Db): Promise<{ ran: boolean; ms?: number }> {
	if (db.kind !== 'pglite') return { ran: false };
	const started = performance.now();
	await db.exec('vacuum (analyze)');
	return { ran: true, ms: Math.round(performance.now() - started) };
}

export const maintainEmbeddedJob: Job = {
	name: 'db.maintain-embedded',
	// Hourly, off the full hour; a few seconds at most on a factory's data.
	schedule: '41 * * * *',
	run: ({ db }) => maintainEmbedded(db)
};
