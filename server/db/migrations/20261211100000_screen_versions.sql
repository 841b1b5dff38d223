-- Projection of screen.saved (server/screens/versions.ts): every version of a wall screen saved or
-- restored through the editor, with its whole definition, so that every node serves the latest one and
-- any earlier one can be put back. Saves recorded before versions existed carry no definition: no row.
create table screen_versions (
	screen_id text not null,
	version integer not null,
	definition jsonb not null,
	restored_from integer,
	actor text,
	saved_at timestamptz not null,
	event_id uuid not null unique,
	primary key (screen_id, version)
);
