import { runtime } from '$lib/server/runtime';
import { countOpenAlerts } from '$server/alerts/alert.queries.ts';
import { demoProgress } from '$lib/server/demo';
import { displayNames } from '$server/auth/user.queries.ts';
import { reasonLabels } from '$server/shared/reason-codes.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	const rt = await runtime();
	// The bell: open alerts the user owns by role, department or name.
	const openAlerts = user ? await countOpenAlerts(rt.db, { username: user.username, roles: user.roles, department: user.department }) : 0;
	// The demo factory's preparation, shown on every page until it is ready (demo mode only).
	const demo = await demoProgress(rt);
	return {
		locale: locals.locale,
		user: user ? { username: user.username, displayName: user.displayName, roles: user.roles } : null,
		openAlerts,
		// Who did what, by name: histories show people, not "user:<username>" (src/lib/components/people.ts).
		people: user ? await displayNames(rt.db) : {},
		// Reasons by their label wherever a history names one (src/lib/components/reasons.ts), and dates in the
		// factory's time zone (src/lib/format/dates.ts).
		reasonLabels: user ? await reasonLabels(rt.db, locals.locale) : {},
		timeZone: rt.config.timeZone,
		demo: demo && demo.status !== 'ready' ? demo : null
	};
};
