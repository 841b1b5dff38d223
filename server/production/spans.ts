// Production spans: the time each production order had work at each work centre, from the earliest
// start of one of its operations there (or the earliest report there less that report's ideal minutes
// and the operations' setup there: an MES that sends only reports) to its latest report there, with the
// setup minutes of its operations there (a changeover from the span's start). OEE counts a work centre's shift time as
// planned only while a span or a stop covers it (server/kpi/families/oee.ts). Recomputed from the
// reports and operations of the orders a batch touched, so any order of arrival gives the same rows.
import type { Queryable } from '../db/db.ts';

export async function refreshSpans(tx: Queryable, orderIds: readonly string[]): Promise<void> {
	const orders = [...new Set(orderIds)].sort();
	if (!orders.length) return;
	await tx.query('delete from production_spans where production_order_id = any($1::text[])', [orders]);
	await tx.query(
		`insert into production_spans (production_order_id, work_center_id, started_at, ended_at, setup_minutes)
		select r.production_order_id, r.work_center_id,
			least(min(r.reported_at - make_interval(secs => ((r.good_qty + r.scrap_qty) * coalesce(r.run_minutes, 0) + s.setup) * 60)), min(s.started_at)),
			max(r.reported_at), min(s.setup)
		from production_reports r
		cross join lateral (
			select coalesce(sum(p.setup_minutes), 0) as setup, min(p.started_at) as started_at from production_operations p
			where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id
		) s
		where r.production_order_id = any($1::text[]) and r.work_center_id is not null
		group by r.production_order_id, r.work_center_id`,
		[orders]
	);
}
