import { runtime } from '$lib/server/runtime';
import { eventCounts } from '$server/events/read.ts';
import type { PageServerLoad } from './$types';

// The home page shows that the system is alive: backends and event counts are public; the live
// tail needs a token (sessions arrive with users and roles).
export const load: PageServerLoad = async () => {
	const rt = await runtime();
	return { db: rt.db.kind, bus: rt.bus.kind, counts: await eventCounts(rt.db) };
};
