import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { setSessionCookie } from '$lib/server/auth';
import { landingFor, safeNext } from '$lib/server/landing';
import { signInAccounts } from '$lib/server/demo';
import { DEMO_PASSWORD } from '$server/demo/state.ts';
import { ROLE_LABELS, type Role } from '$server/auth/roles.ts';
import { checkPassword, countUsers, createSession } from '$server/auth/users.ts';
import { admitLogin, DEVICE_COOKIE, DEVICE_DAYS, loginSucceeded, rememberDevice } from '$server/auth/login-limits.ts';
import type { Actions, PageServerLoad } from './$types';
import { wallTime } from '$server/clock.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), landingFor(locals.user.roles)));
	const rt = await runtime();
	// In demo mode the demo's accounts are listed with their password, one click fills the form; while
	// the demo is being prepared they are on their way, so the page waits for them instead of sending
	// the visitor to create an administrator.
	const demo = await signInAccounts(rt);
	if (!demo && (await countUsers(rt.db)) === 0) redirect(303, '/setup');
	return {
		demo: demo && {
			status: demo.status,
			password: DEMO_PASSWORD,
			accounts: demo.accounts.map((a) => ({
				username: a.username,
				displayName: a.displayName,
				title: a.title[locals.locale],
				roles: a.roles.map((r) => ROLE_LABELS[r as Role]?.[locals.locale] ?? r)
			}))
		}
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const rt = await runtime();
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		// Limits across nodes, per address, per username and per known browser (server/auth/login-limits.ts).
		const device = cookies.get(DEVICE_COOKIE);
		const now = wallTime(rt.clock).getTime();
		const gate = await admitLogin(rt.db, rt.limiter, { address: getClientAddress(), username, device }, now);
		if (!gate.ok) {
			setHeaders({ 'retry-after': String(Math.ceil(gate.retryAfterMs / 1000)) });
			return fail(429, { username, error: 'rate' as const, retryAfter: Math.ceil(gate.retryAfterMs / 1000) });
		}
		const user = username && password ? await checkPassword(rt.db, username, password) : null;
		if (!user) return fail(400, { username, error: 'failed' as const });
		await loginSucceeded(rt.limiter, gate, now);
		const { secret } = await createSession(rt.db, user.id, wallTime(rt.clock));
		setSessionCookie(cookies, url, secret);
		const remembered = await rememberDevice(rt.db, user.id, device);
		if (remembered) {
			cookies.set(DEVICE_COOKIE, remembered, { path: '/login', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: DEVICE_DAYS * 86400 });
		}
		redirect(303, safeNext(url.searchParams.get('next'), landingFor(user.roles)));
	}
};
