// KPI projectors: after the capability projectors of a batch's types have run (buildProjectors in
// server/runtime.ts registers these last), each family recomputes the subjects the batch touched and
// applies the deltas to the KPI sums, in the append transaction. A projection rebuild empties the KPI
// tables first (resetKpis) and replays through the same projectors.
import type { Queryable } from '../db/db.ts';
import type { Projector } from '../events/projectors.ts';
import { readContext, recompute, type KpiFamily } from './ledger.ts';
import { inventoryFamily } from './families/inventory.ts';
import { KPI_FAMILIES } from './families/index.ts';

const ledgerProjectors = new WeakSet<Projector>();

/** Whether a projector is one of the KPI ledger's (ProjectorRegistry.hold; rebuildKpis makes up for them). */
export const isLedgerProjector = (p: Projector): boolean => ledgerProjectors.has(p);

/** One projector per family and event type it listens to. */
export function kpiProjectors(timeZone: string, families: readonly KpiFamily[] = KPI_FAMILIES): Projector[] {
	return families.flatMap((family) =>
		Object.entries(family.on).map(([type, touched]): Projector => {
			const p: Projector = {
				type,
				async apply(tx, events) {
					const ids = await touched(events, tx);
					if (ids.length) await recompute(tx, family, ids, timeZone);
				}
			};
			ledgerProjectors.add(p);
			return p;
		})
	);
}

/** Empties the KPI ledger (the clock's horizon stays: it is when time-driven contributions were last brought up to date). */
export async function emptyKpis(tx: Queryable): Promise<void> {
	await tx.exec('truncate kpi_contributions, kpi_buckets, kpi_hours');
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
