-- Reason codes: editable lists, required on order changes and cancellations, PO delays, scrap and
-- work-centre stoppages, so reviews can rank the causes of delay. Defaults below; edited by events.
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

insert into reason_codes (list, code, label_zh, label_en, version_at, version_id) values
	('order_change', 'CUSTOMER_REQUEST', '客户要求', 'Customer request', '1970-01-01', '00000000-0000-4000-8000-000000000001'),
	('order_change', 'CAPACITY', '产能不足', 'Capacity', '1970-01-01', '00000000-0000-4000-8000-000000000002'),
	('order_change', 'MATERIAL', '物料短缺', 'Material shortage', '1970-01-01', '00000000-0000-4000-8000-000000000003'),
	('order_cancel', 'CUSTOMER_CANCELLED', '客户取消', 'Customer cancelled', '1970-01-01', '00000000-0000-4000-8000-000000000004'),
	('order_cancel', 'DUPLICATE', '重复订单', 'Duplicate order', '1970-01-01', '00000000-0000-4000-8000-000000000005'),
	('order_cancel', 'CANNOT_DELIVER', '无法交付', 'Cannot deliver', '1970-01-01', '00000000-0000-4000-8000-000000000006'),
	('po_delay', 'SUPPLIER_CAPACITY', '供应商产能', 'Supplier capacity', '1970-01-01', '00000000-0000-4000-8000-000000000007'),
	('po_delay', 'LOGISTICS', '物流延误', 'Logistics', '1970-01-01', '00000000-0000-4000-8000-000000000008'),
	('scrap', 'MATERIAL_DEFECT', '来料缺陷', 'Material defect', '1970-01-01', '00000000-0000-4000-8000-000000000009'),
	('scrap', 'OPERATOR', '操作失误', 'Operator error', '1970-01-01', '00000000-0000-4000-8000-00000000000a'),
	('wc_stop', 'BREAKDOWN', '设备故障', 'Breakdown', '1970-01-01', '00000000-0000-4000-8000-00000000000b'),
	('wc_stop', 'MAINTENANCE', '计划保养', 'Planned maintenance', '1970-01-01', '00000000-0000-4000-8000-00000000000c'),
	('stock_adjust', 'COUNT', '盘点差异', 'Stock count', '1970-01-01', '00000000-0000-4000-8000-00000000000d'),
	('stock_adjust', 'DAMAGE', '损坏', 'Damage', '1970-01-01', '00000000-0000-4000-8000-00000000000e'),
	('stock_adjust', 'OPENING', '期初库存', 'Opening balance', '1970-01-01', '00000000-0000-4000-8000-00000000000f');

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
