-- Reads that stay fast as the history grows (server/*/…queries.ts).
-- Record histories read only their record's events: customer, supplier (and its terms) and account
-- timelines find them through these partial expression indexes; the queries name the type(s) as
-- literals so the planner can prove the predicates.
create index events_customer_key_idx on events ((data->>'customerId')) where type = 'customer.upserted';
create index events_supplier_key_idx on events ((data->>'supplierId')) where type in ('supplier.upserted', 'supplier_item.upserted');
create index events_user_key_idx on events ((data->>'username'))
	where type in ('user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_set', 'user.password_changed');

-- The sales list pages, filters and sorts in SQL. Lines still to deliver (neither cancelled nor shipped
-- in full: server/sales/line-status.ts) are few whatever the history, so "active" and "late" orders
-- are found through this partial index; its predicate is OPEN_LINE_SQL in server/sales/order-status.sql.ts.
create index sales_order_lines_open_idx on sales_order_lines (order_id, (coalesce(promised_date, requested_date)))
	where cancelled_at is null and not (coalesce(qty, 0) > 0 and shipped_qty >= qty);
create index sales_orders_ordered_at_idx on sales_orders (ordered_at, order_id);
create index sales_orders_entered_by_ordered_idx on sales_orders (entered_by, ordered_at, order_id);
create index sales_orders_customer_idx on sales_orders (customer_id, ordered_at);

-- Stock allocation sums the lines of an item with a quantity still to ship (server/inventory/queries.ts).
create index sales_order_lines_to_ship_idx on sales_order_lines (item_id) where cancelled_at is null and shipped_qty < qty;

-- PostgreSQL ignores the statistics of partial expression indexes when it estimates a lookup by key,
-- and guessing 0.5% of the log per key it prefers scanning every event of a type. Statistics on the
-- keys themselves (gathered by ANALYZE, as autovacuum does) let it see that a key names a few events.
create statistics events_order_key_stats on ((data->>'orderId')) from events;
create statistics events_item_key_stats on ((data->>'itemId')) from events;
create statistics events_customer_key_stats on ((data->>'customerId')) from events;
create statistics events_supplier_key_stats on ((data->>'supplierId')) from events;
create statistics events_user_key_stats on ((data->>'username')) from events;
create statistics sales_order_lines_due_stats on (coalesce(promised_date, requested_date)) from sales_order_lines;
