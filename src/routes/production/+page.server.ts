import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

// /production opens the order list, the shop floor's work list.
export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	redirect(303, '/production/orders');
};
