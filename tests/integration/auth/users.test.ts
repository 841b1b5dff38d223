import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, systemActor, type Actor } from '../../../server/commands/command.ts';
import { createUser, disableUser } from '../../../server/auth/user-commands.ts';
import { checkPassword, countUsers, createSession, endSession, sessionUser } from '../../../server/auth/users.ts';
import { AppError } from '../../../server/errors.ts';
import { listEvents } from '../../../server/events/read.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime({ env: { LIANDONG_ADMIN_PASSWORD: 'first-admin-password' } });
});
afterAll(async () => t?.close());

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:planner', roles: ['planner'] };

describe(`users and sessions (${backendLabel})`, () => {
	it('creates the admin user from LIANDONG_ADMIN_PASSWORD on an empty installation, once', async () => {
		expect(await countUsers(t.rt.db)).toBe(1);
		expect(await checkPassword(t.rt.db, 'admin', 'first-admin-password')).toMatchObject({ username: 'admin', roles: ['admin'] });
	});

	it('lets only an admin create users, records it without the password, and refuses a taken username', async () => {
		const input = { username: 'Zhang.Wei', displayName: '张伟', password: 's3cret-pass', roles: ['sales'], department: 'east' };
		const denied = await execute(t.rt, createUser, input, planner).catch((e) => e);
		expect(denied).toBeInstanceOf(AppError);
		expect((denied as AppError).status).toBe(403);

		const user = await execute(t.rt, createUser, input, admin);
		expect(user).toMatchObject({ username: 'zhang.wei', displayName: '张伟', roles: ['sales'], department: 'east' });
		const [event] = await listEvents(t.rt.db, { types: ['user.created'], desc: true, limit: 1 });
		expect(event).toMatchObject({ actor: 'user:admin', data: { username: 'zhang.wei', roles: ['sales'] } });
		expect(JSON.stringify(event)).not.toContain('s3cret-pass');

		const taken = (await execute(t.rt, createUser, { ...input, username: "ZHANG.WEI" }, admin).catch((e) => e)) as AppError;
		expect(taken.status).toBe(409);
		expect(taken.details.issues).toEqual([expect.objectContaining({ path: 'username', code: 'ERR_USER_EXISTS' })]);
	});

	it('names bad user fields', async () => {
		const err = (await execute(t.rt, createUser, { username: 'a b', displayName: '', password: 'short', roles: ['boss'] }, systemActor).catch((e) => e)) as AppError;
		expect((err.details.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['displayName', 'password', 'roles.0', 'username']);
	});

	it('checks passwords: right, wrong, unknown user', async () => {
		expect(await checkPassword(t.rt.db, 'zhang.wei', 's3cret-pass')).toMatchObject({ username: 'zhang.wei' });
		expect(await checkPassword(t.rt.db, 'zhang.wei', 'wrong')).toBeNull();
		expect(await checkPassword(t.rt.db, 'nobody', 's3cret-pass')).toBeNull();
	});

	it('keeps sessions in the database until they expire or end', async () => {
		const user = (await checkPassword(t.rt.db, 'zhang.wei', 's3cret-pass'))!;
		const now = new Date('2026-11-25T08:00:00Z');
		const { secret } = await createSession(t.rt.db, user.id, now);
		expect(await sessionUser(t.rt.db, secret, now)).toMatchObject({ username: 'zhang.wei' });
		expect(await sessionUser(t.rt.db, secret, new Date('2026-12-30T08:00:00Z'))).toBeNull();
		expect(await sessionUser(t.rt.db, 'not-a-session', now)).toBeNull();
		const stored = await t.rt.db.query<{ id_hash: string }>('select id_hash from sessions');
		expect(stored.rows.some((r) => r.id_hash === secret)).toBe(false);
		await endSession(t.rt.db, secret);
		expect(await sessionUser(t.rt.db, secret, now)).toBeNull();
	});

	it('writes a session\'s last-seen time at most once a minute, however often it is used', async () => {
		const user = (await checkPassword(t.rt.db, 'zhang.wei', 's3cret-pass'))!;
		const start = new Date('2026-11-25T09:00:00Z');
		const { secret } = await createSession(t.rt.db, user.id, start);
		const lastSeen = async () =>
			(await t.rt.db.query<{ t: Date | string }>('select last_seen_at as t from sessions where user_id = $1 order by created_at desc limit 1', [user.id])).rows[0].t;
		await t.rt.db.query('update sessions set last_seen_at = $2 where user_id = $1', [user.id, start]);
		const at = (s: number) => new Date(start.getTime() + s * 1000);
		for (const s of [1, 20, 59]) expect(await sessionUser(t.rt.db, secret, at(s))).toMatchObject({ username: 'zhang.wei' });
		expect(new Date(await lastSeen()).toISOString()).toBe(start.toISOString());
		expect(await sessionUser(t.rt.db, secret, at(61))).toMatchObject({ username: 'zhang.wei' });
		expect(new Date(await lastSeen()).toISOString()).toBe(at(61).toISOString());
		expect(await sessionUser(t.rt.db, secret, at(90))).toMatchObject({ username: 'zhang.wei' });
		expect(new Date(await lastSeen()).toISOString()).toBe(at(61).toISOString());
	});
});

describe(`disabling users (${backendLabel})`, () => {
	it('ends the sessions of a disabled user and refuses their password, once, never for oneself', async () => {
		const user = await execute(t.rt, createUser, { username: 'temp.worker', displayName: 'Temp', password: 'temp-pass-123', roles: ['warehouse'] }, admin);
		const { secret } = await createSession(t.rt.db, user.id, new Date());
		await execute(t.rt, disableUser, { username: 'TEMP.WORKER' }, admin);
		expect(await sessionUser(t.rt.db, secret, new Date())).toBeNull();
		expect(await checkPassword(t.rt.db, 'temp.worker', 'temp-pass-123')).toBeNull();
		const again = (await execute(t.rt, disableUser, { username: 'temp.worker' }, admin).catch((e) => e)) as AppError;
		expect(again.details.issues).toEqual([expect.objectContaining({ code: 'ERR_USER_DISABLED' })]);
		const me = (await checkPassword(t.rt.db, 'admin', 'first-admin-password'))!;
		const self = (await execute(t.rt, disableUser, { username: 'admin' }, { kind: 'user', id: me.id, name: 'user:admin', roles: ['admin'] }).catch((e) => e)) as AppError;
		expect(self.details.issues).toEqual([expect.objectContaining({ code: 'ERR_USER_SELF' })]);
		const [e] = await listEvents(t.rt.db, { types: ['user.disabled'], desc: true, limit: 1 });
		expect(e).toMatchObject({ actor: 'user:admin', data: { username: 'temp.worker' } });
	});
});
