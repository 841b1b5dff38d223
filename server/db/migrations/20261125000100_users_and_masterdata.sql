-- Users and their sessions. Passwords are argon2id hashes; a session id is a random secret of which
-- only the SHA-256 is stored, like API tokens.
create table users (
	id uuid primary key,
	username text not null unique,
	display_name text not null,
	password_hash text not null,
	roles text[] not null,
	department text,
	locale text not null default 'zh-CN',
	created_at timestamptz not null default now(),
	disabled_at timestamptz
);

create table sessions (
	id_hash text primary key,
	user_id uuid not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

-- Item attributes used by production and purchasing (all optional in item.upserted).
alter table items add column category text;
alter table items add column backflush text;
alter table items add column allow_negative boolean not null default false;

-- Bills of material, replaced whole per parent (bom.replaced); last writer wins by business time.
create table boms (
	parent_item_id text primary key,
	version_at timestamptz not null,
	version_id uuid not null
);

create table bom_lines (
	parent_item_id text not null references boms (parent_item_id) on delete cascade,
	line_no int not null,
	child_item_id text not null,
	qty_per numeric(18, 6) not null,
	scrap_pct numeric(7, 4) not null default 0,
	primary key (parent_item_id, line_no)
);
create index bom_lines_child_idx on bom_lines (child_item_id);

-- A record's history page reads its events by key: index the keys the pages look up.
create index events_item_key_idx on events ((data->>'itemId')) where type = 'item.upserted';
create index events_bom_key_idx on events ((data->>'parentItemId')) where type = 'bom.replaced';
