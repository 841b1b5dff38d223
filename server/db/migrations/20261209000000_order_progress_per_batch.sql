-- Sales and purchase orders keep carrying what their lines owe (sales_orders_progress,
-- purchase_orders_progress), but the orders a batch touched are now recomputed once, after every
-- projector of the batch ran (server/sales/progress.ts, server/purchasing/progress.ts), instead of by
-- statement triggers after each statement on the lines. An ingest batch of a plant's stream wrote the
-- lines in five to six statements and so recomputed its orders five to six times; and the triggers'
-- row locks on the orders were taken early in the transaction and held through the rest of it, so
-- concurrent batches that shipped or received against the same order waited for each other.
-- Every write of the lines is a projector's (appends, imports, replays and rebuilds all pass through
-- ProjectorRegistry.applyAll), so the batch projectors see every change the triggers saw.
drop trigger sales_order_lines_inserted on sales_order_lines;
drop trigger sales_order_lines_updated on sales_order_lines;
drop trigger sales_order_lines_deleted on sales_order_lines;
drop trigger sales_orders_inserted on sales_orders;
drop function sales_order_lines_changed();
drop function sales_orders_inserted();

drop trigger purchase_order_lines_inserted on purchase_order_lines;
drop trigger purchase_order_lines_updated on purchase_order_lines;
drop trigger purchase_order_lines_deleted on purchase_order_lines;
drop trigger purchase_orders_inserted on purchase_orders;
drop function purchase_order_lines_changed();
drop function purchase_orders_inserted();
