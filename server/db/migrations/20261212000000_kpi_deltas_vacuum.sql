-- kpi_deltas is a queue: every append inserts, every compaction (a few times a second under load)
-- deletes. Readers scan it whole (it has no index, so appends stay cheap), and a scan costs its dead
-- rows as well until they are vacuumed: with PostgreSQL's default (20 % of a table of about zero rows,
-- but only once a minute and slowly) that is tens of thousands of dead rows under a steady load. Vacuum
-- it as soon as a thousand have piled up, without the cost-based pause. (PGlite has no autovacuum; its
-- upkeep job vacuums every table.)
alter table kpi_deltas set (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_cost_delay = 0);
