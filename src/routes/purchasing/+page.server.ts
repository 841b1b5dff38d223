import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

// /purchasing opens each role's work list: quality and warehouse the goods waiting for inspection,
// everyone else the requisitions (whose default view is what awaits the user's approval).
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	const inspects = user.roles.some((r) => r === 'quality' || r === 'warehouse');
	redirect(303, inspects ? '/purchasing/inspection' : '/purchasing/requisitions');
};
