-- Planning runs (server/planning/run.ts): which changes of the planning inputs the stored plan has
-- taken in. The net-change reaction bumps `plan_requests.version` in the transaction that moves its
-- cursor past input events; a run notes the version it read before loading its input and stores it
-- with the plan. A stored plan older than the requests is due for a run, whichever node runs it, and
-- a run that finishes after a newer one stored its plan leaves that plan alone.
create table plan_requests (
	id int primary key default 1 check (id = 1),
	version bigint not null,
	requested_at timestamptz not null
);

alter table plan_state add column input_version bigint not null default 0;
