// API, admin and kiosk tokens. A token is 32 random bytes shown once; only its SHA-256 is stored
// (a fast hash is right for high-entropy secrets; passwords use argon2). Scopes: API tokens may be
// limited to event types, kiosk tokens to screens.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.ts';

export type TokenKind = 'admin' | 'api' | 'kiosk';

export interface Principal {
	kind: TokenKind;
	tokenId: string;
	name: string;
	/** null: every event type. */
	eventTypes: string[] | null;
	/** null: every screen. */
	screens: string[] | null;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenSecret(): string {
	return 'ld_' + randomBytes(32).toString('base64url');
}

export async function createToken(
	q: Queryable,
	opts: { name: string; kind: TokenKind; eventTypes?: string[] | null; screens?: string[] | null; secret?: string }
): Promise<{ id: string; token: string }> {
	const token = opts.secret ?? newTokenSecret();
	const id = randomUUID();
	await q.query(
		`insert into api_tokens (id, name, token_hash, kind, event_types, screens) values ($1, $2, $3, $4, $5, $6)`,
		[id, opts.name, hashToken(token), opts.kind, opts.eventTypes ?? null, opts.screens ?? null]
	);
	return { id, token };
}

/** Makes sure the configured admin token exists (LIANDONG_ADMIN_TOKEN); idempotent across restarts and nodes. */
export async function ensureAdminToken(q: Queryable, secret: string): Promise<void> {
	await q.query(
		`insert into api_tokens (id, name, token_hash, kind) values ($1, 'LIANDONG_ADMIN_TOKEN', $2, 'admin')
		on conflict (token_hash) do update set revoked_at = null, kind = 'admin', event_types = null, screens = null`,
		[randomUUID(), hashToken(secret)]
	);
}

interface TokenRow {
	id: string;
	name: string;
	kind: TokenKind;
	event_types: string[] | null;
	screens: string[] | null;
	token_hash: string;
}

export async function verifyToken(q: Queryable, token: string | null | undefined): Promise<Principal | null> {
	if (!token || token.length > 200) return null;
	const hash = hashToken(token);
	const r = await q.query<TokenRow>(
		'select id, name, kind, event_types, screens, token_hash from api_tokens where token_hash = $1 and revoked_at is null',
		[hash]
	);
	const row = r.rows[0];
	if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return null;
	return { kind: row.kind, tokenId: row.id, name: row.name, eventTypes: row.event_types, screens: row.screens };
}

export function mayPostEvent(p: Principal, type: string): boolean {
	if (p.kind === 'admin') return true;
	if (p.kind !== 'api') return false;
	return p.eventTypes === null || p.eventTypes.includes(type);
}

/** Reading events of a type (GET /api/events, live `events:<type>`); `*` means every type. */
export function mayReadEvents(p: Principal, type: string | '*'): boolean {
	if (p.kind === 'admin') return true;
	if (p.kind !== 'api') return false;
	if (p.eventTypes === null) return true;
	return type !== '*' && p.eventTypes.includes(type);
}
