-- The per-batch order progress functions (migration 20261209000000) joined the ids of a batch to all
-- lines of their orders. Without fresh statistics (a database that grew within minutes, a server
-- running without autovacuum) the planner takes each order for a two-hundredth of the lines and
-- answers with a hash join over the whole lines table: one scan per batch that grows with the history.
-- Each order's lines are now read by their own index lookup (lateral, `offset 0` keeps it one), so
-- a batch costs the same whatever the history and whatever the statistics say.
create or replace function sales_orders_progress(ids text[]) returns void language sql as $$
	update sales_orders o set open_lines = s.open_lines, open_due = s.open_due, earliest_due = s.earliest_due
	from unnest(ids) as h(order_id)
	cross join lateral (
		select
			count(l.line_id) filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty))::int as open_lines,
			min(coalesce(l.promised_date, l.requested_date))
				filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty)) as open_due,
			min(coalesce(l.promised_date, l.requested_date))
				filter (where l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty)
					and l.shipped_qty < coalesce(l.qty, 0)) as earliest_due
		from (select * from sales_order_lines l where l.order_id = h.order_id offset 0) l
	) s
	where o.order_id = h.order_id
		and (o.open_lines, o.open_due, o.earliest_due) is distinct from (s.open_lines, s.open_due, s.earliest_due)
$$;

create or replace function purchase_orders_progress(ids text[]) returns void language sql as $$
	update purchase_orders o set
		line_count = s.line_count, total_value = s.total_value, ordered_qty = s.ordered_qty, received_qty = s.received_qty,
		inspected_qty = s.inspected_qty, open_lines = s.open_lines, waiting_lines = s.waiting_lines, earliest_expected = s.earliest_expected
	from unnest(ids) as h(po_id)
	cross join lateral (
		select
			count(l.qty)::int as line_count,
			coalesce(sum(l.qty * l.unit_price), 0) as total_value,
			coalesce(sum(l.qty), 0) as ordered_qty,
			coalesce(sum(l.received_qty), 0) as received_qty,
			coalesce(sum(l.accepted_qty + l.rejected_qty), 0) as inspected_qty,
			count(*) filter (where l.received_qty < l.qty)::int as open_lines,
			count(*) filter (where l.received_qty > l.accepted_qty + l.rejected_qty)::int as waiting_lines,
			min(l.expected_date) filter (where l.received_qty < l.qty) as earliest_expected
		from (select * from purchase_order_lines l where l.po_id = h.po_id offset 0) l
	) s
	where o.po_id = h.po_id
		and (o.line_count, o.total_value, o.ordered_qty, o.received_qty, o.inspected_qty, o.open_lines, o.waiting_lines, o.earliest_expected)
			is distinct from (s.line_count, s.total_value, s.ordered_qty, s.received_qty, s.inspected_qty, s.open_lines, s.waiting_lines, s.earliest_expected)
$$;
