// Accounts as the settings pages show them: the users (disabled ones too) and an account's history
// from the event log, read through events_user_key_idx so it costs the same however many events the
// factory has. Never a password or its hash.
import type { Queryable } from '../db/db.ts';

export interface UserRow {
	username: string;
	displayName: string;
	roles: string[];
	department: string | null;
	locale: string;
	createdAt: string;
	disabledAt: string | null;
}

export interface AccountEvent {
	id: string;
	type: string;
	occurredAt: string;
	actor: string;
	data: Record<string, unknown>;
}

/** The types of an account's history; the index events_user_key_idx has the same list. */
export const USER_EVENT_TYPES = ['user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_set', 'user.password_changed'] as const;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** Every user, or the one named. */
export async function listUsers(q: Queryable, only?: string): Promise<UserRow[]> {
	const r = await q.query<{
		username: string;
		display_name: string;
		roles: string[];
		department: string | null;
		locale: string;
		created_at: Date | string;
		disabled_at: Date | string | null;
	}>('select username, display_name, roles, department, locale, created_at, disabled_at from users where $1::text is null or username = $1 order by username', [
		only ?? null
	]);
	return r.rows.map((u) => ({
		username: u.username,
		displayName: u.display_name,
		roles: u.roles,
		department: u.department,
		locale: u.locale,
		createdAt: iso(u.created_at)!,
		disabledAt: iso(u.disabled_at)
	}));
}

/** An account's history: who created, changed, disabled or re-enabled it, and password changes (never the password). */
export async function userHistory(q: Queryable, username: string, limit = 200): Promise<AccountEvent[]> {
	const types = USER_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
	const r = await q.query<{ id: string; type: string; occurred_at: Date | string; actor: string | null; source: string; data: Record<string, unknown> }>(
		`select id, type, occurred_at, actor, source, data from events
		where type in (${types}) and data->>'username' = $1 order by occurred_at desc, seq desc limit $2`,
		[username, limit]
	);
	return r.rows.map((e) => ({ id: e.id, type: e.type, occurredAt: iso(e.occurred_at)!, actor: e.actor ?? e.source, data: e.data }));
}

/**
 * Every user's display name by username: what the pages show for an event's actor ("user:<username>")
 * instead of the raw name. A factory has dozens of users, not thousands, so the whole list is one
 * small read per page.
 */
export async function displayNames(q: Queryable): Promise<Record<string, string>> {
	const r = await q.query<{ username: string; display_name: string }>('select username, display_name from users order by username');
	return Object.fromEntries(r.rows.map((u) => [u.username, u.display_name]));
}
