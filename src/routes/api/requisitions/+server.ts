import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { listRequisitions, requisitionListQuery } from '$server/purchasing/requisition.queries.ts';
import type { RequestHandler } from './$types';

// Requisitions over REST: the /purchasing/requisitions list (same query parameters). Without a status
// it lists all (a read should not depend on what waits); `status=awaiting` is what waits for the
// caller's roles. Raised and decided through POST /api/commands/requisition.*.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(requisitionListQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const status = query.status ?? 'all';
	const { requisitions, total } = await listRequisitions(rt.db, { ...query, status }, actor.roles);
	return json({ requisitions, total, page: query.page, pageSize: query.pageSize });
}, runtime);
