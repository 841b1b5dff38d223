-- KPI ledger (server/kpi): each KPI is a sum of contributions of subjects (a sales order, a purchase
-- order, a production order, a requisition, an inventory day…). `kpi_contributions` holds every
-- subject's current contributions; `kpi_buckets` holds their sums per KPI, dimension and minute
-- (UTC), and `kpi_hours` the same sums per hour, so long windows read few rows. Both sum tables are
-- kept by applying each subject's delta (new minus stored contributions) in the transaction that
-- changed the subject, so any window and roll-up is sum(num) / sum(den), whatever order events came in.
-- A sum is split over `shard`s (the writing connection's, pg_backend_pid() % 8): concurrent appends add
-- to different rows of one busy bucket instead of waiting on each other's row lock until commit.
-- Readers add the shards up, like any other rows of the window.
create table kpi_contributions (
	-- the unit that is recomputed as a whole: '<family>:<id>'
	subject text not null,
	kpi text not null,
	-- the record the drill-down shows ('SO-1/10', 'PO-7/20', 'MO-3'…)
	record text not null,
	-- '' for the total, else '<dimension>:<value>' ('customer:C-1')
	dim text not null,
	bucket timestamptz not null,
	num numeric not null,
	den numeric not null
);
create index kpi_contributions_subject_idx on kpi_contributions (subject);
create index kpi_contributions_kpi_idx on kpi_contributions (kpi, dim, bucket);

create table kpi_buckets (
	kpi text not null,
	dim text not null,
	bucket timestamptz not null,
	shard smallint not null default 0,
	num numeric not null,
	den numeric not null,
	primary key (kpi, dim, bucket, shard)
);

create table kpi_hours (
	kpi text not null,
	dim text not null,
	hour timestamptz not null,
	shard smallint not null default 0,
	num numeric not null,
	den numeric not null,
	primary key (kpi, dim, hour, shard)
);

-- The ledger's clock: contributions that change with the passing of time (a line due yesterday and
-- not shipped is late) are computed as of `horizon`, which only the KPI clock job moves forward.
-- `time_zone` is the factory time zone the contributions were bucketed in.
create table kpi_state (
	id smallint primary key default 1 check (id = 1),
	horizon timestamptz,
	time_zone text
);
insert into kpi_state (id) values (1);
