-- Production: work centres with calendars and status, routings, production orders and their
-- operations (copied from the routing when the order is created).
create table work_centers (
	work_center_id text primary key,
	name text not null,
	department text,
	calendar jsonb not null,
	status text not null default 'up',
	status_reason text,
	status_at timestamptz,
	version_at timestamptz not null,
	version_id uuid not null
);

create table routings (
	item_id text primary key,
	operations jsonb not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table production_orders (
	production_order_id text primary key,
	item_id text not null,
	qty numeric(18, 6) not null,
	due_date date not null,
	status text not null,
	sales_order_id text,
	sales_line_id text,
	created_at timestamptz not null,
	released_at timestamptz,
	completed_at timestamptz,
	good_qty numeric(18, 6) not null default 0,
	scrap_qty numeric(18, 6) not null default 0
);
create index production_orders_sales_idx on production_orders (sales_order_id, sales_line_id);

create table production_operations (
	production_order_id text not null references production_orders (production_order_id) on delete cascade,
	seq int not null,
	work_center_id text not null,
	setup_minutes numeric(10, 2) not null,
	run_minutes_per_unit numeric(12, 4) not null,
	status text not null default 'waiting',
	started_at timestamptz,
	good_qty numeric(18, 6) not null default 0,
	scrap_qty numeric(18, 6) not null default 0,
	primary key (production_order_id, seq)
);
