import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { readUserForm, userInput } from '$lib/components/settings/user-form';
import { execute } from '$server/commands/command.ts';
import { createUser, disableUser } from '$server/auth/user-commands.ts';
import { attempt, savedRedirect } from '../form-actions.server.ts';
import { listUsers } from '$server/auth/user.queries.ts';
import { roleChoices } from '../choices.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Users and their roles. Administrators create users (user.create) and disable them (user.disable,
// which also ends their sessions) here; both are commands, so the log records who did it.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, createUser.roles);
	const rt = await runtime();
	return { users: await listUsers(rt.db), roles: roleChoices(locals.locale), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, createUser.roles);
		const rt = await runtime();
		const { values, password } = readUserForm(await request.formData());
		const out = await attempt(() => execute(rt, createUser, userInput(values, password), userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, issues: out.issues });
		savedRedirect('users', out.result.username);
	},
	disable: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, disableUser.roles);
		const rt = await runtime();
		const username = String((await request.formData()).get('username') ?? '');
		const out = await attempt(() => execute(rt, disableUser, { username }, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { disableIssues: out.issues, disableUsername: username });
		savedRedirect('users', out.result.username);
	}
};
