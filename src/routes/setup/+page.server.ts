import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { setSessionCookie } from '$lib/server/auth';
import { AppError } from '$server/errors.ts';
import { LOCKS } from '$server/db/db.ts';
import { countUsers, createSession } from '$server/auth/users.ts';
import { createUser } from '$server/auth/user-commands.ts';
import { execute, systemActor } from '$server/commands/command.ts';
import { readDemoState } from '$server/demo/state.ts';
import type { Runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';
import { wallTime } from '$server/clock.ts';

// The one-time page that creates the first administrator of an empty installation
// (unless LIANDONG_ADMIN_PASSWORD did so at start). Once any user exists it only says so; so does an
// installation claimed for the demo factory, whose users (an administrator among them) come with it.
const demoClaimed = async (rt: Runtime) => rt.config.demo && (await readDemoState(rt.db)) !== null;

export const load: PageServerLoad = async () => {
	const rt = await runtime();
	const demo = await demoClaimed(rt);
	return { open: !demo && (await countUsers(rt.db)) === 0, demo };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const rt = await runtime();
		const form = await request.formData();
		const values = {
			username: String(form.get('username') ?? '').trim(),
			displayName: String(form.get('displayName') ?? '').trim(),
			password: String(form.get('password') ?? '')
		};
		const outcome = await rt.db.withLock(LOCKS.setup, async () => {
			if ((await countUsers(rt.db)) > 0 || (await demoClaimed(rt))) return { closed: true as const };
			try {
				return { user: await execute(rt, createUser, { ...values, roles: ['admin'] }, systemActor, 'setup') };
			} catch (err) {
				if (err instanceof AppError && err.details.issues) return { issues: err.details.issues as { path: string; message: string }[] };
				throw err;
			}
		});
		if ('closed' in outcome) redirect(303, '/login');
		if ('issues' in outcome) return fail(400, { values: { username: values.username, displayName: values.displayName }, issues: outcome.issues });
		const { secret } = await createSession(rt.db, outcome.user.id, wallTime(rt.clock));
		setSessionCookie(cookies, url, secret);
		redirect(303, '/');
	}
};
