// The KPI clock: contributions that change with time alone (a line whose due date ends unshipped
// becomes late) are computed as of kpi_state.horizon. Every minute this job moves the horizon to now
// and recomputes the subjects whose contributions may change in between, in one transaction. It never
// moves the horizon back, so running it again with the same (or an earlier) now writes nothing.
import type { Job } from '../jobs/scheduler.ts';
import type { Db } from '../db/db.ts';
import { lockLedger, recompute, type KpiFamily } from './ledger.ts';
import { KPI_FAMILIES } from './families/index.ts';
import { inventoryFamily, snapshotInventory } from './families/inventory.ts';

export const KPI_CLOCK_JOB = 'kpi-clock';

export interface ClockResult {
	from: string | null;
	to: string;
	subjects: number;
}

export async function advanceKpiClock(db: Db, now: Date, timeZone: string, families: readonly KpiFamily[] = KPI_FAMILIES): Promise<ClockResult | null> {
	return db.transaction(async (tx) => {
		await lockLedger(tx);
		const r = await tx.query<{ horizon: number | null }>('select (extract(epoch from horizon) * 1000)::float8 as horizon from kpi_state where id = 1 for update');
		const from = r.rows[0]?.horizon ?? null;
		const to = now.getTime();
		if (from !== null && to <= from) return null;
		await tx.query('update kpi_state set horizon = $1 where id = 1', [now.toISOString()]);
		const ctx = { horizon: to, timeZone };
		let subjects = 0;
		for (const family of families) {
			if (!family.timeDriven) continue;
			const ids = await family.timeDriven(tx, from, to, ctx);
			subjects += ids.length;
			await recompute(tx, family, ids, ctx);
		}
		// Today's inventory snapshot (and yesterday's cost of goods shipped, final once the day is over).
		const days = await snapshotInventory(tx, from, now, timeZone);
		subjects += days.length;
		await recompute(tx, inventoryFamily, days, ctx);
		return { from: from === null ? null : new Date(from).toISOString(), to: now.toISOString(), subjects };
	});
}

export function kpiClockJob(timeZone: string): Job {
	return { name: KPI_CLOCK_JOB, schedule: '* * * * *', run: ({ db, now }) => advanceKpiClock(db, now, timeZone) };
}

/**
 * Sets the horizon back to `to` when it is later: only for a simulation about to write a factory's
 * past (its days then get their inventory snapshots), which rebuilds the ledger afterwards.
 */
export async function rewindKpiClock(db: Db, to: Date): Promise<void> {
	await db.query('update kpi_state set horizon = $1 where id = 1 and horizon > $1', [to.toISOString()]);
}
