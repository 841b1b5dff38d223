import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { eventCounts } from '$server/events/read.ts';
import type { PageServerLoad } from './$types';

// The system's state for administrators: which database and bus this node runs on, the events stored
// by type, and the live tail of events (over the session, or an API token typed in). `/healthz` is the
// machine-readable answer.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const rt = await runtime();
	return { db: rt.db.kind, bus: rt.bus.kind, counts: await eventCounts(rt.db) };
};
