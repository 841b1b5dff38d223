// The first timed job: sessions past their expiry are deleted. Expired sessions already sign nobody
// in (sessionUser checks expires_at); this keeps the table to the sessions that still can.
import type { Queryable } from '../db/db.ts';
import type { Job } from '../jobs/scheduler.ts';

/** Deletes sessions that expired at or before `now`; answers how many. */
export async function purgeExpiredSessions(q: Queryable, now: Date): Promise<number> {
	const r = await q.query('delete from sessions where expires_at <= $1', [now]);
	return r.rowCount;
}

export const purgeSessionsJob: Job = {
	name: 'auth.purge-expired-sessions',
	schedule: '17 * * * *', // hourly, off the full hour when other schedules tend to pile up
	run: async ({ db, now }) => ({ purged: await purgeExpiredSessions(db, now) })
};
