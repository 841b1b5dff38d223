// A wall screen: opened by a signed-in user or, on a wall computer, with a kiosk token in the URL
// (`/screens/<id>?token=…`, CONTRACTS.md). The page draws the screen's definition and then follows it
// live (`screen:<id>`): a saved file redraws it. A playlist brings the screens it rotates through.
// The first values of the widgets on show come with the page, streamed after its HTML (read while the
// browser loads the scripts), so the screen is whole when it is drawn rather than a socket later.
import { error, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { verifyToken, type Principal } from '$server/auth/tokens.ts';
import { mayOpenScreen, screenValue } from '$server/screens/topics.ts';
import { KPI_CATALOGUE } from '$server/kpi/catalogue.ts';
import { isScreenId, widgetTopics } from '$screens/schema.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const rt = await runtime();
	const token = url.searchParams.get('token');
	let principal: Principal | null;
	if (token) {
		principal = await verifyToken(rt.db, token);
		if (!principal) error(401, { message: 'This screen link has no valid token: ask an administrator for a new kiosk link', code: 'ERR_UNAUTHORIZED' });
	} else if (locals.user) {
		principal = { kind: 'user', tokenId: locals.user.id, name: `user:${locals.user.username}`, roles: locals.user.roles, eventTypes: null, screens: null };
	} else redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);

	const entry = isScreenId(params.id) ? rt.screens.get(params.id) : undefined;
	if (!entry) error(404, { message: `No wall screen is called ${params.id}`, code: 'ERR_NOT_FOUND' });
	if (!mayOpenScreen(principal, params.id)) error(403, { message: 'This token does not open this screen', code: 'ERR_FORBIDDEN' });

	// A playlist shows the screens it names that exist and that the token may open, in its order.
	const members = (entry.screen?.playlist?.screens ?? []).filter((id) => rt.screens.get(id) && mayOpenScreen(principal, id));
	const initial = Object.fromEntries([[params.id, screenValue(entry)], ...members.map((id) => [id, screenValue(rt.screens.get(id))])]);
	const kpis = Object.fromEntries(KPI_CATALOGUE.map((k) => [k.id, { name: k.name, unit: k.unit, direction: k.direction, target: k.target, warn: k.warn, bad: k.bad }]));
	// The screen on show first: this one, or a playlist's first; the others' values come by the socket.
	const shownFirst = entry.screen?.playlist ? members[0] : params.id;
	const topics = shownFirst ? (rt.screens.get(shownFirst)?.screen?.widgets ?? []).flatMap(widgetTopics) : [];
	const lang = url.searchParams.get('lang');
	return {
		bare: true,
		id: params.id,
		token,
		members,
		initial,
		kpis,
		// Not awaited: SvelteKit streams it, so the values are read while the scripts load.
		values: rt.hub.currentValues(principal, topics),
		timeZone: rt.config.timeZone,
		lang: lang === 'en' || lang === 'zh-CN' ? lang : null
	};
};
