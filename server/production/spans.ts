// Production spans: the time each production order had work at each work centre, from the earliest
// start of one of its operations there (or the earliest report there less that report's ideal minutes
// and the operations' setup there: an MES that sends only reports) to its latest report there, with the
// setup minutes of its operations there (a changeover from the span's start). OEE counts a work
// centre's shift time as planned only while a span or a stop covers it (server/kpi/families/oee.ts).
// Reports and starts only widen a span, so they widen it by their own bounds (a batch costs one
// statement whatever the order's history); a reversal or an order arriving after its reports
// recomputes the order's spans from its reports. Any order of arrival gives the same rows. Each change
// keeps the bounds from before its transaction (prev_*, changed_tx), so that OEE recomputes only the
// days it moved.
import type { Queryable } from '../db/db.ts';
import { asJson } from '../events/projectors.ts';

/** The new bounds replace the old; the bounds before this transaction are kept once. */
const KEEP_PREVIOUS = `prev_started_at = case when production_spans.changed_tx = txid_current() then production_spans.prev_started_at else production_spans.started_at end,
	prev_ended_at = case when production_spans.changed_tx = txid_current() then production_spans.prev_ended_at else production_spans.ended_at end,
	changed_tx = txid_current()`;

/** A report's earliest start: its time less its ideal minutes and the setup of the order's operations at its work centre. */
const SPAN_OF_REPORTS = `select r.production_order_id, r.work_center_id,
		least(min(r.reported_at - make_interval(secs => ((r.good_qty + r.scrap_qty) * coalesce(r.run_minutes, 0) + s.setup) * 60)), min(s.started_at)) as started_at,
		max(r.reported_at) as ended_at, min(s.setup) as setup_minutes, txid_current() as changed_tx
	from reports r
	cross join lateral (
		select coalesce(sum(p.setup_minutes), 0) as setup, min(p.started_at) as started_at from production_operations p
		where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id
	) s
	group by r.production_order_id, r.work_center_id`;

/** Widens the spans by these reports (stored in production_reports already). */
export async function extendSpans(tx: Queryable, reportIds: readonly string[]): Promise<void> {
	if (!reportIds.length) return;
	await tx.query(
		`with reports as (
			select r.* from production_reports r where r.event_id = any($1::uuid[]) and r.work_center_id is not null
		)
		insert into production_spans (production_order_id, work_center_id, started_at, ended_at, setup_minutes, changed_tx)
		${SPAN_OF_REPORTS}
		order by 1, 2
		on conflict (production_order_id, work_center_id) do update set
			${KEEP_PREVIOUS},
			started_at = least(production_spans.started_at, excluded.started_at),
			ended_at = greatest(production_spans.ended_at, excluded.ended_at)
		where excluded.started_at < production_spans.started_at or excluded.ended_at > production_spans.ended_at`,
		[[...reportIds]]
	);
}

/** Widens the spans of these orders back to their operations' starts (a start without a report makes no span). */
export async function startSpans(tx: Queryable, starts: readonly { productionOrderId: string; seq: number }[]): Promise<void> {
	if (!starts.length) return;
	await tx.query(
		`with s as (
			select p.production_order_id, p.work_center_id, min(p.started_at) as at
			from jsonb_to_recordset($1::jsonb) as x(mo text, seq int)
			join production_operations p on p.production_order_id = x.mo and p.seq = x.seq
			where p.started_at is not null
			group by 1, 2
		)
		update production_spans set ${KEEP_PREVIOUS}, started_at = s.at
		from s where production_spans.production_order_id = s.production_order_id and production_spans.work_center_id = s.work_center_id
			and s.at < production_spans.started_at`,
		[asJson(starts.map((x) => ({ mo: x.productionOrderId, seq: x.seq })))]
	);
}

/** Recomputes the spans of these orders from their reports (after a reversal, or run minutes becoming known). */
export async function refreshSpans(tx: Queryable, orderIds: readonly string[]): Promise<void> {
	const orders = [...new Set(orderIds)].sort();
	if (!orders.length) return;
	await tx.query(
		`delete from production_spans p where p.production_order_id = any($1::text[])
			and not exists (select 1 from production_reports r where r.production_order_id = p.production_order_id and r.work_center_id = p.work_center_id)`,
		[orders]
	);
	await tx.query(
		`with reports as (
			select r.* from production_reports r where r.production_order_id = any($1::text[]) and r.work_center_id is not null
		)
		insert into production_spans (production_order_id, work_center_id, started_at, ended_at, setup_minutes, changed_tx)
		${SPAN_OF_REPORTS}
		order by 1, 2
		on conflict (production_order_id, work_center_id) do update set
			${KEEP_PREVIOUS},
			started_at = excluded.started_at,
			ended_at = excluded.ended_at,
			setup_minutes = excluded.setup_minutes
		where (production_spans.started_at, production_spans.ended_at, production_spans.setup_minutes)
			is distinct from (excluded.started_at, excluded.ended_at, excluded.setup_minutes)`,
		[orders]
	);
}
