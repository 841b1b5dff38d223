// The weekly and monthly review: causes of delay ranked, purchase price variance by supplier and item,
// and the main KPIs per week or month against target (server/kpi/review.queries.ts); ./review.xlsx
// downloads the same as a workbook.
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { review } from '$server/kpi/review.queries.ts';
import { reviewParams } from '$server/kpi/review-xlsx.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const rt = await runtime();
	const { period, offset } = reviewParams(url.searchParams);
	return { review: await review(rt.db, { period, offset, now: rt.clock.now(), timeZone: rt.config.timeZone }) };
};
