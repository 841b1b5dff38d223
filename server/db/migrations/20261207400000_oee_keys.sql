-- OEE reads a work centre's calendar and status history from the log as of a day, and its reports of a day.
create index events_work_center_key_idx on events ((data->>'workCenterId'), occurred_at)
	where type in ('work_center.upserted', 'work_center.status_changed');
create index production_reports_work_center_idx on production_reports (work_center_id, reported_at) where work_center_id is not null;
