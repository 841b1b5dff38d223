-- Approvals, rejections and purchase orders can arrive before the requisition they name; when it
-- arrives, its projector looks them up in the log. These partial indexes keep that lookup small:
-- events carrying a requisition key (approvals, rejections), and the requisitions that purchase order
-- lines name (only orders that name any, so other orders add no index entry).
create index events_requisition_key_idx on events ((data->>'requisitionId')) where data ? 'requisitionId';
create index events_po_requisitions_idx on events using gin (jsonb_path_query_array(data, '$.lines[*].requisitionId'))
	where type = 'purchase_order.placed' and jsonb_path_exists(data, '$.lines[*].requisitionId');
