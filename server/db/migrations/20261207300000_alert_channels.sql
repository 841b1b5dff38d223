-- Alert channels (server/alerts/channels): where alerts and the standup digest are pushed, the outbox
-- of deliveries and the log of every attempt.

-- Projection of alert_channel.saved: the latest setting per channel by business time. Secrets are
-- kept sealed (AES-256-GCM, server/alerts/channels/secrets.ts), never in clear.
create table alert_channels (
	channel_id text primary key,
	kind text not null,
	url text,
	recipients jsonb not null default '[]',
	secret_sealed text,
	min_severity text not null,
	active boolean not null,
	digest boolean not null,
	locale text not null,
	updated_by text,
	version_at timestamptz not null,
	version_id uuid not null
);

-- The key that seals channel secrets when LIANDONG_SECRET_KEY is not set: generated once, kept here.
-- Not a projection: a rebuild leaves it alone (the sealed secrets in the event log need it).
create table channel_keys (
	key_id text primary key,
	key bytea not null,
	created_at timestamptz not null default now()
);

-- What the delivery reaction has seen of each raised alert, so an escalation can be worded like it.
create table channel_alerts (
	alert_id text primary key,
	message jsonb not null
);

-- The outbox: one row per message and channel, written in the transaction of the reaction (or the
-- digest job) that decided to send it; the worker sends it after commit. `source_key` is the event id
-- (or "digest:<date>"), so the same message is never queued twice for a channel.
create table alert_deliveries (
	id bigserial primary key,
	source_key text not null,
	alert_id text not null,
	channel_id text not null,
	message jsonb not null,
	status text not null,
	attempts int not null default 0,
	next_at timestamptz not null,
	claimed_until timestamptz,
	last_error text,
	created_at timestamptz not null,
	done_at timestamptz,
	unique (source_key, channel_id)
);
create index alert_deliveries_due_idx on alert_deliveries (next_at) where status in ('pending', 'sending');
create index alert_deliveries_alert_idx on alert_deliveries (alert_id);

-- Every attempt to deliver, per alert and channel.
create table alert_delivery_log (
	id bigserial primary key,
	delivery_id bigint,
	alert_id text not null,
	channel_id text not null,
	attempt int not null,
	status text not null,
	http_status int,
	error text,
	at timestamptz not null
);
create index alert_delivery_log_alert_idx on alert_delivery_log (alert_id, id);
