-- Durable reactions (server/jobs/consumer.ts): how far each has read the event log, as a (tx, seq)
-- cursor. The row is advanced in the same transaction as the reaction's own writes, so after a
-- crash a reaction resumes exactly where its last commit left it.
create table consumer_cursors (
	name text primary key,
	tx xid8 not null default '0',
	seq bigint not null default 0,
	updated_at timestamptz not null default now()
);
