// Users, passwords (argon2id) and sessions. Sessions live in the database, so any node can serve any
// request; the cookie holds a random secret and only its SHA-256 is stored.
import { randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Queryable } from '../db/db.ts';
import { hashToken } from './tokens.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'ld_session';
export const SESSION_DAYS = 14;

export interface User {
	id: string;
	username: string;
	displayName: string;
	roles: Role[];
	department: string | null;
	locale: string;
}

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	roles: Role[];
	department: string | null;
	locale: string;
	password_hash?: string;
}

const toUser = (r: UserRow): User => ({
	id: r.id,
	username: r.username,
	displayName: r.display_name,
	roles: r.roles,
	department: r.department,
	locale: r.locale
});

let dummyHash: Promise<string> | undefined;

export async function countUsers(q: Queryable): Promise<number> {
	const r = await q.query<{ n: number }>('select count(*)::int as n from users');
	return r.rows[0].n;
}

export async function insertUser(
	q: Queryable,
	u: { username: string; displayName: string; password: string; roles: Role[]; department?: string | null; locale?: string }
): Promise<User> {
	const id = randomUUID();
	const r = await q.query<UserRow>(
		`insert into users (id, username, display_name, password_hash, roles, department, locale)
		values ($1, $2, $3, $4, $5, $6, $7)
		returning id, username, display_name, roles, department, locale`,
		[id, u.username.toLowerCase(), u.displayName, await hash(u.password), u.roles, u.department ?? null, u.locale ?? 'zh-CN']
	);
	return toUser(r.rows[0]);
}

export async function setPassword(q: Queryable, userId: string, password: string): Promise<void> {
	await q.query('update users set password_hash = $2 where id = $1', [userId, await hash(password)]);
}

/** The user for these credentials, or null (unknown user, wrong password, disabled). */
export async function checkPassword(q: Queryable, username: string, password: string): Promise<User | null> {
	const r = await q.query<UserRow>(
		`select id, username, display_name, roles, department, locale, password_hash from users
		where username = $1 and disabled_at is null`,
		[username.toLowerCase()]
	);
	const row = r.rows[0];
	if (!row) {
		// Same work as a real check, so response time does not tell which usernames exist.
		dummyHash ??= hash(randomBytes(16).toString('hex'));
		await verify(await dummyHash, password);
		return null;
	}
	return (await verify(row.password_hash!, password)) ? toUser(row) : null;
}

export async function createSession(q: Queryable, userId: string, now: Date): Promise<{ secret: string; expires: Date }> {
	const secret = randomBytes(32).toString('base64url');
	const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
	await q.query('insert into sessions (id_hash, user_id, expires_at) values ($1, $2, $3)', [hashToken(secret), userId, expires]);
	return { secret, expires };
}

/** How often a session's last_seen_at is written: reads on every request, a write at most this often. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The signed-in user of a session secret, or null (unknown, expired, or the user is disabled). Every
 * request asks, so it is one read; the last-seen write happens in the same statement only when the
 * stored time is a minute old, so a busy user's clicks do not each write a row.
 */
export async function sessionUser(q: Queryable, secret: string | undefined, now: Date): Promise<User | null> {
	if (!secret || secret.length > 100) return null;
	const r = await q.query<UserRow>(
		`with touched as (
			update sessions set last_seen_at = $2
			where id_hash = $1 and expires_at > $2 and last_seen_at <= $3
		)
		select u.id, u.username, u.display_name, u.roles, u.department, u.locale
		from sessions s join users u on u.id = s.user_id
		where s.id_hash = $1 and s.expires_at > $2 and u.disabled_at is null`,
		[hashToken(secret), now, new Date(now.getTime() - SESSION_TOUCH_MS)]
	);
	return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function endSession(q: Queryable, secret: string | undefined): Promise<void> {
	if (secret) await q.query('delete from sessions where id_hash = $1', [hashToken(secret)]);
}
