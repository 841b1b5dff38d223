-- An item's stock movements name it through this index: corrected inspections join its types.
drop index events_stock_item_idx;
create index events_stock_item_idx on events ((data->>'itemId'))
	where type in ('stock.adjusted', 'stock.moved', 'stock.issued', 'goods.received', 'inspection.recorded', 'shipment.shipped',
		'shipment.reversed', 'goods.receipt_reversed', 'inspection.reversed');
