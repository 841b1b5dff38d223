import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { openTestRuntime, backendLabel, usesRedis, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { changeOwnPassword, createUser } from '../../../server/auth/user-commands.ts';
import { admitLogin, LOGIN_POLICIES, loginSucceeded, rememberDevice } from '../../../server/auth/login-limits.ts';
import { redisLimiter } from '../../../server/auth/shared-limits.ts';
import { busNamespace } from '../../../server/live/bus.ts';
import { AppError } from '../../../server/errors.ts';
import type { User } from '../../../server/auth/users.ts';
import { hashToken } from '../../../server/auth/tokens.ts';

// Sign-in limits on the configured backend (memory, or Redis shared by every node).
let t: TestRuntime;
let user: User;
let now = Date.parse('2026-12-01T08:00:00Z');
const clock = { now: () => new Date(now) };

beforeAll(async () => {
	t = await openTestRuntime({ clock });
	user = await execute(t.rt, createUser, { username: 'li.si', displayName: '李四', password: 'li-si-password', roles: ['sales'] }, { kind: 'system', id: 'system', name: 'system', roles: ['admin'] });
});
afterAll(async () => t?.close());

/** Tries until refused; how many were let through. */
async function triesUntilRefused(attempt: (i: number) => { address: string; username: string; device?: string }, max = 100) {
	for (let i = 0; i < max; i++) {
		const gate = await admitLogin(t.rt.db, t.rt.limiter, attempt(i), now);
		if (!gate.ok) return { allowed: i, retryAfterMs: gate.retryAfterMs };
	}
	return { allowed: max, retryAfterMs: 0 };
}

describe(`sign-in limits (${backendLabel})`, () => {
	it('slows guesses at one account from many addresses (password spraying) to a short, bounded backoff', async () => {
		const spray = await triesUntilRefused((i) => ({ address: `10.0.${i}.1`, username: 'wang.wu' }));
		expect(spray.allowed).toBe(LOGIN_POLICIES.username.burst);
		// The wait is short and the bucket refills: the account is slowed, never locked.
		expect(spray.retryAfterMs).toBeLessThanOrEqual(30_000);
		now += spray.retryAfterMs;
		expect((await admitLogin(t.rt.db, t.rt.limiter, { address: '10.9.9.9', username: 'wang.wu' }, now)).ok).toBe(true);
	});

	it('slows one address guessing many accounts', async () => {
		const scan = await triesUntilRefused((i) => ({ address: '192.0.2.7', username: `user${i}` }));
		expect(scan.allowed).toBe(LOGIN_POLICIES.address.burst);
	});

	it("does not let a stranger's wrong tries lock the real user out of their own browser", async () => {
		// The user signed in from this browser before: it holds their device cookie.
		const device = (await rememberDevice(t.rt.db, user.id, undefined))!;
		expect(await rememberDevice(t.rt.db, user.id, device)).toBeNull();
		const stranger = await triesUntilRefused(() => ({ address: '203.0.113.5', username: 'li.si' }));
		expect(stranger.allowed).toBeLessThanOrEqual(LOGIN_POLICIES.username.burst);
		const own = await admitLogin(t.rt.db, t.rt.limiter, { address: '198.51.100.2', username: 'LI.SI', device }, now);
		expect(own).toMatchObject({ ok: true, trusted: true });
		// A device cookie vouches only for its own user.
		expect(await admitLogin(t.rt.db, t.rt.limiter, { address: '198.51.100.2', username: 'zhao.liu', device }, now)).toMatchObject({ ok: true, trusted: false });
	});

	it('remembers the newest 20 browsers of a user', async () => {
		const devices: string[] = [];
		for (let i = 0; i < 21; i++) {
			devices.push((await rememberDevice(t.rt.db, user.id, undefined))!);
			// Distinct creation times, as separate sign-ins have.
			await t.rt.db.query(`update login_devices set created_at = now() - make_interval(secs => $2) where id_hash = $1`, [hashToken(devices[i]), 100 - i]);
		}
		await rememberDevice(t.rt.db, user.id, undefined);
		// Untrusted tries fall in the username's bucket, which a stranger emptied above: refused.
		const trusted = async (device: string) => {
			const gate = await admitLogin(t.rt.db, t.rt.limiter, { address: '10.1.1.1', username: 'li.si', device }, now);
			return gate.ok && gate.trusted;
		};
		expect(await trusted(devices[20])).toBe(true);
		expect(await trusted(devices[0])).toBe(false);
	});

	it('does not count successful sign-ins', async () => {
		for (let i = 0; i < LOGIN_POLICIES.address.burst * 2; i++) {
			const gate = await admitLogin(t.rt.db, t.rt.limiter, { address: '10.20.30.40', username: `shift${i % 3}` }, now);
			expect(gate.ok).toBe(true);
			if (gate.ok) await loginSucceeded(t.rt.limiter, gate, now);
		}
	});

	it.runIf(usesRedis)('counts the tries of every node together (Redis)', async () => {
		const other = new Redis(t.rt.config.redisUrl!);
		try {
			const otherNode = redisLimiter(other, busNamespace(t.rt.config.databaseUrl, t.rt.config.dataDir));
			const policy = { burst: 3, perSecond: 0.001 };
			for (let i = 0; i < 2; i++) expect((await t.rt.limiter.take('login:test:shared', policy, now)).ok).toBe(true);
			expect((await otherNode.take('login:test:shared', policy, now)).ok).toBe(true);
			expect((await otherNode.take('login:test:shared', policy, now)).ok).toBe(false);
			expect((await t.rt.limiter.take('login:test:shared', policy, now)).ok).toBe(false);
		} finally {
			other.disconnect();
		}
	});
});

describe(`changing one's own password (${backendLabel})`, () => {
	it('is limited to a few wrong current passwords, then refused with 429 for a while', async () => {
		const actor: Actor = { kind: 'user', id: user.id, name: 'user:li.si', roles: ['sales'] };
		const change = (currentPassword: string) =>
			execute(t.rt, changeOwnPassword, { currentPassword, newPassword: 'brand-new-pass-1' }, actor).then(
				() => 200,
				(e: AppError) => e.status
			);
		const wrong: number[] = [];
		for (let i = 0; i < 5; i++) wrong.push(await change(`guess-${i}`));
		expect(wrong).toEqual([409, 409, 409, 409, 409]);
		const limited = (await execute(t.rt, changeOwnPassword, { currentPassword: 'guess-x', newPassword: 'brand-new-pass-1' }, actor).catch((e) => e)) as AppError;
		expect([limited.status, limited.code]).toEqual([429, 'ERR_RATE_LIMITED']);
		expect(limited.details.issues).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'ERR_RATE_LIMITED' })]);
		// Even the right one waits: the limit must not tell which guess was right.
		expect(await change('li-si-password')).toBe(429);
		now += 61_000;
		expect(await change('li-si-password')).toBe(200);
	});
});
