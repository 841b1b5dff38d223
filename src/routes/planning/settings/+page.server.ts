import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { compact, num, optional, text } from '$lib/components/form-values';
import { execute } from '$server/commands/command.ts';
import { savePlanningCategory } from '$server/planning/linkage.commands.ts';
import { listCategorySettings } from '$server/planning/linkage.queries.ts';
import type { Actions, PageServerLoad } from './$types';

// Plan-to-order linkage per item category (suggest, or auto within a window of days): the default row,
// every category items use or that has a setting, and one form to change one (?category=… opens it,
// ?category= the default row) or to set a category no item uses yet. Planners and admins.
interface LinkFormValues {
	category: string;
	mode: string;
	windowDays: string;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, savePlanningCategory.roles);
	const rt = await runtime();
	const rows = await listCategorySettings(rt.db);
	const wanted = url.searchParams.get('category');
	const editing = wanted === null ? null : (rows.find((r) => (r.category ?? '') === wanted.trim()) ?? null);
	return {
		rows,
		editing: editing ? ({ category: editing.category ?? '', mode: editing.mode, windowDays: String(editing.windowDays) } satisfies LinkFormValues) : null,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, savePlanningCategory.roles);
		const form = await request.formData();
		const values: LinkFormValues = { category: text(form, 'category'), mode: text(form, 'mode'), windowDays: text(form, 'windowDays') };
		const editing = form.has('editing');
		const input = compact({ category: optional(values.category), mode: values.mode, windowDays: num(values.windowDays) });
		const rt = await runtime();
		const out = await attempt(() => execute(rt, savePlanningCategory, input as never, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		redirect(303, `/planning/settings?saved=${encodeURIComponent(out.result.category ?? '')}`);
	}
};
