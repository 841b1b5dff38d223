import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { endpoint } from '$lib/server/http';
import { listKpis } from '$server/kpi/api.ts';
import type { RequestHandler } from './$types';

// The KPI catalogue: id, names (zh-CN, en), unit, direction, formula and source, target and thresholds, dimensions.
export const GET: RequestHandler = endpoint(async ({ request, locals }, rt) => {
	await requireActor(rt, request, locals);
	return json(listKpis());
}, runtime);
