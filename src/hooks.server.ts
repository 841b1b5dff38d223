import type { Handle } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n';
import { runtime } from '$lib/server/runtime';
import { SESSION_COOKIE, sessionUser } from '$server/auth/users.ts';

// Every request: the signed-in user (session cookie, checked in the database so any node can serve
// it) and the locale — `?lang=` sets the cookie; then the cookie; then the user's; else zh-CN.
export const handle: Handle = async ({ event, resolve }) => {
	const rt = await runtime();
	event.locals.user = await sessionUser(rt.db, event.cookies.get(SESSION_COOKIE), rt.clock.now());

	const asked = event.url.searchParams.get('lang');
	if (asked === 'en' || asked === 'zh-CN') {
		// Not Secure on plain HTTP (a factory LAN address), or the browser would drop it.
		event.cookies.set('lang', asked, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 86400, secure: event.url.protocol === 'https:' });
	}
	const locale = pickLocale(asked ?? event.cookies.get('lang') ?? event.locals.user?.locale);
	event.locals.locale = locale;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};
