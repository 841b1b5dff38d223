-- Record timelines of production orders and purchase orders read their events by key (many events
-- of several types each). Partial (only events that carry the key), and the queries say
-- `data ? '<key>' and data->>'<key>' = $1` so the planner can use them. Work-centre and requisition
-- timelines need no index of their own: their few event types are found through the type index.
create index events_production_order_key_idx on events ((data->>'productionOrderId')) where data ? 'productionOrderId';
create index events_po_key_idx on events ((data->>'poId')) where data ? 'poId';
