// Compaction of the KPI ledger's deltas. Appends add the change of each batch to kpi_deltas (plain
// inserts: concurrent batches never wait on one another for a popular minute or hour); this folds
// them into the minute and hour sums, in one statement: the deltas it deletes are exactly the ones it
// adds, and a reader sums all three tables in one statement, so every figure is the same before,
// during and after it. Two compactions at once (two nodes) cannot count a delta twice: a row the other
// deleted is skipped. Each node compacts shortly after its own commits, and once at start for deltas
// left by a process that stopped (the CLI, a crash); readers are exact whenever it runs.
import type { Db, Queryable } from '../db/db.ts';
import type { Logger } from '../log.ts';

const COMPACT_SQL = `with moved as (
		delete from kpi_deltas returning kpi, dim, bucket, num, den
	),
	d as (
		select kpi, dim, bucket, sum(num) as num, sum(den) as den from moved
		group by kpi, dim, bucket having sum(num) <> 0 or sum(den) <> 0
	),
	h as (
		insert into kpi_hours (kpi, dim, hour, shard, num, den)
		select kpi, dim, date_trunc('hour', bucket, 'UTC'), 0, sum(num), sum(den) from d group by 1, 2, 3 order by 1, 2, 3
		on conflict (kpi, dim, hour, shard) do update set num = kpi_hours.num + excluded.num, den = kpi_hours.den + excluded.den
	),
	b as (
		insert into kpi_buckets (kpi, dim, bucket, shard, num, den)
		select kpi, dim, bucket, 0, num, den from d order by kpi, dim, bucket
		on conflict (kpi, dim, bucket, shard) do update set num = kpi_buckets.num + excluded.num, den = kpi_buckets.den + excluded.den
	)
	select count(*)::int as n from moved`;

/** Folds every committed delta into kpi_buckets and kpi_hours; answers how many delta rows it moved. */
export async function compactKpis(q: Queryable): Promise<number> {
	const r = await q.query<{ n: number }>(COMPACT_SQL);
	return r.rows[0]?.n ?? 0;
}

/**
 * Every compaction leaves the rows it moved dead, and every reader and the next compaction scan them
 * until a vacuum (the table has no index, to keep appends cheap). PostgreSQL's autovacuum would see to
 * it a minute later at best, and some servers run without it (PGlite has none): so the compactor
 * vacuums the table itself after this many moved rows, a few milliseconds on a table of a few live
 * rows. `skip_locked`: when another node is vacuuming it, that one does.
 */
const VACUUM_AFTER_ROWS = 20_000;

export async function vacuumDeltas(db: Db): Promise<void> {
	await db.exec('vacuum (skip_locked) kpi_deltas');
}

export interface KpiCompactor {
	/** Asks for a compaction soon (after `delayMs`); several asks before it runs make one. */
	schedule(): void;
	/** Compacts now, after any compaction in flight; resolves when done. */
	run(): Promise<number>;
	stop(): Promise<void>;
}

/**
 * One compactor per process: at most one compaction in flight, and asks while one runs make one more
 * after it; also every `everyMs` (5 s). Failures are logged and the next commit tries again (the deltas stay and are still read).
 */
export function createKpiCompactor(deps: { db: Db; log: Logger; delayMs?: number; everyMs?: number; vacuumAfterRows?: number }): KpiCompactor {
	const delayMs = deps.delayMs ?? 200;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<number> | null = null;
	let again = false;
	let stopped = false;

	let movedSinceVacuum = 0;
	const vacuumAfter = deps.vacuumAfterRows ?? VACUUM_AFTER_ROWS;

	const once = async (): Promise<number> => {
		try {
			const moved = await deps.db.transaction((tx) => compactKpis(tx));
			movedSinceVacuum += moved;
			if (movedSinceVacuum >= vacuumAfter) {
				movedSinceVacuum = 0;
				await vacuumDeltas(deps.db).catch((err) => {
					if (!stopped) deps.log.warn({ err }, 'vacuum of the KPI deltas failed; the next one tries again');
				});
			}
			return moved;
		} catch (err) {
			if (!stopped) deps.log.warn({ err }, 'KPI compaction failed; the deltas stay and are read as they are');
			return 0;
		}
	};

	function run(): Promise<number> {
		if (running) return running.then(() => run());
		const p = (running = once().finally(() => {
			running = null;
			if (again) {
				again = false;
				schedule();
			}
		}));
		return p;
	}

	function schedule() {
		if (stopped || timer) return;
		timer = setTimeout(() => {
			timer = null;
			if (running) again = true;
			else void run();
		}, delayMs);
		timer.unref?.();
	}

	// Deltas written without a commit on this node (the KPI clock job, another process) are picked up too.
	const tick = setInterval(schedule, deps.everyMs ?? 5000);
	tick.unref?.();

	return {
		schedule,
		run,
		async stop() {
			stopped = true;
			clearInterval(tick);
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
		}
	};
}
