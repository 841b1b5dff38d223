-- The event log: append-only, idempotent on id. `occurred_at` is business time.
-- Appends run concurrently, so `seq` (numbered at insert) does not follow commit order. Readers page
-- by (tx, seq) instead, and only over transactions older than every transaction still running
-- (pg_snapshot_xmin): no event can later appear behind a reader's cursor.
create table events (
	id uuid primary key,
	seq bigint generated always as identity,
	tx xid8 not null default pg_current_xact_id(),
	type text not null,
	occurred_at timestamptz not null,
	received_at timestamptz not null default now(),
	source text not null,
	actor text,
	data jsonb not null
);
create index events_tx_seq_idx on events (tx, seq);
create index events_type_tx_seq_idx on events (type, tx, seq);
create index events_occurred_brin on events using brin (occurred_at);

-- Running totals per type, kept in the append transaction so counts are cheap at any size.
create table event_counts (
	type text primary key,
	n bigint not null default 0
);

-- API, admin and kiosk tokens. Only a SHA-256 of the secret is stored; tokens are random 256-bit values.
create table api_tokens (
	id uuid primary key,
	name text not null,
	token_hash text not null unique,
	kind text not null check (kind in ('admin', 'api', 'kiosk')),
	event_types text[],
	screens text[],
	-- true for the token that LIANDONG_ADMIN_TOKEN creates: replaced when the variable changes
	from_env boolean not null default false,
	created_at timestamptz not null default now(),
	revoked_at timestamptz,
	last_used_at timestamptz
);
