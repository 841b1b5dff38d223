-- Corrections: an event that reverses an earlier one (a shipment, a goods receipt) names it; each event
-- is reversed at most once (server/events/reversal.ts). A projection, emptied and replayed on rebuild.
create table reversals (
	event_id uuid primary key,
	reversal_id uuid not null,
	reversed_at timestamptz not null
);

-- A sales order's history and its lines' last shipment read its events by order through this index:
-- reversed shipments join the types it covers.
drop index events_order_key_idx;
create index events_order_key_idx on events ((data->>'orderId'))
	where type in ('sales_order.created', 'sales_order.changed', 'sales_order.cancelled', 'sales_order.promised', 'shipment.shipped', 'shipment.reversed');

-- An item's stock movements name it through this index: reversed shipments and receipts join its types.
drop index events_stock_item_idx;
create index events_stock_item_idx on events ((data->>'itemId'))
	where type in ('stock.adjusted', 'stock.moved', 'stock.issued', 'goods.received', 'inspection.recorded', 'shipment.shipped',
		'shipment.reversed', 'goods.receipt_reversed');

-- The components a corrected production report returns, by item, for the item's stock movements.
create index events_report_returns_idx on events using gin (jsonb_path_query_array(data, '$.returns[*].itemId'))
	where type = 'production.report_reversed';
