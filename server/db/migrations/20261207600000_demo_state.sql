-- The demo factory of a first start (LIANDONG_DEMO): one row once a node has claimed an empty
-- database for it. Its status tells every node and page whether the demo is being prepared (with the
-- step and progress shown to visitors), ready (a later start continues the simulation and never loads
-- again) or failed; `accounts` are the demo users it created, listed on the sign-in page in demo mode.
-- Bookkeeping of the installation like consumer_cursors: no event describes it, no rebuild touches it.
create table demo_state (
	id int primary key default 1 check (id = 1),
	status text not null check (status in ('loading', 'ready', 'failed')),
	step text,
	step_label jsonb,
	percent real not null default 0,
	accounts jsonb not null default '[]',
	error text,
	started_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	finished_at timestamptz
);
