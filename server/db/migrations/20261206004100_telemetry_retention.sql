-- Retention for extension events only (`x.*`: integrators' telemetry, which no projection reads), so
-- a projection rebuild never misses an event it needs. prune_telemetry deletes at most max_rows of
-- them older than cutoff, with their idempotency ids (event_ids, TimescaleDB only) and their counts,
-- and answers how many it deleted. With TimescaleDB, LIANDONG_EVENT_RETENTION_DAYS schedules
-- prune_telemetry_job (server/db/timescale.ts); elsewhere nothing calls it.
create function prune_telemetry(cutoff timestamptz, max_rows int default 10000) returns int
language plpgsql as $$
declare
	ids uuid[];
begin
	with doomed as (
		-- The types come from event_counts (a handful of rows) so the type index finds the rows.
		select id, occurred_at from events
		where type = any (array(select type from event_counts where type like 'x.%'))
			and occurred_at < cutoff
		limit max_rows
	),
	gone as (
		delete from events e using doomed d
		where e.id = d.id and e.occurred_at = d.occurred_at
		returning e.id, e.type
	),
	counted as (
		update event_counts c set n = c.n - g.n
		from (select type, count(*) as n from gone group by type) g
		where c.type = g.type
	)
	select coalesce(array_agg(id), '{}') into ids from gone;
	-- event_ids exists once `events` is a hypertable; this statement is only planned when reached.
	if cardinality(ids) > 0 and to_regclass('event_ids') is not null then
		delete from event_ids where id = any (ids);
	end if;
	return cardinality(ids);
end
$$;

-- The TimescaleDB job: config {"drop_after": "<interval>"}. Deletes in slices, committing between
-- them, so a large backlog neither holds locks for long nor builds one huge transaction.
create procedure prune_telemetry_job(job_id int, config jsonb)
language plpgsql as $$
declare
	cutoff timestamptz := now() - (config->>'drop_after')::interval;
begin
	loop
		exit when prune_telemetry(cutoff, 10000) < 10000;
		commit;
	end loop;
end
$$;
