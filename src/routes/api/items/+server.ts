import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { AppError, endpoint, readJson } from '$lib/server/http';
import { customListFilters } from '$lib/server/custom-fields';
import { execute } from '$server/commands/command.ts';
import { saveItem } from '$server/masterdata/commands.ts';
import { listItems, parseItemQuery } from '$server/masterdata/queries.ts';
import type { RequestHandler } from './$types';

// Items over REST. Anyone signed in (or with a token) may read, filtering on custom fields as the
// /items page does (`custom.<key>=…`, `custom.<key>.from`/`.to`); saving runs the saveItem command,
// which checks the role (planner, admin) and answers field issues with their paths.
const BODY_LIMIT = 64 * 1024;

export const GET: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	await requireActor(rt, request, locals);
	const { query, issues } = parseItemQuery(url.searchParams);
	const custom = await customListFilters(rt.db, 'item', url);
	const bad = [...(issues ?? []), ...custom.issues];
	if (!query || bad.length) throw new AppError('ERR_BAD_QUERY', 'invalid query', { issues: bad });
	const { items, total } = await listItems(rt.db, query, custom.filters);
	return json({ items, total, page: query.page, pageSize: query.pageSize });
}, runtime);

export const POST: RequestHandler = endpoint(async ({ request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals);
	return json(await execute(rt, saveItem, await readJson(request, BODY_LIMIT), actor, 'api'));
}, runtime);
