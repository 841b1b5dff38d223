-- Browsers a user has signed in from (server/auth/login-limits.ts): their sign-in attempts are counted
-- apart from a stranger's, so guessing at someone's password never locks the real user out. The
-- cookie holds a random secret; only its SHA-256 is stored.
create table login_devices (
	id_hash text primary key,
	user_id uuid not null references users (id) on delete cascade,
	created_at timestamptz not null default now()
);
create index login_devices_user_idx on login_devices (user_id);
