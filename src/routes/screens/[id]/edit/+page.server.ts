// The no-code screen editor: a screen's title, theme, language and grid, and its widgets with their
// KPI, window, place and size, edited as a form; saved through the one schema (server/screens/
// commands.ts) as the screen's next version, which redraws every wall showing it on every node. Its
// versions are listed and any earlier one can be restored. A new id starts a new screen.
import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { restoreScreen, saveScreen, SCREEN_EDITORS } from '$server/screens/commands.ts';
import { screenHistory } from '$server/screens/versions.ts';
import { KPI_CATALOGUE } from '$server/kpi/catalogue.ts';
import { isScreenId } from '$screens/schema.ts';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const NEW_SCREEN = {
	schemaVersion: 1,
	title: { 'zh-CN': '新大屏', en: 'New screen' },
	design: { width: 1920, height: 1080 },
	theme: 'dark',
	locale: 'zh-CN',
	rows: 12,
	widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', window: '30d', x: 0, y: 0, w: 6, h: 3 }]
};

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireUser(locals, url, SCREEN_EDITORS);
	if (!isScreenId(params.id)) error(404, { message: 'a screen id is lower-case letters, digits and dashes', code: 'ERR_NOT_FOUND' });
	const rt = await runtime();
	const entry = rt.screens.get(params.id);
	return {
		id: params.id,
		isNew: !entry,
		screen: entry?.screen ? (({ id: _id, ...rest }) => rest)(entry.screen) : NEW_SCREEN,
		problems: entry?.problems ?? [],
		source: entry?.source ?? null,
		history: await screenHistory(rt.db, params.id),
		others: rt.screens.list().filter((e) => e.id !== params.id && e.screen && !e.screen.playlist).map((e) => e.id),
		kpis: KPI_CATALOGUE.map((k) => ({ id: k.id, name: k.name, dims: k.dims }))
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, SCREEN_EDITORS);
		const f = await request.formData();
		let raw: unknown;
		try {
			raw = JSON.parse(String(f.get('screen') ?? ''));
		} catch {
			return fail(400, { issues: [{ path: '', message: 'the editor sent no screen' }] });
		}
		const rt = await runtime();
		const out = await attempt(() => saveScreen(rt, params.id, raw, userActor(user)));
		if ('issues' in out) return fail(out.status, { issues: out.issues, screen: raw });
		return { saved: true, version: out.result.version };
	},
	restore: async ({ locals, url, request, params }) => {
		const user = requireUser(locals, url, SCREEN_EDITORS);
		const f = await request.formData();
		const rt = await runtime();
		const out = await attempt(() => restoreScreen(rt, params.id, f.get('version'), userActor(user)));
		if ('issues' in out) return fail(out.status, { issues: out.issues });
		return { restored: out.result.version };
	}
};
