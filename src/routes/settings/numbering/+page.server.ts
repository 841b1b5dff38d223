import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { execute } from '$server/commands/command.ts';
import { setNumberingPattern } from '$server/numbering/commands.ts';
import { numberingSettings, previewNumber } from '$server/numbering/sequences.queries.ts';
import { factoryDate } from '$server/shared/factory-date.ts';
import { attempt, savedRedirect } from '../form-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// Document numbering (admin only): each kind's pattern and the number its next document would take.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const rt = await runtime();
	const today = factoryDate(rt.clock.now(), rt.config.timeZone);
	const settings = await numberingSettings(rt.db);
	const rows = await Promise.all(settings.map(async (s) => ({ ...s, next: await previewNumber(rt.db, s.kind, today) })));
	return { rows, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, []);
		const rt = await runtime();
		const form = await request.formData();
		const values = { kind: String(form.get('kind') ?? ''), pattern: String(form.get('pattern') ?? '') };
		const out = await attempt(() => execute(rt, setNumberingPattern, values, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, issues: out.issues });
		savedRedirect('numbering', out.result.kind);
	}
};
