-- Purchasing: supplier terms per item, approval rules as data, requisitions, and the state of
-- purchase order lines (confirmed and expected dates, inspected quantities).
create table supplier_items (
	supplier_id text not null,
	item_id text not null,
	price numeric(18, 6) not null,
	lead_time_days numeric(10, 3) not null,
	moq numeric(18, 6),
	order_multiple numeric(18, 6),
	version_at timestamptz not null,
	version_id uuid not null,
	primary key (supplier_id, item_id)
);

create table approval_rules (
	rule_id text primary key,
	name text not null,
	priority int not null,
	conditions jsonb not null,
	steps jsonb not null,
	active boolean not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table requisitions (
	requisition_id text primary key,
	item_id text not null,
	qty numeric(18, 6) not null,
	needed_by date not null,
	supplier_id text,
	unit_price numeric(18, 6),
	amount numeric(20, 6),
	requested_by text not null,
	requester_role text not null,
	rule_id text,
	steps jsonb not null,
	approvals jsonb not null default '[]',
	status text not null,
	po_id text,
	created_at timestamptz not null
);
create index requisitions_status_idx on requisitions (status);

alter table purchase_order_lines add column confirmed_date date;
alter table purchase_order_lines add column delay_reason text;
alter table purchase_order_lines add column accepted_qty numeric(18, 6) not null default 0;
alter table purchase_order_lines add column rejected_qty numeric(18, 6) not null default 0;
