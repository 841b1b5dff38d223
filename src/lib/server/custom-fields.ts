// The door from pages to no-code fields: an entity's active definitions as pages show them, the
// `custom.<key>` values a form posted as command input, and a list URL's custom-field filters
// checked against the definitions. Reads only; values are checked and written by the commands.
import { customInput, readCustomForm, type CustomField, type CustomValues } from '$lib/components/custom-fields';
import type { Queryable } from '$server/db/db.ts';
import type { Issue } from '$server/commands/command.ts';
import { customFields, type CustomEntity } from '$server/masterdata/custom-fields.ts';
import { parseCustomFilters, type CustomFilter } from '$server/shared/custom-filter.ts';

export type { CustomEntity, CustomFilter };

/** The entity's active fields in the admin's order (every one is a form input and a list column). */
export async function customFieldsOf(q: Queryable, entity: CustomEntity): Promise<CustomField[]> {
	return (await customFields(q, entity)).map((d) => ({
		key: d.key,
		labels: d.labels,
		type: d.type,
		required: d.required,
		...(d.choices ? { choices: d.choices } : {})
	}));
}

/**
 * What a form posted for the fields: `values` as typed (to show again when the command refuses) and
 * `input`, the command's `custom` member (undefined when nothing was filled in).
 */
export function readCustomInput(form: FormData, fields: readonly CustomField[]): { values: CustomValues; input: Record<string, string | number> | undefined } {
	const values = readCustomForm(form);
	return { values, input: customInput(values, fields) };
}

/** A list's custom-field filters from its URL, with the fields (its columns); issues name the bad parameters. */
export async function customListFilters(
	q: Queryable,
	entity: CustomEntity,
	url: URL
): Promise<{ fields: CustomField[]; filters: CustomFilter[]; issues: Issue[] }> {
	const fields = await customFieldsOf(q, entity);
	return { fields, ...parseCustomFilters(url.searchParams, fields) };
}
