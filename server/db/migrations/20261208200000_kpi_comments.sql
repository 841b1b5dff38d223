-- Comments on a KPI's day, written at the standup (server/kpi/comments.ts): a projection of
-- kpi.commented events, shown beside the figures and as marks on the KPI's trend.
create table kpi_comments (
	event_id uuid primary key,
	kpi text not null,
	day date not null,
	text text not null,
	actor text,
	at timestamptz not null
);
create index kpi_comments_kpi_day_idx on kpi_comments (kpi, day);
