-- No-code fields: an admin defines extra fields for items, customers, suppliers, sales orders and
-- purchase orders; their values travel in the records' events under `custom` and are kept here.
create table custom_fields (
	entity text not null,
	key text not null,
	label_zh text not null,
	label_en text not null,
	type text not null,
	required boolean not null,
	choices jsonb,
	active boolean not null,
	position int not null,
	version_at timestamptz not null,
	version_id uuid not null,
	primary key (entity, key)
);

alter table items add column custom jsonb not null default '{}';
alter table customers add column custom jsonb not null default '{}';
alter table suppliers add column custom jsonb not null default '{}';
alter table sales_orders add column custom jsonb not null default '{}';
alter table purchase_orders add column custom jsonb not null default '{}';
