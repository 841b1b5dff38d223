import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { parseRecordsInput } from '$server/kpi/api.ts';
import { kpiRecords } from '$server/kpi/queries.ts';
import type { RequestHandler } from './$types';

// The records behind a KPI's numerator (side=num) or denominator (side=den) over a range, with why.
export const GET: RequestHandler = endpoint(async ({ params, url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const input = parseRecordsInput(params.kpi, url.searchParams);
	if (!input) throw new AppError('ERR_NOT_FOUND', `no KPI named ${params.kpi}: GET /api/kpis lists them`);
	if (!input.query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: input.issues });
	return json(await kpiRecords(rt.db, { kpi: input.def.id, ...input.query, timeZone: rt.config.timeZone, now: rt.clock.now() }));
}, runtime);
