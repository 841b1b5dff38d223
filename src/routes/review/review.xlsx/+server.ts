import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { review } from '$server/kpi/review.queries.ts';
import { reviewParams, reviewWorkbook } from '$server/kpi/review-xlsx.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	requireUser(locals, url);
	const rt = await runtime();
	const { period, offset } = reviewParams(url.searchParams);
	const r = await review(rt.db, { period, offset, now: rt.clock.now(), timeZone: rt.config.timeZone });
	const body = await reviewWorkbook(r);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="review-${r.range.from}-${r.range.to}.xlsx"`
		}
	});
};
