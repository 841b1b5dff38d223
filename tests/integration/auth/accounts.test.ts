// Changing accounts and tokens after they exist: each change is a command with its event (never a
// secret), takes effect at the user's next request, and refuses what would lock an admin out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { changeOwnPassword, createUser, disableUser, enableUser, setUserPassword, updateUser } from '../../../server/auth/user-commands.ts';
import { createTokenCommand, revokeTokenCommand } from '../../../server/auth/token-commands.ts';
import { checkPassword, createSession, sessionUser, type User } from '../../../server/auth/users.ts';
import { listTokens, syncAdminToken, verifyToken } from '../../../server/auth/tokens.ts';
import { AppError } from '../../../server/errors.ts';
import { listEvents } from '../../../server/events/read.ts';

let t: TestRuntime;
let root: Actor;
let li: User;
const NOW = new Date('2026-11-25T08:00:00Z');

beforeAll(async () => {
	t = await openTestRuntime();
	const admin = await execute(t.rt, createUser, { username: 'root', displayName: 'Root', password: 'root-password', roles: ['admin'] }, { kind: 'system', id: 'system', name: 'system', roles: ['admin'] });
	root = { kind: 'user', id: admin.id, name: 'user:root', roles: ['admin'] };
	li = await execute(t.rt, createUser, { username: 'li', displayName: '李', password: 'li-password-1', roles: ['sales'] }, root);
});
afterAll(async () => t?.close());

async function refusal(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path, code: issue?.code ?? err.code };
}
const eventCount = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
const last = async (type: string) => (await listEvents(t.rt.db, { types: [type], desc: true, limit: 1 }))[0];

describe(`account administration (${backendLabel})`, () => {
	it('changes roles and department, recording only what changed; sessions see it at once', async () => {
		const { secret } = await createSession(t.rt.db, li.id, NOW);
		expect(await execute(t.rt, updateUser, { username: 'li', displayName: '李', roles: ['sales', 'planner'], department: 'EAST' }, root)).toEqual({
			username: 'li',
			changed: ['roles', 'department']
		});
		expect((await last('user.updated')).data).toEqual({ userId: li.id, username: 'li', roles: ['sales', 'planner'], department: 'EAST' });
		expect(await sessionUser(t.rt.db, secret, NOW)).toMatchObject({ roles: ['sales', 'planner'], department: 'EAST' });
		// "" clears the department.
		await execute(t.rt, updateUser, { username: 'li', department: '' }, root);
		expect((await last('user.updated')).data).toEqual({ userId: li.id, username: 'li', department: null });
		expect(await sessionUser(t.rt.db, secret, NOW)).toMatchObject({ department: null });
	});

	it('refuses what would be wrong, naming the field and writing nothing', async () => {
		const before = await eventCount();
		expect(await refusal(execute(t.rt, updateUser, { username: 'root', roles: ['manager'] }, root))).toMatchObject({ status: 409, path: 'roles', code: 'ERR_USER_SELF' });
		expect(await refusal(execute(t.rt, updateUser, { username: 'nobody', displayName: 'X' }, root))).toMatchObject({ status: 409, path: 'username' });
		expect(await refusal(execute(t.rt, updateUser, { username: 'li', roles: [] }, root))).toMatchObject({ status: 400, path: 'roles' });
		expect(await refusal(execute(t.rt, updateUser, { username: 'li', roles: ['admin'] }, { ...root, roles: ['manager'] }))).toMatchObject({ status: 403 });
		expect(await eventCount()).toBe(before);
	});

	it('sets a password for a user who forgot theirs, ending their sessions', async () => {
		const { secret } = await createSession(t.rt.db, li.id, NOW);
		expect(await refusal(execute(t.rt, setUserPassword, { username: 'li', password: 'short' }, root))).toMatchObject({ path: 'password' });
		await execute(t.rt, setUserPassword, { username: 'li', password: 'li-password-2' }, root);
		expect(await sessionUser(t.rt.db, secret, NOW)).toBeNull();
		expect(await checkPassword(t.rt.db, 'li', 'li-password-1')).toBeNull();
		expect(await checkPassword(t.rt.db, 'li', 'li-password-2')).toMatchObject({ username: 'li' });
		const e = await last('user.password_set');
		expect(e).toMatchObject({ actor: 'user:root', data: { username: 'li' } });
		expect(JSON.stringify(e)).not.toContain('li-password-2');
	});

	it('lets a user change their own password only with the current one', async () => {
		const me: Actor = { kind: 'user', id: li.id, name: 'user:li', roles: ['sales'] };
		expect(await refusal(execute(t.rt, changeOwnPassword, { currentPassword: 'wrong', newPassword: 'li-password-3' }, me))).toMatchObject({ status: 409, path: 'currentPassword', code: 'ERR_WRONG_PASSWORD' });
		expect(await refusal(execute(t.rt, changeOwnPassword, { currentPassword: 'li-password-2', newPassword: 'li-password-2' }, me))).toMatchObject({ status: 400, path: 'newPassword' });
		await execute(t.rt, changeOwnPassword, { currentPassword: 'li-password-2', newPassword: 'li-password-3' }, me);
		expect(await checkPassword(t.rt.db, 'li', 'li-password-3')).toMatchObject({ username: 'li' });
		expect(await last('user.password_changed')).toMatchObject({ actor: 'user:li', data: { username: 'li' } });
	});

	it('re-enables a disabled user', async () => {
		await execute(t.rt, disableUser, { username: 'li' }, root);
		expect(await checkPassword(t.rt.db, 'li', 'li-password-3')).toBeNull();
		expect(await refusal(execute(t.rt, disableUser, { username: 'li' }, root))).toMatchObject({ code: 'ERR_USER_DISABLED' });
		await execute(t.rt, enableUser, { username: 'li' }, root);
		expect(await checkPassword(t.rt.db, 'li', 'li-password-3')).toMatchObject({ username: 'li' });
		expect(await refusal(execute(t.rt, enableUser, { username: 'li' }, root))).toMatchObject({ code: 'ERR_USER_ENABLED' });
		expect(await last('user.enabled')).toMatchObject({ actor: 'user:root', data: { username: 'li' } });
	});
});

describe(`tokens in the event log (${backendLabel})`, () => {
	it('records who created a token and its scopes, never its value', async () => {
		const created = await execute(t.rt, createTokenCommand, { name: 'MES', kind: 'api', eventTypes: ['production.reported'] }, root);
		expect(await verifyToken(t.rt.db, created.token)).toMatchObject({ name: 'MES', eventTypes: ['production.reported'] });
		const e = await last('token.created');
		expect(e).toMatchObject({ actor: 'user:root', data: { tokenId: created.id, name: 'MES', kind: 'api', eventTypes: ['production.reported'] } });
		expect(JSON.stringify(e)).not.toContain(created.token);
	});

	it('records revoking; an unknown token is 404 and the environment\'s admin token is refused', async () => {
		const { id, token } = await execute(t.rt, createTokenCommand, { name: 'Wall', kind: 'kiosk', screens: ['overview'] }, root);
		await execute(t.rt, revokeTokenCommand, { tokenId: id }, root);
		expect(await verifyToken(t.rt.db, token)).toBeNull();
		expect(await last('token.revoked')).toMatchObject({ actor: 'user:root', data: { tokenId: id, name: 'Wall' } });
		expect(await refusal(execute(t.rt, revokeTokenCommand, { tokenId: id }, root))).toMatchObject({ status: 404, path: 'tokenId' });
		await syncAdminToken(t.rt.db, 'ld_env_admin_token_for_test_0123456789');
		const fromEnv = (await listTokens(t.rt.db)).find((x) => x.fromEnv)!;
		expect(await refusal(execute(t.rt, revokeTokenCommand, { tokenId: fromEnv.id }, root))).toMatchObject({ status: 409, code: 'ERR_TOKEN_FROM_ENV' });
		expect(await refusal(execute(t.rt, createTokenCommand, { name: 'x', kind: 'api' }, { ...root, roles: ['manager'] }))).toMatchObject({ status: 403 });
	});
});
