import { redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { endSession, SESSION_COOKIE } from '$server/auth/users.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies }) => {
		const rt = await runtime();
		await endSession(rt.db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
