-- OEE reads a work centre's reports of a factory day (its calendar and status history use events_work_center_key_idx).
create index production_reports_work_center_idx on production_reports (work_center_id, reported_at) where work_center_id is not null;
