import { error, fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { text } from '$lib/components/form-values';
import { execute } from '$server/commands/command.ts';
import { disableUser, enableUser, setUserPassword, updateUser } from '$server/auth/user-commands.ts';
import { attempt } from '../../form-actions.server.ts';
import { listUsers, userHistory } from '$server/auth/user.queries.ts';
import { roleChoices } from '../../choices.server.ts';
import type { Actions, PageServerLoad } from './$types';

// One account: change its name, roles, department and language (user.update), set a new password
// (user.set_password, which ends the user's sessions), disable or re-enable it, and its history.
// Every change is a command, so the history below is the event log's.
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireUser(locals, url, updateUser.roles);
	const rt = await runtime();
	const [account] = await listUsers(rt.db, params.username.toLowerCase());
	if (!account) error(404, { message: `no user "${params.username}"`, code: 'ERR_NOT_FOUND' });
	return {
		account,
		history: await userHistory(rt.db, account.username),
		roles: roleChoices(locals.locale),
		saved: url.searchParams.get('saved'),
		self: locals.user?.username === account.username
	};
};

const back = (username: string, what: string): never => redirect(303, `/settings/users/${encodeURIComponent(username)}?saved=${what}`);

export const actions: Actions = {
	update: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, updateUser.roles);
		const rt = await runtime();
		const form = await request.formData();
		const values = {
			displayName: text(form, 'displayName'),
			department: text(form, 'department'),
			locale: text(form, 'locale'),
			roles: form.getAll('roles').filter((v): v is string => typeof v === 'string')
		};
		const out = await attempt(() => execute(rt, updateUser, { username: params.username, ...values }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { which: 'update' as const, values, issues: out.issues });
		back(params.username, 'update');
	},
	password: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, setUserPassword.roles);
		const rt = await runtime();
		const password = text(await request.formData(), 'password');
		const out = await attempt(() => execute(rt, setUserPassword, { username: params.username, password }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { which: 'password' as const, issues: out.issues });
		back(params.username, 'password');
	},
	disable: async ({ locals, url, params }) => {
		const user = requireUser(locals, url, disableUser.roles);
		const rt = await runtime();
		const out = await attempt(() => execute(rt, disableUser, { username: params.username }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { which: 'status' as const, issues: out.issues });
		back(params.username, 'disable');
	},
	enable: async ({ locals, url, params }) => {
		const user = requireUser(locals, url, enableUser.roles);
		const rt = await runtime();
		const out = await attempt(() => execute(rt, enableUser, { username: params.username }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { which: 'status' as const, issues: out.issues });
		back(params.username, 'enable');
	}
};
