import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { text } from '$lib/components/form-values';
import { execute } from '$server/commands/command.ts';
import { changeOwnPassword } from '$server/auth/user-commands.ts';
import { attempt } from '$lib/server/forms';
import { ROLE_LABELS } from '$server/auth/roles.ts';
import type { Actions, PageServerLoad } from './$types';

// The signed-in user's own account: who they are, their roles and department, and changing their
// password (user.change_password needs the current one).
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return {
		me: { username: user.username, displayName: user.displayName, department: user.department, roles: user.roles.map((r) => ROLE_LABELS[r][locals.locale]) },
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	password: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, changeOwnPassword.roles);
		const rt = await runtime();
		const form = await request.formData();
		const input = { currentPassword: text(form, 'currentPassword'), newPassword: text(form, 'newPassword') };
		const out = await attempt(() => execute(rt, changeOwnPassword, input, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { issues: out.issues });
		redirect(303, '/account?saved');
	}
};
