// How fast sign-in may be tried, across every node (shared-limits.ts). Three buckets, counting tries
// that fail (a successful sign-in gives its try back):
// - per client address: one machine guessing many names or passwords is slowed;
// - per username, for browsers the user has never signed in from: guesses at one account from many
//   addresses (password spraying, credential stuffing) are slowed to a trickle;
// - per device, for a browser that signed in as this user before (a cookie, stored hashed): the real
//   user is counted on their own, so a stranger's wrong tries cost them nothing; at most their own
//   typos earn them a short wait. Nobody is ever locked out: buckets refill with time.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { hashToken } from './tokens.ts';
import type { Policy, SharedLimiter } from './shared-limits.ts';

export const DEVICE_COOKIE = 'ld_device';
export const DEVICE_DAYS = 365;

export const LOGIN_POLICIES = {
	/** 20 failed tries, then one every 6 s: a shift signing in behind one address is never slowed. */
	address: { burst: 20, perSecond: 1 / 6 },
	/** 10 failed tries at an account from unknown browsers, then one every 30 s. */
	username: { burst: 10, perSecond: 1 / 30 },
	/** The user's own browser: 10 tries, then one every 5 s. */
	device: { burst: 10, perSecond: 1 / 5 }
} as const satisfies Record<string, Policy>;

export interface LoginAttempt {
	address: string;
	username: string;
	/** The device cookie the browser sent, if any. */
	device?: string;
}

export type LoginGate =
	| { ok: true; trusted: boolean; keys: [key: string, policy: Policy][] }
	| { ok: false; retryAfterMs: number };

/** Whether this device signed in as `username` before. */
async function knownDevice(q: Queryable, username: string, device: string | undefined): Promise<boolean> {
	if (!device || device.length > 100) return false;
	const r = await q.query(
		`select 1 from login_devices d join users u on u.id = d.user_id
		where d.id_hash = $1 and u.username = $2 and d.created_at > now() - make_interval(days => $3)`,
		[hashToken(device), username.toLowerCase(), DEVICE_DAYS]
	);
	return (r.rowCount ?? 0) > 0;
}

/** Takes a try from every bucket the attempt falls in; refused (with the wait) if any is empty. */
export async function admitLogin(q: Queryable, limiter: SharedLimiter, a: LoginAttempt, now: number): Promise<LoginGate> {
	const username = a.username.toLowerCase();
	const trusted = await knownDevice(q, username, a.device);
	const keys: [string, Policy][] = trusted
		? [[`login:device:${hashToken(a.device!)}`, LOGIN_POLICIES.device]]
		: [
				[`login:address:${a.address}`, LOGIN_POLICIES.address],
				[`login:user:${username}`, LOGIN_POLICIES.username]
			];
	const taken: [string, Policy][] = [];
	for (const [key, policy] of keys) {
		const r = await limiter.take(key, policy, now);
		if (!r.ok) {
			for (const [k, p] of taken) await limiter.give(k, p, now);
			return { ok: false, retryAfterMs: r.retryAfterMs };
		}
		taken.push([key, policy]);
	}
	return { ok: true, trusted, keys };
}

/** The attempt succeeded: its tries are given back. */
export async function loginSucceeded(limiter: SharedLimiter, gate: Extract<LoginGate, { ok: true }>, now: number): Promise<void> {
	for (const [key, policy] of gate.keys) await limiter.give(key, policy, now);
}

/** Remembers this browser for the user; the cookie's secret, to set (null when it is known already). */
export async function rememberDevice(q: Queryable, userId: string, device: string | undefined): Promise<string | null> {
	if (device && device.length <= 100) {
		const r = await q.query('select 1 from login_devices where id_hash = $1 and user_id = $2', [hashToken(device), userId]);
		if (r.rowCount) return null;
	}
	const secret = randomBytes(32).toString('base64url');
	await q.query('insert into login_devices (id_hash, user_id) values ($1, $2)', [hashToken(secret), userId]);
	// Browsers whose cookie has expired, or beyond the newest 20 of a user, are forgotten.
	await q.query(
		`delete from login_devices where user_id = $1 and (created_at < now() - make_interval(days => $2)
			or id_hash not in (select id_hash from login_devices where user_id = $1 order by created_at desc limit 20))`,
		[userId, DEVICE_DAYS]
	);
	return secret;
}

/** user.change_password: wrong current passwords, per user, across nodes. */
export const PASSWORD_CHANGE_POLICY: Policy = { burst: 5, perSecond: 1 / 60 };
