-- Money on orders and how to reach partners (issue "ops pages", item 2).
-- Sales order lines carry a unit price and their order a currency (ISO 4217, default CNY); a line
-- without a price (an order entered before prices, or an ERP that sends none) has no value, and
-- totals say how many lines they leave out. Items get a list price, customers their own prices per
-- item, which the sales order command uses when a line comes without one.
alter table sales_orders add column currency text not null default 'CNY';
alter table sales_order_lines add column unit_price numeric(18, 6);
alter table items add column list_price numeric(18, 6);

alter table customers
	add column contact_person text,
	add column phone text,
	add column email text,
	add column address text,
	add column payment_terms text,
	add column currency text;
alter table suppliers
	add column contact_person text,
	add column phone text,
	add column email text,
	add column address text,
	add column payment_terms text;

-- A customer's agreed price of an item, in the currency of the agreement; a removed price keeps its
-- row without a price, so that an older event arriving late cannot bring it back.
create table customer_prices (
	customer_id text not null,
	item_id text not null,
	unit_price numeric(18, 6),
	currency text,
	version_at timestamptz not null,
	version_id uuid not null,
	primary key (customer_id, item_id)
);
