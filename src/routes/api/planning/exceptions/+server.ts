import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { readListQuery } from '$lib/server/list-url';
import { exceptionsQuery, listExceptions } from '$server/planning/plan.queries.ts';
import type { RequestHandler } from './$types';

// The live plan's exception messages (CONTRACTS.md, Planning), worded in the reader's language: a
// signed-in user's (or `?lang=`), English for API tokens unless `?lang=` asks otherwise.
export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const { query, issues } = readListQuery(exceptionsQuery, url);
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	const asked = url.searchParams.get('lang');
	const lang = asked === 'en' || asked === 'zh-CN' ? asked : actor.kind === 'user' ? locals.locale : 'en';
	const { planId, generatedAt, exceptions } = await listExceptions(rt.db, lang, query);
	return json({ planId, generatedAt, exceptions });
}, runtime);
