-- Record timelines of production orders, work centres, requisitions and purchase orders read their
-- events by key (`data->>'…' = $1`): index those keys. Not partial, so the planner can use them for
-- exactly that condition; rows without the key index a null.
create index events_production_order_key_idx on events ((data->>'productionOrderId'));
create index events_work_center_key_idx on events ((data->>'workCenterId'));
create index events_requisition_key_idx on events ((data->>'requisitionId'));
create index events_po_key_idx on events ((data->>'poId'));
