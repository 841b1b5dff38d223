import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireActor } from '$lib/server/auth';
import { endpoint, readJson } from '$lib/server/http';
import { answerPromise } from '$server/planning/promise.queries.ts';
import type { RequestHandler } from './$types';

// POST /api/planning/promise {"itemId","qty","requestedDate"?} → {"date","basis","reasons"}: a promise
// date for a new order line (server/planning/promise.ts). It only reads, so a token needs the read
// scope of its path (api-reads.ts); any signed-in user may ask, as the new-order form does. Reasons
// are worded in the reader's language: a signed-in user's (or `?lang=`), English for API tokens
// unless `?lang=` asks otherwise.
export const POST: RequestHandler = endpoint(async ({ url, request, locals }, rt) => {
	const actor = await requireActor(rt, request, locals, { reads: true });
	const body = await readJson(request, 16 * 1024);
	const asked = url.searchParams.get('lang');
	const lang = asked === 'en' || asked === 'zh-CN' ? asked : actor.kind === 'user' ? locals.locale : 'en';
	return json(await answerPromise(rt.db, body, rt.clock.now(), rt.config.timeZone, lang));
}, runtime);
