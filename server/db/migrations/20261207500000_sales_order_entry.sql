-- When an order was entered and first promised, by business time: the first `sales_order.created` and the
-- first `sales_order.promised` of the order. A re-sent order or a new promise does not move them. The
-- order response time KPI reads them here instead of searching the log for each order it recomputes
-- (an entry left null, by a bulk load that bypassed the projectors, reads as ordered_at).
-- A promise may arrive before its order (ingest accepts it): the order's projector then finds it through this index.
create index events_promised_order_idx on events ((data->>'orderId')) where type = 'sales_order.promised';

alter table sales_orders add column entered_at timestamptz;
alter table sales_orders add column first_promised_at timestamptz;

update sales_orders s set entered_at = x.at
from (select data->>'orderId' as order_id, min(occurred_at) as at from events where type = 'sales_order.created' group by 1) x
where s.order_id = x.order_id;

update sales_orders s set first_promised_at = x.at
from (select data->>'orderId' as order_id, min(occurred_at) as at from events where type = 'sales_order.promised' group by 1) x
where s.order_id = x.order_id;
