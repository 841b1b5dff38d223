import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { readReasonForm, reasonData, reasonValues } from '$lib/components/settings/reason-form';
import { savedRedirect, taken } from '../form-actions.server.ts';
import { hasReasonCode, listReasonCodes } from '$server/shared/reason-codes.ts';
import { reasonListChoices } from '../choices.server.ts';
import { upsertReasonCode } from '../reason-code-event.server.ts';
import type { Actions, PageServerLoad } from './$types';

// The reason-code lists (order changes, cancellations, purchase delays…): every code, retired ones
// too, and one form to add a code or change one (?list=…&code=… opens it in the form).
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const rt = await runtime();
	const codes = await listReasonCodes(rt.db);
	const list = url.searchParams.get('list') ?? '';
	const code = url.searchParams.get('code');
	const editing = code === null ? null : (codes.find((c) => c.list === list && c.code === code) ?? null);
	return {
		codes,
		lists: reasonListChoices(locals.locale),
		editing: editing ? reasonValues(editing) : null,
		newInList: list,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, []);
		const rt = await runtime();
		const form = await request.formData();
		const values = readReasonForm(form);
		const editing = form.has('editing');
		if (!editing && values.list && values.code.trim() && (await hasReasonCode(rt.db, values.list, values.code.trim()))) {
			return fail(409, { values, editing, issues: taken('code', 'ERR_REASON_EXISTS', 'this list has this code already') });
		}
		const out = await upsertReasonCode(rt, reasonData(values), user);
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		savedRedirect('reason-codes', `${values.list}/${out.code}`);
	}
};
