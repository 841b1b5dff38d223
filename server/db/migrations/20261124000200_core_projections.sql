-- Projections of the fixed event types (CONTRACTS.md). Upserts are last-writer-wins on
-- (version_at, version_id) = the event's (occurred_at, id), so late events never overwrite newer facts.
-- Quantities accumulate (shipped, received) and so do not depend on arrival order.

create table items (
	item_id text primary key,
	name text not null,
	kind text not null,
	uom text not null,
	unit_cost numeric(18, 6) not null,
	make_or_buy text not null,
	lead_time_days numeric(10, 3) not null,
	safety_stock numeric(18, 6),
	lot_sizing jsonb,
	version_at timestamptz not null,
	version_id uuid not null
);

create table customers (
	customer_id text primary key,
	name text not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table suppliers (
	supplier_id text primary key,
	name text not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table sales_orders (
	order_id text primary key,
	customer_id text not null,
	ordered_at timestamptz not null,
	version_at timestamptz not null,
	version_id uuid not null
);

-- A line may first appear through a shipment that arrived before its order: item_id etc. stay null until then.
create table sales_order_lines (
	order_id text not null,
	line_id text not null,
	item_id text,
	qty numeric(18, 6),
	requested_date date,
	priority smallint,
	shipped_qty numeric(18, 6) not null default 0,
	last_shipped_at timestamptz,
	version_at timestamptz,
	version_id uuid,
	primary key (order_id, line_id)
);
create index sales_order_lines_item_idx on sales_order_lines (item_id);

create table purchase_orders (
	po_id text primary key,
	supplier_id text not null,
	placed_at timestamptz not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table purchase_order_lines (
	po_id text not null,
	line_id text not null,
	item_id text,
	qty numeric(18, 6),
	unit_price numeric(18, 6),
	expected_date date,
	received_qty numeric(18, 6) not null default 0,
	last_received_at timestamptz,
	version_at timestamptz,
	version_id uuid,
	primary key (po_id, line_id)
);
create index purchase_order_lines_item_idx on purchase_order_lines (item_id);

create table production_reports (
	event_id uuid primary key,
	production_order_id text not null,
	work_center_id text,
	good_qty numeric(18, 6) not null,
	scrap_qty numeric(18, 6) not null,
	reported_at timestamptz not null
);
create index production_reports_order_idx on production_reports (production_order_id);
