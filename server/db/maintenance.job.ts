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
	/**
	 * Every table, changed or not. Otherwise only the tables autovacuum would take now (the first
	 * upkeep in a process takes every table: the counters it judges by start again at zero).
	 */
	all?: boolean;
}

// autovacuum's defaults (PostgreSQL's autovacuum_*_threshold and *_scale_factor): a table is vacuumed
// when its dead rows, or its rows inserted since the last vacuum, pass a base plus a share of its size,
// and analyzed when its rows changed since the last analysis do.
const VACUUM_BASE = 50;
const VACUUM_SHARE = 0.2;
const INSERT_BASE = 1000;
const INSERT_SHARE = 0.2;
const ANALYZE_BASE = 50;
const ANALYZE_SHARE = 0.1;

/** Databases this process has kept up in full once. */
const keptInFull = new WeakSet<Db>();

/** Whether the database needs this upkeep: PGlite always, a PostgreSQL server when its autovacuum is off. */
export async function needsUpkeep(db: Db): Promise<boolean> {
	if (db.kind === 'pglite') return true;
	const r = await db.query<{ on: boolean }>(`select current_setting('autovacuum')::boolean as on`);
	return !r.rows[0].on;
}

/** VACUUM and ANALYZE where the database does not do them itself; answers whether it ran and how long it took. */
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
		// for a second or more, and the event log's alone for most of one. Most tables (the catalogs, master
		// data) do not change from one upkeep to the next: as autovacuum would, only the tables whose
		// counters say so, which on the demo's history saves most of the upkeep.
		const all = opts.all || !keptInFull.has(db);
		// PGlite is one session: what it counted in its last statements is published now, not in a second.
		if (db.kind === 'pglite') await db.query('select pg_stat_force_next_flush()');
		const tables = await db.query<{ name: string; vacuum: boolean; analyze: boolean }>(
			`select format('%I.%I', n.nspname, c.relname) as name,
				$1::boolean or coalesce(s.n_dead_tup, 0) > $2 + $3 * greatest(c.reltuples, 0)
					or coalesce(s.n_ins_since_vacuum, 0) > $4 + $5 * greatest(c.reltuples, 0) as vacuum,
				$1::boolean or coalesce(s.n_mod_since_analyze, 0) > $6 + $7 * greatest(c.reltuples, 0) as analyze
			from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_stat_all_tables s on s.relid = c.oid
			where c.relkind in ('r', 'm') and n.nspname not in ('information_schema') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast%'
			order by n.nspname, c.relname`,
			[all, VACUUM_BASE, VACUUM_SHARE, INSERT_BASE, INSERT_SHARE, ANALYZE_BASE, ANALYZE_SHARE]
		);
		for (const t of tables.rows) {
			if (t.vacuum) {
				await db.exec(`vacuum ${t.name}`);
				await yieldToEventLoop();
			}
			if (t.analyze) {
				await db.exec(`analyze ${t.name}`);
				await yieldToEventLoop();
			}
		}
		keptInFull.add(db);
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
