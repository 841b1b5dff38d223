import { error, json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { NUMBERED_KINDS, type NumberedKind } from '$server/numbering/pattern.ts';
import { previewPattern } from '$server/numbering/sequences.queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import type { RequestHandler } from './$types';

// The settings page's live preview: the number a pattern being typed would give next (nothing is taken).
export const GET: RequestHandler = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const kind = url.searchParams.get('kind') ?? '';
	if (!(NUMBERED_KINDS as readonly string[]).includes(kind)) error(400, { message: 'kind: unknown document kind', code: 'ERR_BAD_QUERY' });
	const rt = await runtime();
	const pattern = (url.searchParams.get('pattern') ?? '').slice(0, 200);
	return json(await previewPattern(rt.db, kind as NumberedKind, pattern, factoryDate(rt.clock.now(), rt.config.timeZone)));
};
