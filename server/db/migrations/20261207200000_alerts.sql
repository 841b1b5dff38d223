-- Alert rules (alert_rule.upserted) and alerts with their history (alert.raised, .escalated,
-- .acknowledged, .resolved). The default rules are inserted at start (server/alerts/projectors.ts).

create table alert_rules (
	rule_id text primary key,
	kind text not null,
	name jsonb not null,
	severity text not null,
	owner jsonb not null,
	dedupe_key text not null,
	params jsonb not null,
	quiet_hours jsonb,
	escalation jsonb,
	active boolean not null,
	version_at timestamptz not null,
	version_id uuid not null
);

create table alerts (
	alert_id uuid primary key,
	rule_id text not null,
	kind text not null,
	severity text not null,
	-- open → acknowledged → resolved; open → resolved
	status text not null,
	ref jsonb not null,
	message jsonb not null,
	link text not null,
	dedupe_key text not null,
	-- Who has it now (escalation moves it to a role), and who had it when it was raised.
	owner_kind text,
	owner_id text,
	raised_owner_kind text,
	raised_owner_id text,
	level int not null default 0,
	quiet boolean not null default false,
	raised_at timestamptz not null,
	escalated_at timestamptz,
	acknowledged_at timestamptz,
	acknowledged_by text,
	resolved_at timestamptz,
	resolved_by text,
	resolution text,
	auto_resolved boolean not null default false
);
-- One open (or acknowledged) alert per rule and key: a second trigger finds it and raises nothing.
create unique index alerts_open_key_idx on alerts (rule_id, dedupe_key) where status <> 'resolved';
create index alerts_status_idx on alerts (status, raised_at desc);
create index alerts_owner_idx on alerts (owner_kind, owner_id) where status = 'open';

create table alert_history (
	event_id uuid primary key,
	alert_id uuid not null,
	-- raised | escalated | acknowledged | resolved
	action text not null,
	at timestamptz not null,
	actor text,
	detail jsonb not null
);
create index alert_history_alert_idx on alert_history (alert_id, at);
