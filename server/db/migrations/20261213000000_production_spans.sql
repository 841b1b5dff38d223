-- The time each production order had work at each work centre (OEE's planned time, server/kpi/families/oee.ts),
-- and the setup minutes of its operations there (changeover, from the span's start): from the earliest
-- operation start there, or the earliest report there less that report's ideal minutes and the setup,
-- to the latest report there. Kept by the production projectors (server/production/spans.ts); the range
-- index finds a work-centre day's spans whatever their length.
create table production_spans (
	production_order_id text not null,
	work_center_id text not null,
	started_at timestamptz not null,
	ended_at timestamptz not null,
	setup_minutes numeric(12, 2) not null,
	-- The bounds before the transaction that last changed them (null: the span is new in it), so that
	-- OEE recomputes only the days a change moved (server/kpi/families/oee.ts).
	prev_started_at timestamptz,
	prev_ended_at timestamptz,
	changed_tx bigint,
	primary key (production_order_id, work_center_id)
);
create index production_spans_range_idx on production_spans using gist (tstzrange(started_at, ended_at, '[]'));

insert into production_spans (production_order_id, work_center_id, started_at, ended_at, setup_minutes)
select r.production_order_id, r.work_center_id,
	least(min(r.reported_at - make_interval(secs => ((r.good_qty + r.scrap_qty) * coalesce(r.run_minutes, 0) + s.setup) * 60)), min(s.started_at)),
	max(r.reported_at), min(s.setup)
from production_reports r
cross join lateral (
	select coalesce(sum(p.setup_minutes), 0) as setup, min(p.started_at) as started_at from production_operations p
	where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id
) s
where r.work_center_id is not null
group by r.production_order_id, r.work_center_id;
