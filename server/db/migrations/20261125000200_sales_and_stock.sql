-- Reason codes: editable lists, required on order changes and cancellations, PO delays, scrap and
-- work-centre stoppages, so reviews can rank the causes of delay. Edited by reason_code.upserted events.
create table reason_codes (
	list text not null,
	code text not null,
	label_zh text not null,
	label_en text not null,
	active boolean not null default true,
	version_at timestamptz not null,
	version_id uuid not null,
	primary key (list, code)
);

-- The default codes are inserted at start (server/sales/reason-codes.ts), so a rebuild can restore them.

alter table sales_order_lines add column promised_date date;
alter table sales_order_lines add column promised_at timestamptz;
alter table sales_order_lines add column cancelled_at timestamptz;
alter table sales_order_lines add column cancel_reason text;

-- On hand per item and location, valued at moving average cost (value / on_hand).
create table stock (
	item_id text not null,
	location_id text not null,
	on_hand numeric(18, 6) not null default 0,
	value numeric(20, 6) not null default 0,
	primary key (item_id, location_id)
);

create index events_order_key_idx on events ((data->>'orderId'))
	where type in ('sales_order.created', 'sales_order.changed', 'sales_order.cancelled', 'sales_order.promised', 'shipment.shipped');
