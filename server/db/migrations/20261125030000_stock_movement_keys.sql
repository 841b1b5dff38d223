-- An item's stock movements are read by item (the inventory page's movement history): the events of
-- the movement types that carry the item through this partial index (queries repeat its type list),
-- and completions through the item's production orders.
create index events_stock_item_idx on events ((data->>'itemId'))
	where type in ('stock.adjusted', 'stock.moved', 'stock.issued', 'goods.received', 'inspection.recorded', 'shipment.shipped');
create index if not exists production_orders_item_idx on production_orders (item_id);
