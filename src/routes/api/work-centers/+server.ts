import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { listWorkCenters, workCenterListQuery } from '$server/production/work-center.queries.ts';
import type { RequestHandler } from './$types';

// Work centres over REST: the /production/work-centers list (?q, ?status) with calendars and status.
// Anyone signed in (or with a token) may read; they change through POST /api/commands/work_center.*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(workCenterListQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const workCenters = await listWorkCenters(rt.db, query);
	return json({ workCenters, total: workCenters.length });
}, runtime);
