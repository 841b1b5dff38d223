// The KPI projector: once a batch's capability projectors have all run, each family names the subjects
// the batch touched (whatever mix of its types touched them), and every touched subject is recomputed
// once, with the deltas applied to the KPI sums in one statement, in the append transaction. A
// projection rebuild empties the KPI tables first (resetKpis) and replays through the same projector.
import type { Queryable } from '../db/db.ts';
import type { BatchProjector } from '../events/projectors.ts';
import { readContext, recompute, recomputeAll, type KpiFamily, type Touched } from './ledger.ts';
import { inventoryFamily } from './families/inventory.ts';
import { KPI_FAMILIES } from './families/index.ts';

const ledgerProjectors = new WeakSet<object>();

/** Whether a projector is the KPI ledger's (ProjectorRegistry.hold; rebuildKpis makes up for it). */
export const isLedgerProjector = (p: object): boolean => ledgerProjectors.has(p);

export function kpiProjector(timeZone: string, families: readonly KpiFamily[] = KPI_FAMILIES): BatchProjector {
	const p: BatchProjector = {
		types: new Set(families.flatMap((f) => Object.keys(f.on))),
		async apply(tx, byType) {
			const touched: Touched[] = [];
			for (const family of families) {
				const ids: string[] = [];
				for (const [type, on] of Object.entries(family.on)) {
					const events = byType.get(type);
					if (events) ids.push(...(await on(events, tx)));
				}
				if (ids.length) touched.push({ family, ids });
			}
			await recomputeAll(tx, touched, timeZone);
		}
	};
	ledgerProjectors.add(p);
	return p;
}

/** Empties the KPI ledger (the clock's horizon stays: it is when time-driven contributions were last brought up to date). */
export async function emptyKpis(tx: Queryable): Promise<void> {
	await tx.exec('truncate kpi_contributions, kpi_buckets, kpi_hours, kpi_deltas');
}

/**
 * Before a projection rebuild: empties the ledger and puts back what no event replays — the recorded
 * inventory days (kpi_inventory_days are facts of the clock job, not projections).
 */
export async function resetKpis(tx: Queryable): Promise<void> {
	await emptyKpis(tx);
	const r = await tx.query<{ time_zone: string | null }>('select time_zone from kpi_state where id = 1');
	const timeZone = r.rows[0]?.time_zone;
	if (timeZone) await recompute(tx, inventoryFamily, await inventoryFamily.all(tx), await readContext(tx, timeZone));
}
