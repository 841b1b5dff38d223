-- Customer order tracking (server/sales/tracking.ts): share links that open a read-only page of one
-- customer's orders. Like API tokens, a link's secret is kept as its SHA-256 only and the table is not
-- a projection (its events record who shared and revoked what, never the secret). Every opening of the
-- page is logged with the address and browser it came from.
create table tracking_links (
	link_id uuid primary key,
	customer_id text not null,
	token_hash text not null unique,
	locale text not null,
	label text,
	created_by text not null,
	created_at timestamptz not null,
	revoked_at timestamptz,
	revoked_by text,
	access_count int not null default 0,
	last_access_at timestamptz
);
create index tracking_links_customer_idx on tracking_links (customer_id, created_at);

create table tracking_link_access (
	link_id uuid not null references tracking_links (link_id),
	at timestamptz not null,
	ip text,
	user_agent text
);
create index tracking_link_access_link_idx on tracking_link_access (link_id, at);
