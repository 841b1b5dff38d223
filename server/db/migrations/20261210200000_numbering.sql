-- Document numbering (server/numbering/): the pattern per kind of document, and the running numbers.

-- Projection of numbering.pattern_set: one row per kind; no row means the default pattern.
create table numbering_patterns (
	kind text primary key,
	pattern text not null,
	updated_by text,
	version_at timestamptz not null,
	version_id uuid not null
);

-- The last running number taken per kind and period (the pattern with its date filled in, e.g.
-- "SO-2026{seq}"). Not a projection: creating commands move it in their own transaction.
create table document_sequences (
	kind text not null,
	period text not null,
	last_seq bigint not null,
	primary key (kind, period)
);
