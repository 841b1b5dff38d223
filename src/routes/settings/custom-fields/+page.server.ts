import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { fieldInput, fieldValues, readFieldForm } from '$lib/components/settings/field-form';
import { execute } from '$server/commands/command.ts';
import { defineCustomField } from '$server/masterdata/custom-fields.ts';
import { attempt, savedRedirect, taken } from '../form-actions.server.ts';
import { hasCustomField, listCustomFields } from '$server/masterdata/custom-field.queries.ts';
import { entityChoices, fieldTypeChoices } from '../choices.server.ts';
import type { Actions, PageServerLoad } from './$types';

// No-code fields of items, customers, suppliers and orders: every definition, retired ones too,
// and one form to define a field or change one (?entity=…&key=… opens it in the form).
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, defineCustomField.roles);
	const rt = await runtime();
	const fields = await listCustomFields(rt.db);
	const entity = url.searchParams.get('entity') ?? '';
	const key = url.searchParams.get('key');
	const editing = key === null ? null : (fields.find((f) => f.entity === entity && f.key === key) ?? null);
	return {
		fields,
		entities: entityChoices(locals.locale),
		types: fieldTypeChoices(locals.locale),
		editing: editing ? fieldValues(editing) : null,
		newInEntity: entity,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, defineCustomField.roles);
		const rt = await runtime();
		const form = await request.formData();
		const values = readFieldForm(form);
		const editing = form.has('editing');
		if (!editing && values.entity && values.key.trim() && (await hasCustomField(rt.db, values.entity, values.key.trim()))) {
			return fail(409, { values, editing, issues: taken('key', 'ERR_FIELD_EXISTS', 'this entity has a field with this key already') });
		}
		const out = await attempt(() => execute(rt, defineCustomField, fieldInput(values), userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		savedRedirect('custom-fields', `${out.result.entity}/${out.result.key}`);
	}
};
