import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { setSessionCookie } from '$lib/server/auth';
import { landingFor, safeNext } from '$lib/server/landing';
import { checkPassword, countUsers, createSession } from '$server/auth/users.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), landingFor(locals.user.roles)));
	const rt = await runtime();
	if ((await countUsers(rt.db)) === 0) redirect(303, '/setup');
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const rt = await runtime();
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!rt.loginLimiter.take(`${getClientAddress()}|${username.toLowerCase()}`, rt.clock.now().getTime())) {
			return fail(429, { username, error: 'rate' as const });
		}
		const user = username && password ? await checkPassword(rt.db, username, password) : null;
		if (!user) return fail(400, { username, error: 'failed' as const });
		const { secret } = await createSession(rt.db, user.id, rt.clock.now());
		setSessionCookie(cookies, url, secret);
		redirect(303, safeNext(url.searchParams.get('next'), landingFor(user.roles)));
	}
};
