import type { Handle } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n';

// Locale: `?lang=` sets the cookie; then the cookie; else zh-CN (see $lib/i18n).
export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	if (asked === 'en' || asked === 'zh-CN') {
		// Not Secure on plain HTTP (a factory LAN address), or the browser would drop it.
		event.cookies.set('lang', asked, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 365 * 86400, secure: event.url.protocol === 'https:' });
	}
	const locale = pickLocale(asked ?? event.cookies.get('lang'));
	event.locals.locale = locale;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};
