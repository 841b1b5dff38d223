import { runtime } from '$lib/server/runtime';
import { countOpenAlerts } from '$server/alerts/alert.queries.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	// The bell: open alerts the user owns by role, department or name.
	const openAlerts = user ? await countOpenAlerts((await runtime()).db, { username: user.username, roles: user.roles, department: user.department }) : 0;
	return {
		locale: locals.locale,
		user: user ? { username: user.username, displayName: user.displayName, roles: user.roles } : null,
		openAlerts
	};
};
