// API, admin and kiosk tokens. A token is 32 random bytes shown once; only its SHA-256 is stored
// (a fast hash is right for high-entropy secrets; passwords use argon2). Scopes: API tokens post the
// event types they list ("*": every type) and read the areas they list (server/auth/read-scopes.ts);
// an API token with neither can do nothing. Kiosk tokens open screens (all, or those listed).
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { ALL, type ReadScope } from './read-scopes.ts';

export type TokenKind = 'admin' | 'api' | 'kiosk';

/** Who is asking: a token of some kind, or a signed-in user (kind "user", with roles). */
export interface Principal {
	/** `tracking`: a customer's tracking page on the live hub, following its one topic and nothing else. */
	kind: TokenKind | 'user' | 'tracking';
	/** The token's id, or the user's id. */
	tokenId: string;
	name: string;
	/** A user's roles; tokens: admin tokens act as ["admin"], others have none. */
	roles?: readonly string[];
	/** Event types it may post; "*" or null: every type. API tokens always have a list. */
	eventTypes: string[] | null;
	/** API tokens: the areas it may read ("*": all). Admin tokens read everything; users go by roles. */
	reads?: readonly string[];
	/** null: every screen. */
	screens: string[] | null;
	/** A signed-in user's session (the stored hash), so open sockets can see it end. */
	sessionId?: string;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenSecret(): string {
	return 'ld_' + randomBytes(32).toString('base64url');
}

export async function createToken(
	q: Queryable,
	opts: { name: string; kind: TokenKind; eventTypes?: string[] | null; reads?: string[]; screens?: string[] | null; secret?: string }
): Promise<{ id: string; token: string }> {
	const token = opts.secret ?? newTokenSecret();
	const id = randomUUID();
	// An API token without a list posts nothing: no scope given is no scope.
	const eventTypes = opts.kind === 'api' ? (opts.eventTypes ?? []) : null;
	await q.query(
		`insert into api_tokens (id, name, token_hash, kind, event_types, screens, reads) values ($1, $2, $3, $4, $5, $6, $7)`,
		[id, opts.name, hashToken(token), opts.kind, eventTypes, opts.screens ?? null, opts.kind === 'api' ? (opts.reads ?? []) : []]
	);
	return { id, token };
}

/**
 * Makes the admin token of LIANDONG_ADMIN_TOKEN exist with exactly that value, and revokes any token an
 * earlier value created (or all of them when the variable is unset), so rotating the variable rotates
 * the token. Idempotent across restarts and nodes.
 */
export async function syncAdminToken(q: Queryable, secret: string | undefined): Promise<void> {
	const hash = secret ? hashToken(secret) : null;
	await q.query(
		`update api_tokens set revoked_at = now() where from_env and revoked_at is null and token_hash is distinct from $1`,
		[hash]
	);
	if (!hash) return;
	await q.query(
		`insert into api_tokens (id, name, token_hash, kind, from_env) values ($1, 'LIANDONG_ADMIN_TOKEN', $2, 'admin', true)
		on conflict (token_hash) do update set revoked_at = null, kind = 'admin', event_types = null, screens = null, from_env = true`,
		[randomUUID(), hash]
	);
}

export interface TokenInfo {
	id: string;
	name: string;
	kind: TokenKind;
	eventTypes: string[] | null;
	reads: string[];
	screens: string[] | null;
	fromEnv: boolean;
	createdAt: string;
	lastUsedAt: string | null;
}

export async function listTokens(q: Queryable): Promise<TokenInfo[]> {
	const r = await q.query<{
		id: string;
		name: string;
		kind: TokenKind;
		event_types: string[] | null;
		reads: string[];
		screens: string[] | null;
		from_env: boolean;
		created_at: Date | string;
		last_used_at: Date | string | null;
	}>(
		`select id, name, kind, event_types, reads, screens, from_env, created_at, last_used_at
		from api_tokens where revoked_at is null order by created_at, name`
	);
	const iso = (v: Date | string) => new Date(v).toISOString();
	return r.rows.map((t) => ({
		id: t.id,
		name: t.name,
		kind: t.kind,
		eventTypes: t.event_types,
		reads: t.reads,
		screens: t.screens,
		fromEnv: t.from_env,
		createdAt: iso(t.created_at),
		lastUsedAt: t.last_used_at ? iso(t.last_used_at) : null
	}));
}

/** Revokes a token; false when there was no such live token. */
export async function revokeToken(q: Queryable, id: string): Promise<boolean> {
	const r = await q.query('update api_tokens set revoked_at = now() where id = $1 and revoked_at is null', [id]);
	return r.rowCount > 0;
}

interface TokenRow {
	id: string;
	name: string;
	kind: TokenKind;
	event_types: string[] | null;
	reads: string[];
	screens: string[] | null;
	token_hash: string;
}

export async function verifyToken(q: Queryable, token: string | null | undefined): Promise<Principal | null> {
	if (!token || token.length > 200) return null;
	const hash = hashToken(token);
	const r = await q.query<TokenRow>(
		'select id, name, kind, event_types, reads, screens, token_hash from api_tokens where token_hash = $1 and revoked_at is null',
		[hash]
	);
	const row = r.rows[0];
	if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return null;
	const api = row.kind === 'api';
	return {
		kind: row.kind,
		tokenId: row.id,
		name: row.name,
		eventTypes: api ? (row.event_types ?? []) : row.event_types,
		reads: api ? row.reads : row.kind === 'admin' ? [ALL] : [],
		screens: row.screens
	};
}

export function mayPostEvent(p: Principal, type: string): boolean {
	if (p.kind === 'admin') return true;
	// Users change state through commands, not by posting raw events.
	if (p.kind !== 'api') return false;
	return p.eventTypes === null || p.eventTypes.includes(ALL) || p.eventTypes.includes(type);
}

/** A token reading an area of data (GET /api/…): admin tokens read all, API tokens what they were granted. */
export function mayRead(p: Principal, scope: ReadScope): boolean {
	if (p.kind === 'admin') return true;
	if (p.kind !== 'api') return false;
	return (p.reads ?? []).some((r) => r === ALL || r === scope);
}

/** Reading events of a type (GET /api/events, live `events:<type>`); `*` means every type. */
export function mayReadEvents(p: Principal, type: string | '*'): boolean {
	if (p.kind === 'admin') return true;
	if (p.kind === 'user') return (p.roles ?? []).some((r) => r === 'admin' || r === 'manager');
	if (p.kind !== 'api') return false;
	if (mayRead(p, 'events')) return true;
	// A token reads back the types it names (not those a "*" covers): what it posts, nothing else.
	return type !== '*' && (p.eventTypes ?? []).includes(type);
}
