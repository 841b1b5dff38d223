import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint } from '$lib/server/http';
import { parseListQuery } from '$server/shared/list-query.ts';
import { LOOKUP_KINDS, lookup, lookupQuery, type LookupKind } from '$server/masterdata/lookup.queries.ts';
import type { RequestHandler } from './$types';

// What the forms' pickers offer as one types (?q, ?limit, and for items ?supplierId, ?makeOrBuy).
// Anyone signed in (or a token with the read scope) may ask; work centres follow the reader's
// shop-floor department.
export const GET: RequestHandler = endpoint(async ({ params, url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	const kind = params.kind as LookupKind;
	if (!LOOKUP_KINDS.includes(kind)) throw new AppError('ERR_NOT_FOUND', `no lookup "${params.kind}": one of ${LOOKUP_KINDS.join(', ')}`);
	const { query, issues } = parseListQuery(lookupQuery, url.searchParams, { custom: false });
	if (!query) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues });
	return json({ options: await lookup(rt.db, kind, query, actor) });
}, runtime);
