// User administration as commands: each leaves an event (never a password) so the log records who
// created, changed, disabled or re-enabled whom, and when. Roles and departments take effect at the
// user's next request: sessions read them from the users table.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CommandRejected, type Command } from '../commands/command.ts';
import { code, text } from '../events/primitives.ts';
import { coded, pattern } from '../events/issue-codes.ts';
import { ROLES } from './roles.ts';
import { checkPassword, insertUser, setPassword, type User } from './users.ts';
import type { Queryable } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { PASSWORD_CHANGE_POLICY } from './login-limits.ts';

const password = z.string().min(8, 'must be at least 8 characters').max(200);

export const createUserInput = z.strictObject({
	username: code.regex(pattern(/^[A-Za-z0-9._-]+$/, 'ERR_USERNAME_CHARS'), 'letters, digits, dot, dash and underscore only'),
	displayName: text(100),
	password,
	roles: z.array(z.enum(ROLES)).min(1, 'must have at least one role'),
	department: code.optional(),
	locale: z.enum(['zh-CN', 'en']).optional()
});

export const createUser: Command<z.infer<typeof createUserInput>, User> = {
	name: 'user.create',
	input: createUserInput,
	roles: [], // admin only
	async run({ tx }, input) {
		const taken = await tx.query('select 1 from users where username = $1', [input.username.toLowerCase()]);
		if (taken.rowCount) throw new CommandRejected('ERR_USER_EXISTS', 'username', `user "${input.username}" already exists`, { username: input.username });
		const user = await insertUser(tx, input);
		const data: Record<string, unknown> = { userId: user.id ?? randomUUID(), username: user.username, displayName: user.displayName, roles: user.roles };
		if (user.department) data.department = user.department;
		return { events: [{ type: 'user.created', data }], result: user };
	}
};

export const disableUserInput = z.strictObject({ username: code });

/** Disabling ends the user's sessions at once; their past actions stay in the log under their name. */
export const disableUser: Command<z.infer<typeof disableUserInput>, { username: string }> = {
	name: 'user.disable',
	input: disableUserInput,
	roles: [], // admin only
	async run({ tx, actor }, input) {
		const u = (await tx.query<{ id: string; disabled: boolean }>('select id, disabled_at is not null as disabled from users where username = $1 for update', [input.username.toLowerCase()])).rows[0];
		if (!u) throw new CommandRejected('ERR_USER_UNKNOWN', 'username', `no user "${input.username}"`, { username: input.username });
		if (u.disabled) throw new CommandRejected('ERR_USER_DISABLED', 'username', `user "${input.username}" is disabled already`, { username: input.username });
		if (actor.kind === 'user' && actor.id === u.id) throw new CommandRejected('ERR_USER_SELF', 'username', 'you cannot disable yourself');
		await tx.query('update users set disabled_at = now() where id = $1', [u.id]);
		await tx.query('delete from sessions where user_id = $1', [u.id]);
		return { events: [{ type: 'user.disabled', data: { userId: u.id, username: input.username.toLowerCase() } }], result: { username: input.username.toLowerCase() } };
	}
};

interface UserRow {
	id: string;
	username: string;
	display_name: string;
	roles: string[];
	department: string | null;
	locale: string;
	disabled: boolean;
}

async function lockUser(tx: Queryable, username: string): Promise<UserRow> {
	const u = (
		await tx.query<UserRow>(
			'select id, username, display_name, roles, department, locale, disabled_at is not null as disabled from users where username = $1 for update',
			[username.toLowerCase()]
		)
	).rows[0];
	if (!u) throw new CommandRejected('ERR_USER_UNKNOWN', 'username', `no user "${username}"`, { username });
	return u;
}

export const updateUserInput = z
	.strictObject({
		username: code,
		displayName: text(100).optional(),
		roles: z.array(z.enum(ROLES)).min(1, 'must have at least one role').optional(),
		/** null or "": no department. */
		department: code.nullable().optional().or(z.literal('').transform(() => null)),
		locale: z.enum(['zh-CN', 'en']).optional()
	})
	.refine((v) => v.displayName !== undefined || v.roles !== undefined || v.department !== undefined || v.locale !== undefined, {
		message: 'must change displayName, roles, department or locale',
		params: coded('ERR_NOTHING_CHANGED'),
		path: ['username']
	});

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Records only what changed; an administrator cannot take away their own admin role (no lock-out). */
export const updateUser: Command<z.infer<typeof updateUserInput>, { username: string; changed: string[] }> = {
	name: 'user.update',
	input: updateUserInput,
	roles: [], // admin only
	async run({ tx, actor }, input) {
		const u = await lockUser(tx, input.username);
		if (input.roles && actor.kind === 'user' && actor.id === u.id && u.roles.includes('admin') && !input.roles.includes('admin')) {
			throw new CommandRejected('ERR_USER_SELF', 'roles', 'you cannot take away your own admin role');
		}
		const data: Record<string, unknown> = { userId: u.id, username: u.username };
		if (input.displayName !== undefined && input.displayName !== u.display_name) data.displayName = input.displayName;
		if (input.roles && !sameSet(input.roles, u.roles)) data.roles = [...new Set(input.roles)];
		if (input.department !== undefined && (input.department ?? null) !== u.department) data.department = input.department ?? null;
		if (input.locale !== undefined && input.locale !== u.locale) data.locale = input.locale;
		const changed = Object.keys(data).filter((k) => k !== 'userId' && k !== 'username');
		if (!changed.length) return { events: [], result: { username: u.username, changed } };
		await tx.query(
			`update users set display_name = coalesce($2, display_name), roles = coalesce($3, roles),
				department = case when $4 then $5 else department end, locale = coalesce($6, locale)
			where id = $1`,
			[u.id, data.displayName ?? null, data.roles ?? null, 'department' in data, data.department ?? null, data.locale ?? null]
		);
		return { events: [{ type: 'user.updated', data }], result: { username: u.username, changed } };
	}
};

export const enableUser: Command<z.infer<typeof disableUserInput>, { username: string }> = {
	name: 'user.enable',
	input: disableUserInput,
	roles: [], // admin only
	async run({ tx }, input) {
		const u = await lockUser(tx, input.username);
		if (!u.disabled) throw new CommandRejected('ERR_USER_ENABLED', 'username', `user "${u.username}" is not disabled`, { username: u.username });
		await tx.query('update users set disabled_at = null where id = $1', [u.id]);
		return { events: [{ type: 'user.enabled', data: { userId: u.id, username: u.username } }], result: { username: u.username } };
	}
};

export const setPasswordInput = z.strictObject({ username: code, password });

/** An administrator sets someone's password (a forgotten one): that user's sessions end. */
export const setUserPassword: Command<z.infer<typeof setPasswordInput>, { username: string }> = {
	name: 'user.set_password',
	input: setPasswordInput,
	roles: [], // admin only
	async run({ tx, actor }, input) {
		const u = await lockUser(tx, input.username);
		await setPassword(tx, u.id, input.password);
		if (!(actor.kind === 'user' && actor.id === u.id)) await tx.query('delete from sessions where user_id = $1', [u.id]);
		return { events: [{ type: 'user.password_set', data: { userId: u.id, username: u.username } }], result: { username: u.username } };
	}
};

export const changePasswordInput = z
	.strictObject({ currentPassword: z.string().min(1, 'required').max(200), newPassword: password })
	.refine((v) => v.currentPassword !== v.newPassword, { message: 'must differ from the current password', path: ['newPassword'], params: coded('ERR_SAME_PASSWORD') });

/**
 * Any signed-in user changes their own password, proving they know the current one. Tries are
 * limited per user across nodes, so a session left open is not a free password-guessing oracle.
 */
export const changeOwnPassword: Command<z.infer<typeof changePasswordInput>, { username: string }> = {
	name: 'user.change_password',
	input: changePasswordInput,
	roles: ROLES,
	async run({ tx, actor, now, limiter }, input) {
		if (actor.kind !== 'user') throw new CommandRejected('ERR_NOT_A_USER', 'currentPassword', 'only a signed-in user has a password to change');
		const key = `password:${actor.id}`;
		const gate = await limiter?.take(key, PASSWORD_CHANGE_POLICY, now.getTime());
		if (gate && !gate.ok) {
			const seconds = Math.ceil(gate.retryAfterMs / 1000);
			throw new AppError('ERR_RATE_LIMITED', `too many tries; try again in ${seconds} s`, {
				retryAfter: seconds,
				issues: [{ index: 0, path: 'currentPassword', message: `too many tries; try again in ${seconds} s`, code: 'ERR_RATE_LIMITED' }]
			});
		}
		const username = (await tx.query<{ username: string }>('select username from users where id = $1', [actor.id])).rows[0]?.username;
		const ok = username ? await checkPassword(tx, username, input.currentPassword) : null;
		if (!ok) throw new CommandRejected('ERR_WRONG_PASSWORD', 'currentPassword', 'the current password is not right');
		await limiter?.give(key, PASSWORD_CHANGE_POLICY, now.getTime());
		await setPassword(tx, actor.id, input.newPassword);
		return { events: [{ type: 'user.password_changed', data: { userId: actor.id, username: ok.username } }], result: { username: ok.username } };
	}
};
