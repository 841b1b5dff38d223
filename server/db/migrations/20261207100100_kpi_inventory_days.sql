-- Daily inventory facts for turnover and days of supply, written by the KPI clock job: the value of
-- stock on hand as last seen during the factory day (moving-average valuation depends on the order
-- movements were applied in, so a past day's value cannot be recomputed from the log: it is recorded),
-- and the day's cost of goods shipped at standard cost (recomputed from the log for today and yesterday).
create table kpi_inventory_days (
	day date primary key,
	value numeric not null,
	cogs numeric not null,
	taken_at timestamptz not null
);
