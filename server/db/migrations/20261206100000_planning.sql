-- Planning outputs (server/planning): derived tables that every plan run rewrites — whole for a
-- regenerative run, per item for net change — and that nobody edits by hand. They are not
-- projections of events: rebuilding projections leaves them alone, the next run replaces them.

-- The plan as a whole: one row, the latest run.
create table plan_state (
	id int primary key default 1 check (id = 1),
	plan_id uuid not null,
	generated_at timestamptz not null,
	mode text not null,
	start_date date not null,
	buckets int not null
);

-- Planned orders: what MRP proposes to make or buy. The id is stable for an item and a due date.
create table planned_orders (
	id text primary key,
	item_id text not null,
	kind text not null,
	qty numeric(18, 6) not null,
	release_date date not null,
	due_date date not null
);
create index planned_orders_item_idx on planned_orders (item_id, due_date);

-- Pegging: which demand each supply serves, for planned orders and existing supply alike (purchase
-- order lines, production orders, approved requisitions, goods in inspection, stock on hand).
-- Following demand_kind 'planned_order' / 'production_order' upward ends at independent demand.
create table plan_pegs (
	supply_kind text not null,
	supply_id text not null,
	supply_line_id text not null default '',
	seq int not null,
	item_id text not null,
	qty numeric(18, 6) not null,
	demand_kind text not null,
	demand_id text not null default '',
	demand_line_id text not null default '',
	need_date date,
	primary key (supply_kind, supply_id, supply_line_id, seq)
);
create index plan_pegs_item_idx on plan_pegs (item_id);
create index plan_pegs_demand_idx on plan_pegs (demand_kind, demand_id, demand_line_id);

-- Exception messages on existing orders and planned orders (expedite, defer, cancel, past due, shortage).
create table plan_exceptions (
	id text primary key,
	item_id text not null,
	kind text not null,
	ref_kind text,
	ref_id text,
	ref_line_id text,
	planned_order_id text,
	date date,
	days numeric(18, 6),
	qty numeric(18, 6)
);
create index plan_exceptions_item_idx on plan_exceptions (item_id);
create index plan_exceptions_ref_idx on plan_exceptions (ref_kind, ref_id);

-- The time-phased record per item, sparse (only days where something happens), dates as YYYY-MM-DD.
create table plan_records (
	item_id text primary key,
	low_level_code int not null,
	record jsonb not null
);

-- Sales order lines that the plan expects to miss their date: a projection of
-- sales_order_line.at_risk / sales_order_line.risk_cleared events.
create table sales_order_line_risks (
	order_id text not null,
	line_id text not null,
	due_date date not null,
	expected_date date not null,
	days_late int not null,
	causes jsonb not null,
	since timestamptz not null,
	updated_at timestamptz not null,
	primary key (order_id, line_id)
);
