// How many alerts are open, and how many of them critical, for the factory summary: counted in SQL,
// where the lists stop at their first 500 alerts. "Open" as the alerts list and the bell read it:
// neither acknowledged nor resolved.
import type { Queryable } from '../db/db.ts';

export async function countOpenAlertsBySeverity(q: Queryable): Promise<{ open: number; critical: number }> {
	const r = await q.query<{ open: number; critical: number }>(
		`select count(*)::int as open, (count(*) filter (where severity = 'critical'))::int as critical from alerts where status = 'open'`
	);
	return r.rows[0];
}
