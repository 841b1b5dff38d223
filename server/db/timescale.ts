// TimescaleDB, when the server has it: the extension is created, `events` becomes a hypertable on
// occurred_at with compression, and retention is scheduled — all under the migration lock, so nodes
// starting together agree. What the process then does follows what the catalog says `events` is.
//
// Retention never drops what a projection rebuild needs. TimescaleDB's retention policy drops whole
// chunks, every type alike (an item's only item.upserted would go, and a rebuild would lose the item),
// so it is not used: LIANDONG_EVENT_RETENTION_DAYS schedules a job that deletes only extension events
// (`x.*`: integrators' telemetry, which no projection reads — the catalogue refuses to define one) older
// than the window, with their `event_ids` and `event_counts` (migration 20261206004100). A policy left
// by an earlier version is removed; with the variable unset the job is removed too.
import type { Db, DbKind, Queryable } from './db.ts';
import { LOCKS } from './db.ts';
import type { Logger } from '../log.ts';

const PRUNE_PROC = 'prune_telemetry_job';

/** What the catalog says `events` is: a hypertable (TimescaleDB) or a plain table (PostgreSQL). */
export async function eventsTableKind(q: Queryable): Promise<Extract<DbKind, 'postgres' | 'timescaledb'>> {
	const ext = await q.query("select 1 from pg_extension where extname = 'timescaledb'");
	if (!ext.rowCount) return 'postgres';
	const hyper = await q.query(
		"select 1 from timescaledb_information.hypertables where hypertable_schema = current_schema() and hypertable_name = 'events'"
	);
	return hyper.rowCount ? 'timescaledb' : 'postgres';
}

export interface ExtensionState {
	/** The server has the extension's files (pg_available_extensions). */
	available: boolean;
	/** The extension exists in this database. */
	installed: boolean;
	/** `timescaledb` is in shared_preload_libraries; null when this role may not read that setting. */
	preloaded: boolean | null;
}

export type ExtensionStep = 'none' | 'create' | 'use' | 'hint-preload' | 'hint-create';

/** What to do about the extension, given what the server has. Pure: decided before anything is tried. */
export function extensionStep(s: ExtensionState): ExtensionStep {
	if (!s.available && !s.installed) return 'none';
	// Creating it without the preloaded library fails with FATAL and drops the connection: never try.
	if (s.preloaded === false) return 'hint-preload';
	if (s.installed) return 'use';
	return s.preloaded ? 'create' : 'hint-create';
}

export const PRELOAD_HINT =
	"TimescaleDB is installed on the PostgreSQL server but not preloaded: add 'timescaledb' to shared_preload_libraries " +
	'in postgresql.conf and restart PostgreSQL to use it. Running on plain PostgreSQL until then.';
export const CREATE_HINT =
	'TimescaleDB is available on the PostgreSQL server, but this role may not read shared_preload_libraries, so the ' +
	'extension is not created here: once it is preloaded, run `create extension timescaledb` in this database as its owner.';

async function extensionState(q: Queryable): Promise<ExtensionState> {
	const r = await q.query<{ available: boolean; installed: boolean; libs: string | null }>(
		`select exists (select 1 from pg_available_extensions where name = 'timescaledb') as available,
			exists (select 1 from pg_extension where extname = 'timescaledb') as installed,
			(select setting from pg_settings where name = 'shared_preload_libraries') as libs`
	);
	const { available, installed, libs } = r.rows[0];
	const preloaded = libs === null ? null : libs.split(',').some((l) => l.trim().replace(/^"|"$/g, '') === 'timescaledb');
	return { available, installed, preloaded };
}

/** The job's config for a retention window, or null for none. */
export function retentionConfig(days: number | undefined): { drop_after: string } | null {
	return days ? { drop_after: `${days} days` } : null;
}

async function convertEvents(db: Db): Promise<void> {
	await db.transaction(async (tx) => {
		// A hypertable's unique indexes must contain the time column: idempotency moves to event_ids.
		await tx.exec(`
			create table if not exists event_ids (id uuid primary key);
			insert into event_ids (id) select id from events on conflict do nothing;
			alter table events drop constraint events_pkey;
			create index if not exists events_id_idx on events (id);
			drop index if exists events_occurred_brin;
		`);
		await tx.query("select create_hypertable('events', by_range('occurred_at', interval '7 days'), migrate_data => true)");
		await tx.exec(`alter table events set (
			timescaledb.compress,
			timescaledb.compress_segmentby = 'type',
			timescaledb.compress_orderby = 'occurred_at desc, seq desc'
		)`);
		await tx.query("select add_compression_policy('events', interval '30 days', if_not_exists => true)");
	});
}

/** The telemetry job matches the variable: added, altered or deleted only when it differs. */
async function syncRetention(q: Queryable, days: number | undefined): Promise<void> {
	// Chunk-dropping retention would drop events projections need (see the top of this file).
	await q.query("select remove_retention_policy('events', if_exists => true)");
	const want = retentionConfig(days);
	const jobs = await q.query<{ job_id: number; config: { drop_after?: string } | null }>(
		'select job_id, config from timescaledb_information.jobs where proc_schema = current_schema() and proc_name = $1 order by job_id',
		[PRUNE_PROC]
	);
	const [keep, ...extra] = want ? jobs.rows : [];
	for (const j of want ? extra : jobs.rows) await q.query('select delete_job($1)', [j.job_id]);
	if (!want) return;
	if (!keep) {
		await q.query(`select add_job('${PRUNE_PROC}', interval '1 day', config => $1::jsonb)`, [JSON.stringify(want)]);
	} else if (keep.config?.drop_after !== want.drop_after) {
		await q.query('select alter_job($1, config => $2::jsonb)', [keep.job_id, JSON.stringify(want)]);
	}
}

export interface TimescaleOptions {
	retentionDays?: number;
	log: Pick<Logger, 'info' | 'warn'>;
}

async function setupLocked(db: Db, q: Queryable, opts: TimescaleOptions): Promise<void> {
	const step = extensionStep(await extensionState(q));
	if (step === 'hint-preload') opts.log.warn(PRELOAD_HINT);
	if (step === 'hint-create') opts.log.warn(CREATE_HINT);
	if (step === 'create') {
		await q.exec('create extension if not exists timescaledb');
		opts.log.info('created the timescaledb extension');
	}
	if (step === 'create' || step === 'use') {
		if ((await eventsTableKind(q)) !== 'timescaledb') await convertEvents(db);
		await syncRetention(q, opts.retentionDays);
	}
	db.kind = await eventsTableKind(q);
}

/**
 * Under the migration lock: creates the extension where it can, converts `events`, schedules
 * retention; then sets db.kind from what the catalog says, whichever node did the work.
 */
export async function setupTimescale(db: Db, opts: TimescaleOptions): Promise<void> {
	if (db.kind !== 'pglite') await db.withLock(LOCKS.migrations, (q) => setupLocked(db, q, opts));
	if (db.kind !== 'timescaledb' && opts.retentionDays) {
		opts.log.warn('LIANDONG_EVENT_RETENTION_DAYS applies only with TimescaleDB: every event is kept');
	}
}
