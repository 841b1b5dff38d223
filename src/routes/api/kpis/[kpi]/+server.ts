import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { parseSeriesInput } from '$server/kpi/api.ts';
import { kpiSeries } from '$server/kpi/queries.ts';
import type { RequestHandler } from './$types';

// One KPI over a range in buckets of the factory calendar (CONTRACTS.md, HTTP): ?from=&to=&bucket=&dim=.
export const GET: RequestHandler = endpoint(async ({ params, url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const input = parseSeriesInput(params.kpi, url.searchParams);
	if (!input) throw new AppError('ERR_NOT_FOUND', `no KPI named ${params.kpi}: GET /api/kpis lists them`);
	if (!input.query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: input.issues });
	return json(await kpiSeries(rt.db, { kpi: input.def.id, ...input.query, timeZone: rt.config.timeZone }));
}, runtime);
