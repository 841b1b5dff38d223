// User administration as commands: each leaves a user.created event (without the password) so the
// log records who created whom and when.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CommandRejected, type Command } from '../commands/command.ts';
import { code, text } from '../events/primitives.ts';
import { ROLES } from './roles.ts';
import { insertUser, type User } from './users.ts';

export const createUserInput = z.strictObject({
	username: code.regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
	displayName: text(100),
	password: z.string().min(8, 'must be at least 8 characters').max(200),
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
		if (taken.rowCount) throw new CommandRejected('ERR_USER_EXISTS', 'username', `user "${input.username}" already exists`);
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
		if (!u) throw new CommandRejected('ERR_USER_UNKNOWN', 'username', `no user "${input.username}"`);
		if (u.disabled) throw new CommandRejected('ERR_USER_DISABLED', 'username', `user "${input.username}" is disabled already`);
		if (actor.kind === 'user' && actor.id === u.id) throw new CommandRejected('ERR_USER_SELF', 'username', 'you cannot disable yourself');
		await tx.query('update users set disabled_at = now() where id = $1', [u.id]);
		await tx.query('delete from sessions where user_id = $1', [u.id]);
		return { events: [{ type: 'user.disabled', data: { userId: u.id, username: input.username.toLowerCase() } }], result: { username: input.username.toLowerCase() } };
	}
};
