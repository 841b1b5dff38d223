-- The KPI ledger's deltas: each append adds the change its recomputed subjects made to the sums here,
-- one plain insert in its own transaction (no row another append also updates, so concurrent batches
-- never wait for each other on a popular minute or hour). Compaction (server/kpi/compaction.ts) moves
-- them into kpi_buckets and kpi_hours in one statement. Readers sum the three tables in one statement,
-- so a figure is the same before and after a compaction. Kept small by compaction: no index.
create table kpi_deltas (
	kpi text not null,
	dim text not null,
	bucket timestamptz not null,
	num numeric not null,
	den numeric not null
);
