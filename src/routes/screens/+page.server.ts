// The wall screens: each file of the screens folder with its title, what it shows, what is wrong with
// it if anything, and its link; the kiosk link is how a wall computer opens one without signing in.
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { hasAnyRole } from '$server/auth/roles.ts';
import { SCREEN_EDITORS } from '$server/screens/commands.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rt = await runtime();
	const entries = rt.screens.list();
	const titles = new Map(entries.map((e) => [e.id, e.screen?.title ?? null]));
	return {
		titles: Object.fromEntries(titles),
		canEdit: hasAnyRole(user.roles, SCREEN_EDITORS),
		screens: entries.map((e) => ({
			id: e.id,
			title: e.screen?.title ?? null,
			widgets: e.screen?.widgets.length ?? 0,
			playlist: e.screen?.playlist ?? null,
			theme: e.screen?.theme ?? null,
			problems: e.problems
		}))
	};
};
