-- Automatic linkage (server/planning/linkage*.ts): per item category, whether planned orders are only
-- suggested or firmed by themselves, and the demand each firmed document serves.

-- Projection of planning_category.saved: one row per category; '' is the default row, used by items
-- without a category and by categories without a row of their own. No row at all: suggest, 7 days.
create table planning_categories (
	category text primary key,
	mode text not null,
	window_days int not null,
	updated_by text,
	version_at timestamptz not null,
	version_id uuid not null
);

-- A document firmed from a planned order keeps the planned order's id and pegs (the demand it serves,
-- as the plan pegged it); documents made by hand have neither.
alter table requisitions add column planned_order_id text, add column pegs jsonb;
alter table production_orders add column planned_order_id text, add column pegs jsonb;
create index requisitions_planned_order_idx on requisitions (planned_order_id) where planned_order_id is not null;
create index production_orders_planned_order_idx on production_orders (planned_order_id) where planned_order_id is not null;
