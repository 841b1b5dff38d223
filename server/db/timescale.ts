// TimescaleDB, when the server has it: `events` becomes a hypertable on occurred_at with compression
// and an optional retention policy. A hypertable's unique indexes must contain the time column, so
// idempotency moves to `event_ids` (see events/append.ts). Written against TimescaleDB's documented
// API; it runs only where the extension is installed, and plain PostgreSQL never takes this path.
import type { Db } from './db.ts';

export async function applyTimescale(db: Db, retentionDays?: number): Promise<void> {
	if (db.kind !== 'timescaledb') return;
	const isHyper = await db.query(
		"select 1 from timescaledb_information.hypertables where hypertable_name = 'events'"
	);
	if (!isHyper.rowCount) {
		await db.transaction(async (tx) => {
			await tx.exec(`
				create table if not exists event_ids (id uuid primary key);
				insert into event_ids (id) select id from events on conflict do nothing;
				alter table events drop constraint events_pkey;
				create index if not exists events_id_idx on events (id);
				drop index if exists events_occurred_brin;
			`);
			await tx.query(
				"select create_hypertable('events', by_range('occurred_at', interval '7 days'), migrate_data => true)"
			);
			await tx.exec(`alter table events set (
				timescaledb.compress,
				timescaledb.compress_segmentby = 'type',
				timescaledb.compress_orderby = 'occurred_at desc, seq desc'
			)`);
			await tx.query("select add_compression_policy('events', interval '30 days', if_not_exists => true)");
		});
	}
	if (retentionDays) {
		await db.query('select remove_retention_policy($1, if_exists => true)', ['events']);
		await db.query(`select add_retention_policy('events', ($1 || ' days')::interval)`, [String(retentionDays)]);
	}
}
