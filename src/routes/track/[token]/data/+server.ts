// The tracking page's refresh: the same view as the page, without logging an opening.
import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { openTrackingLink, trackingView } from '$server/sales/tracking.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const rt = await runtime();
	const link = await openTrackingLink(rt.db, params.token);
	const headers = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' };
	if (link === 'revoked') return json({ code: 'ERR_GONE', message: 'This link is no longer valid' }, { status: 410, headers });
	if (!link) return json({ code: 'ERR_NOT_FOUND', message: 'No such tracking link' }, { status: 404, headers });
	return json(await trackingView(rt.db, { customerId: link.customerId, now: rt.clock.now(), timeZone: rt.config.timeZone }), { headers });
};
