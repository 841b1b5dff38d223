-- Each sales order carries what its lines still owe, so that the list's "active" and "late" filters and
-- its due-date sort (server/sales/order-list.queries.ts), and the screens' orders:progress topic that
-- reads the same list several times a second, look at one row per order through a small partial index
-- instead of grouping the open lines of every order on each read. The database keeps the columns
-- whatever writes the lines (projectors, replays, rebuilds): statement triggers recompute the orders a
-- statement touched, as purchase_orders_progress does for purchase orders.
--   open_lines    lines still to deliver (deriveLineStatus, server/sales/line-status.ts): neither
--                 cancelled nor shipped in full
--   open_due      the earliest promised (else requested) date among them: "late" is open_due < today
--   earliest_due  the same among those with a quantity still to ship: what the list shows and sorts by
alter table sales_orders
	add column open_lines int not null default 0,
	add column open_due date,
	add column earliest_due date;

create function sales_orders_progress(ids text[]) returns void language sql as $$
	update sales_orders o set open_lines = s.open_lines, open_due = s.open_due, earliest_due = s.earliest_due
	from (
		select h.order_id,
			count(l.line_id) filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty))::int as open_lines,
			min(coalesce(l.promised_date, l.requested_date))
				filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty)) as open_due,
			min(coalesce(l.promised_date, l.requested_date))
				filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty)
					and l.shipped_qty < coalesce(l.qty, 0)) as earliest_due
		from unnest(ids) as h(order_id) left join sales_order_lines l on l.order_id = h.order_id
		group by h.order_id
	) s
	where o.order_id = s.order_id
		and (o.open_lines, o.open_due, o.earliest_due) is distinct from (s.open_lines, s.open_due, s.earliest_due)
$$;

-- Orders in a stable order, so concurrent transactions lock them alike.
create function sales_order_lines_changed() returns trigger language plpgsql as $$
begin
	if tg_op = 'INSERT' then
		perform sales_orders_progress(array(select distinct order_id from new_rows order by order_id));
	elsif tg_op = 'UPDATE' then
		perform sales_orders_progress(array(select order_id from new_rows union select order_id from old_rows order by order_id));
	else
		perform sales_orders_progress(array(select distinct order_id from old_rows order by order_id));
	end if;
	return null;
end $$;

create trigger sales_order_lines_inserted after insert on sales_order_lines
	referencing new table as new_rows for each statement execute function sales_order_lines_changed();
create trigger sales_order_lines_updated after update on sales_order_lines
	referencing old table as old_rows new table as new_rows for each statement execute function sales_order_lines_changed();
create trigger sales_order_lines_deleted after delete on sales_order_lines
	referencing old table as old_rows for each statement execute function sales_order_lines_changed();

-- An order that arrives after a shipment against it starts from those lines. A new order's own lines
-- come after it (their insert recomputes it), so only orders that already have lines are looked at.
create function sales_orders_inserted() returns trigger language plpgsql as $$
begin
	perform sales_orders_progress(array(
		select n.order_id from new_rows n where exists (select 1 from sales_order_lines l where l.order_id = n.order_id) order by n.order_id));
	return null;
end $$;

create trigger sales_orders_inserted after insert on sales_orders
	referencing new table as new_rows for each statement execute function sales_orders_inserted();

select sales_orders_progress(array(select order_id from sales_orders order by order_id));

-- Orders still to deliver are few whatever the history: the list's active and late orders, sorted by
-- their due date, and their count, come from these partial indexes.
create index sales_orders_open_due_idx on sales_orders (earliest_due, order_id) where open_lines > 0;
create index sales_orders_late_idx on sales_orders (open_due, order_id) where open_lines > 0;
