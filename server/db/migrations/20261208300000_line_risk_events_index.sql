-- The drill-down behind delivery KPIs (server/kpi/records.ts) reads, per order line, the latest
-- sales_order_line.at_risk event for its supply causes. The plan raises those again and again, so
-- without an index each line scanned all of them (seconds for a week's records in the demo).
create index events_line_risk_idx on events ((data->>'orderId'), (data->>'lineId'), occurred_at)
	where type = 'sales_order_line.at_risk';
