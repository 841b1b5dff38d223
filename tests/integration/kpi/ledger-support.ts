// The KPI ledger as plain rows, and the check that a rebuild from the projections gives the same sums
// as the incremental path (zero rows, left where contributions came and went, are not sums).
import { expect } from 'vitest';
import type { Queryable } from '../../../server/db/db.ts';
import type { Runtime } from '../../../server/runtime.ts';
import { rebuildKpis } from '../../../server/kpi/rebuild.ts';
import { compactKpis } from '../../../server/kpi/compaction.ts';

export async function ledgerSnapshot(q: Queryable) {
	// The deltas not yet folded in first, so that the sums are all in kpi_buckets and kpi_hours.
	await compactKpis(q);
	// Shards (per writing connection) are added up: the sums are what counts, not which row holds them.
	// trim_scale: a sum that once held 120.5 and is now 6748 prints as 6748.0; the value is what counts.
	const buckets = await q.query(
		`select kpi, dim, bucket::text as t, trim_scale(sum(num))::text as num, trim_scale(sum(den))::text as den from kpi_buckets
		group by kpi, dim, bucket having sum(num) <> 0 or sum(den) <> 0 order by kpi, dim, bucket`
	);
	const hours = await q.query(
		`select kpi, dim, hour::text as t, trim_scale(sum(num))::text as num, trim_scale(sum(den))::text as den from kpi_hours
		group by kpi, dim, hour having sum(num) <> 0 or sum(den) <> 0 order by kpi, dim, hour`
	);
	const contributions = await q.query(
		`select subject, kpi, record, dim, bucket::text as t, num::text as num, den::text as den from kpi_contributions order by subject, kpi, record, dim, bucket`
	);
	return { buckets: buckets.rows, hours: hours.rows, contributions: contributions.rows };
}

/** Rebuilds the ledger and expects the same rows as before; answers the rows. */
export async function expectRebuildEqual(rt: Runtime) {
	const incremental = await ledgerSnapshot(rt.db);
	await rebuildKpis(rt.db, rt.config.timeZone);
	const rebuilt = await ledgerSnapshot(rt.db);
	expect(rebuilt).toEqual(incremental);
	return rebuilt;
}
