import { redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { landingFor, SUMMARY } from '$lib/server/landing';
import { factorySummary } from '$server/factory-summary.queries.ts';
import type { PageServerLoad } from './$types';

// The home page: each role's own work list (the same choice as after signing in), and for managers,
// administrators and viewers the factory summary. The system's status is under Settings → System.
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const landing = landingFor(user.roles);
	if (landing !== SUMMARY) redirect(303, landing);
	const rt = await runtime();
	const reader = { name: `user:${user.username}`, roles: user.roles, department: user.department };
	return {
		summary: await factorySummary(rt.db, reader, { now: rt.clock.now(), timeZone: rt.config.timeZone }),
		timeZone: rt.config.timeZone,
		isAdmin: user.roles.includes('admin')
	};
};
