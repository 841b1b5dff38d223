import { requireUser } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

// The settings index: administrators only, like every settings page.
export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url, []);
	return {};
};
