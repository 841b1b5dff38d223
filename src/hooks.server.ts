import type { Handle } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n';
import { runtime } from '$lib/server/runtime';
import { SESSION_COOKIE, sessionUser } from '$server/auth/users.ts';
import { wallTime } from '$server/clock.ts';
import { crossSiteRefusal, withSecurityHeaders } from '$lib/server/security';

// Every request: the signed-in user (session cookie, checked in the database so any node can serve
// it) and the locale — `?lang=` sets the cookie; then the cookie; then the user's; else zh-CN.
// Changes made with the session cookie must come from this site (src/lib/server/security.ts), and every
// answer carries the security headers.
export const handle: Handle = async ({ event, resolve }) => {
	const https = event.url.protocol === 'https:';
	const session = event.cookies.get(SESSION_COOKIE);
	const refused = crossSiteRefusal(event.request, event.url, Boolean(session));
	if (refused) return withSecurityHeaders(refused, https);
	const rt = await runtime();
	event.locals.user = await sessionUser(rt.db, session, wallTime(rt.clock));

	const asked = event.url.searchParams.get('lang');
	if (asked === 'en' || asked === 'zh-CN') {
		// Not Secure on plain HTTP (a factory LAN address), or the browser would drop it.
		event.cookies.set('lang', asked, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 86400, secure: https });
	}
	const locale = pickLocale(asked ?? event.cookies.get('lang') ?? event.locals.user?.locale);
	event.locals.locale = locale;
	return withSecurityHeaders(await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }), https);
};
