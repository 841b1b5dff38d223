// A customer's order tracking page, opened by a share link with no sign-in (server/sales/tracking.ts):
// read-only, in the customer's language, nothing internal. Each opening is logged; the page then
// follows its link's live topic (/live?track=<secret>, server/live/tracking-topics.ts) and, while that
// connection is down, refreshes its figures from ./data every 30 s, which logs nothing.
import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { openTrackingLink, trackingView } from '$server/sales/tracking.ts';
import { trackingTopic } from '$server/live/tracking-topics.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request, getClientAddress, url, setHeaders }) => {
	const rt = await runtime();
	const link = await openTrackingLink(rt.db, params.token, { at: rt.clock.now(), ip: getClientAddress(), userAgent: request.headers.get('user-agent') });
	if (link === 'revoked') error(410, { message: '此链接已停用，请联系您的销售代表 · This link is no longer valid: please ask your sales contact', code: 'ERR_GONE' });
	if (!link) error(404, { message: 'No such tracking link', code: 'ERR_NOT_FOUND' });
	// Not kept by browsers or proxies, not indexed: the page is one customer's.
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
	const lang = url.searchParams.get('lang');
	return {
		bare: true,
		locale: lang === 'en' || lang === 'zh-CN' ? lang : link.locale,
		liveTopic: trackingTopic(link.linkId),
		view: await trackingView(rt.db, { customerId: link.customerId, now: rt.clock.now(), timeZone: rt.config.timeZone })
	};
};
