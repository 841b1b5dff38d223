-- Reads of purchasing and production that stay fast as the history grows (server/purchasing/*.queries.ts,
-- server/production/*.queries.ts): lists page, filter and sort in SQL on indexed columns, and record
-- timelines read only their record's events.

-- Each purchase order carries its lines' progress, so the order list filters and sorts on columns of
-- one table instead of grouping every line on every page. The database keeps it whatever writes the
-- lines (projectors, replays, rebuilds): statement triggers recompute the orders a statement touched.
-- "Still to receive" is `received_qty < qty` (stillToReceive in server/purchasing/purchase-order-status.ts);
-- lines known only by a receipt that came before the order (no qty) count for the receipt only.
alter table purchase_orders
	add column line_count int not null default 0,
	add column total_value numeric(30, 6) not null default 0,
	add column ordered_qty numeric(24, 6) not null default 0,
	add column received_qty numeric(24, 6) not null default 0,
	add column inspected_qty numeric(24, 6) not null default 0,
	add column open_lines int not null default 0,
	add column waiting_lines int not null default 0,
	add column earliest_expected date;

create function purchase_orders_progress(ids text[]) returns void language sql as $$
	update purchase_orders o set
		line_count = s.line_count, total_value = s.total_value, ordered_qty = s.ordered_qty, received_qty = s.received_qty,
		inspected_qty = s.inspected_qty, open_lines = s.open_lines, waiting_lines = s.waiting_lines, earliest_expected = s.earliest_expected
	from (
		select h.po_id,
			count(l.qty)::int as line_count,
			coalesce(sum(l.qty * l.unit_price), 0) as total_value,
			coalesce(sum(l.qty), 0) as ordered_qty,
			coalesce(sum(l.received_qty), 0) as received_qty,
			coalesce(sum(l.accepted_qty + l.rejected_qty), 0) as inspected_qty,
			count(*) filter (where l.received_qty < l.qty)::int as open_lines,
			count(*) filter (where l.received_qty > l.accepted_qty + l.rejected_qty)::int as waiting_lines,
			min(l.expected_date) filter (where l.received_qty < l.qty) as earliest_expected
		from unnest(ids) as h(po_id) left join purchase_order_lines l on l.po_id = h.po_id
		group by h.po_id
	) s
	where o.po_id = s.po_id
		and (o.line_count, o.total_value, o.ordered_qty, o.received_qty, o.inspected_qty, o.open_lines, o.waiting_lines, o.earliest_expected)
			is distinct from (s.line_count, s.total_value, s.ordered_qty, s.received_qty, s.inspected_qty, s.open_lines, s.waiting_lines, s.earliest_expected)
$$;

-- Orders in a stable order, so concurrent transactions lock them alike.
create function purchase_order_lines_changed() returns trigger language plpgsql as $$
begin
	if tg_op = 'INSERT' then
		perform purchase_orders_progress(array(select distinct po_id from new_rows order by po_id));
	elsif tg_op = 'UPDATE' then
		perform purchase_orders_progress(array(select po_id from new_rows union select po_id from old_rows order by po_id));
	else
		perform purchase_orders_progress(array(select distinct po_id from old_rows order by po_id));
	end if;
	return null;
end $$;

create trigger purchase_order_lines_inserted after insert on purchase_order_lines
	referencing new table as new_rows for each statement execute function purchase_order_lines_changed();
create trigger purchase_order_lines_updated after update on purchase_order_lines
	referencing old table as old_rows new table as new_rows for each statement execute function purchase_order_lines_changed();
create trigger purchase_order_lines_deleted after delete on purchase_order_lines
	referencing old table as old_rows for each statement execute function purchase_order_lines_changed();

-- An order placed after goods were received against it starts from those lines.
create function purchase_orders_inserted() returns trigger language plpgsql as $$
begin
	perform purchase_orders_progress(array(select po_id from new_rows order by po_id));
	return null;
end $$;

create trigger purchase_orders_inserted after insert on purchase_orders
	referencing new table as new_rows for each statement execute function purchase_orders_inserted();

select purchase_orders_progress(array(select po_id from purchase_orders order by po_id));

-- The order list: newest first by default; still to receive (open, late), and waiting for inspection,
-- are few whatever the history, so their partial indexes stay small.
create index purchase_orders_placed_idx on purchase_orders (placed_at, po_id);
create index purchase_orders_open_idx on purchase_orders (placed_at, po_id) where open_lines > 0;
create index purchase_orders_open_expected_idx on purchase_orders (earliest_expected, po_id) where open_lines > 0;
create index purchase_orders_waiting_idx on purchase_orders (placed_at, po_id) where waiting_lines > 0;
create index purchase_orders_value_idx on purchase_orders (total_value, po_id);
create index purchase_orders_supplier_idx on purchase_orders (supplier_id, placed_at);

-- Quality's list: lines with goods received and not yet inspected, the longest waiting first.
create index purchase_order_lines_waiting_idx on purchase_order_lines (last_received_at asc nulls first, po_id, line_id)
	where received_qty > accepted_qty + rejected_qty;

-- The requisition list: newest first, by status, and what waits for a role (pendingStep in SQL).
create index requisitions_created_idx on requisitions (created_at, requisition_id);
create index requisitions_status_created_idx on requisitions (status, created_at, requisition_id);
create index requisitions_needed_by_idx on requisitions (needed_by, requisition_id);
create index requisitions_awaiting_idx on requisitions ((steps -> jsonb_array_length(approvals) ->> 'role'), created_at)
	where status = 'pending';

-- The production order list: newest first or by due date, with or without a status.
create index production_orders_created_idx on production_orders (created_at, production_order_id);
create index production_orders_status_created_idx on production_orders (status, created_at, production_order_id);
create index production_orders_due_idx on production_orders (due_date, production_order_id);
create index production_orders_status_due_idx on production_orders (status, due_date, production_order_id);
-- Sorting by status follows the stages an order goes through (STAGE in server/production/production-order-status.ts).
create index production_orders_stage_idx on production_orders
	((case status when 'created' then 0 when 'released' then 1 when 'in_progress' then 2 when 'completed' then 3 when 'cancelled' then 4 end), production_order_id);
create index production_operations_work_center_idx on production_operations (work_center_id) where status <> 'done';

-- Work-centre and routing timelines, and the work centres' version (the newest of their events).
create index events_work_center_key_idx on events ((data->>'workCenterId'))
	where type in ('work_center.upserted', 'work_center.status_changed');
create index events_work_center_seq_idx on events (seq) where type in ('work_center.upserted', 'work_center.status_changed');
create index events_routing_key_idx on events ((data->>'itemId')) where type = 'routing.replaced';

-- The forms' lookups: the highest "PR-n", "PO-n" and "MO-n" in use (the queries write the expressions
-- as here), and the items each form offers first (bought ones to buyers, products to planners).
create index requisitions_number_idx on requisitions ((substring(requisition_id from '^PR-(\d{1,15})$')::numeric))
	where requisition_id ~ '^PR-\d{1,15}$';
create index purchase_orders_number_idx on purchase_orders ((substring(po_id from '^PO-(\d{1,15})$')::numeric))
	where po_id ~ '^PO-\d{1,15}$';
create index production_orders_number_idx on production_orders ((substring(production_order_id from '^MO-(\d{1,15})$')::numeric))
	where production_order_id ~ '^MO-\d{1,15}$';
create index items_bought_first_idx on items ((make_or_buy <> 'buy'), item_id);
create index items_made_products_first_idx on items ((kind <> 'product'), item_id) where make_or_buy = 'make';
