// Upkeep of a database that does not keep itself. PGlite runs PostgreSQL in single-user mode, where
// autovacuum never runs, and a PostgreSQL server may run with autovacuum turned off (some CI and test
// set-ups do): without upkeep, dead row versions pile up behind every update (each production order is
// updated half a dozen times) and the planner's statistics stay those of an empty database, so queries
// that should use an index scan whole tables and grow slower by the day. A PostgreSQL server with
// autovacuum on (its default) vacuums and analyzes itself; there this does nothing.
import type { Db } from './db.ts';
import { yieldToEventLoop } from '../shared/yield.ts';
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
		// Table by table (catalogs too, as a database-wide VACUUM does), vacuum and analysis apart, with a
		// pause between: on PGlite a database-wide VACUUM (ANALYZE) is one statement that holds this thread
		// for a second or more, and the event log's alone for most of one.
		const tables = await db.query<{ name: string }>(
			`select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'm') and n.nspname not in ('information_schema') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast%'
			order by n.nspname, c.relname`
		);
		for (const t of tables.rows) {
			await db.exec(`vacuum ${t.name}`);
			await yieldToEventLoop();
			await db.exec(`analyze ${t.name}`);
			await yieldToEventLoop();
		}
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
