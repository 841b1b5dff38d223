-- Each report's ideal run minutes per unit: those of the operation it names at its work centre, else
-- the order's first operation there; null while the order is unknown (an MES may be ahead of the ERP).
-- An order's operations never change once created, so the value is set when the second of the two
-- arrives, and OEE sums a work centre's day from the covering index alone.
alter table production_reports add column run_minutes numeric(18, 6);

update production_reports r set run_minutes = (
	select p.run_minutes_per_unit from production_operations p
	where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id
	order by (p.seq = (select (e.data->>'operationSeq')::int from events e where e.id = r.event_id)) desc nulls last, p.seq limit 1
) where r.work_center_id is not null;

drop index production_reports_work_center_idx;
create index production_reports_work_center_idx on production_reports (work_center_id, reported_at)
	include (good_qty, scrap_qty, run_minutes) where work_center_id is not null;
