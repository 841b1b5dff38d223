-- Record timelines of production orders, work centres, requisitions and purchase orders read their
-- events by key. Partial (only events that carry the key), so appends of other events pay nothing;
-- the queries say `data ? '<key>' and data->>'<key>' = $1` so the planner can use them.
create index events_production_order_key_idx on events ((data->>'productionOrderId')) where data ? 'productionOrderId';
create index events_work_center_key_idx on events ((data->>'workCenterId')) where data ? 'workCenterId';
create index events_requisition_key_idx on events ((data->>'requisitionId')) where data ? 'requisitionId';
create index events_po_key_idx on events ((data->>'poId')) where data ? 'poId';
