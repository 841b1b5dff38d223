-- What the planner's exception list asks of others, recorded on the orders themselves.

-- A purchase order line flagged for the buyer to expedite (purchase_order.expedite_requested): the
-- latest request by business time, who asked and why. The buyer's list and the order's page show it.
alter table purchase_order_lines
	add column expedite_requested_at timestamptz,
	add column expedite_requested_by text,
	add column expedite_note text;

-- A production order moved to a new due date (production_order.rescheduled): when, by business time,
-- so a late-arriving older move does not undo a newer one.
alter table production_orders add column rescheduled_at timestamptz;
