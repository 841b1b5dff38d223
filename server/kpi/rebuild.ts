// Recomputes the whole KPI ledger from the projections (which are themselves the event log's): the
// tables are emptied and every subject of every family recomputed, in one transaction, as of the
// clock's horizon. `kpi-rebuild` (server/cli.ts) runs it; tests compare it with the incremental sums.
import type { Db, Queryable } from '../db/db.ts';
import { lockLedger, readContext, recompute, type KpiFamily } from './ledger.ts';
import { KPI_FAMILIES } from './families/index.ts';
import { emptyKpis } from './projectors.ts';
import { compactKpis } from './compaction.ts';
import { yieldToEventLoop } from '../shared/yield.ts';

const CHUNK = 2000;

export interface KpiRebuildResult {
	kpis: number;
	subjects: number;
	buckets: number;
	ms: number;
}

export async function rebuildKpisInTx(tx: Queryable, timeZone: string, families: readonly KpiFamily[] = KPI_FAMILIES): Promise<Omit<KpiRebuildResult, 'ms'>> {
	await emptyKpis(tx);
	await tx.query('update kpi_state set time_zone = $1 where id = 1', [timeZone]);
	const ctx = await readContext(tx, timeZone);
	let subjects = 0;
	for (const family of families) {
		const ids = await family.all(tx);
		subjects += ids.length;
		for (let i = 0; i < ids.length; i += CHUNK) {
			await recompute(tx, family, ids.slice(i, i + CHUNK), ctx);
			await yieldToEventLoop();
		}
	}
	await compactKpis(tx);
	// The compaction left every delta this rebuild wrote as a dead row; the table is locked since the
	// truncate above, so nothing else wrote one: a second truncate gives readers an empty table instead
	// of a scan over hundreds of thousands of dead rows until the next vacuum.
	await tx.exec('truncate kpi_deltas');
	const counts = await tx.query<{ kpis: number; buckets: number }>('select count(distinct kpi)::int as kpis, count(distinct (kpi, dim, bucket))::int as buckets from kpi_buckets');
	return { kpis: counts.rows[0].kpis, subjects, buckets: counts.rows[0].buckets };
}

export async function rebuildKpis(db: Db, timeZone: string): Promise<KpiRebuildResult> {
	const started = performance.now();
	const out = await db.transaction(async (tx) => {
		// Appends wait until the rebuild commits, so no batch's delta lands on a half-built ledger.
		await lockLedger(tx);
		return rebuildKpisInTx(tx, timeZone);
	});
	return { ...out, ms: Math.round(performance.now() - started) };
}

/**
 * At start: when the ledger was bucketed in another time zone than the configured one (LIANDONG_TIMEZONE
 * changed), day starts and due-date ends moved, so it is rebuilt. Answers whether it was.
 */
export async function ensureKpiTimeZone(db: Db, timeZone: string): Promise<boolean> {
	const r = await db.query<{ time_zone: string | null }>('select time_zone from kpi_state where id = 1');
	const stored = r.rows[0]?.time_zone ?? null;
	if (stored === timeZone) return false;
	if (stored === null) {
		const any = await db.query('select 1 from kpi_contributions limit 1');
		if (!any.rowCount) {
			await db.query('update kpi_state set time_zone = $1 where id = 1 and time_zone is null', [timeZone]);
			return false;
		}
	}
	await rebuildKpis(db, timeZone);
	return true;
}
