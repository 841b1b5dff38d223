// The custom-field form's values as typed and their conversion to the defineCustomField input.
// Choices belong to type "choice" only; what was left in that field under another type is dropped.
// Field names are the input's paths ("labels.en"), so an issue finds its field by path.
import { compact, num, optional, text } from '../form-values.ts';
import { commaList, joinList, nonEmpty } from './lists.ts';
import type { FieldRow } from '$server/masterdata/custom-field.queries.ts';

export interface FieldFormValues {
	entity: string;
	key: string;
	labels: { 'zh-CN': string; en: string };
	type: string;
	required: boolean;
	choices: string;
	active: boolean;
	position: string;
}

/** A stored definition as the settings page lists it. */
export type { FieldRow };

export const blankFieldValues = (entity = ''): FieldFormValues => ({
	entity,
	key: '',
	labels: { 'zh-CN': '', en: '' },
	type: 'text',
	required: false,
	choices: '',
	active: true,
	position: ''
});

export const fieldValues = (f: FieldRow): FieldFormValues => ({
	entity: f.entity,
	key: f.key,
	labels: { 'zh-CN': f.labelZh, en: f.labelEn },
	type: f.type,
	required: f.required,
	choices: joinList(f.choices),
	active: f.active,
	position: String(f.position)
});

export function readFieldForm(form: FormData): FieldFormValues {
	return {
		entity: text(form, 'entity'),
		key: text(form, 'key'),
		labels: { 'zh-CN': text(form, 'labels.zh-CN'), en: text(form, 'labels.en') },
		type: text(form, 'type'),
		// Checkboxes are sent only when ticked: unticked is a definite "no".
		required: form.has('required'),
		choices: text(form, 'choices'),
		active: form.has('active'),
		position: text(form, 'position')
	};
}

/** The defineCustomField input; an empty position takes the command's default. */
export const fieldInput = (v: FieldFormValues) =>
	compact({
		entity: v.entity,
		key: v.key.trim(),
		labels: { ...v.labels },
		type: optional(v.type),
		required: v.required,
		choices: v.type === 'choice' ? nonEmpty(commaList(v.choices)) : undefined,
		active: v.active,
		position: num(v.position)
	});

export const FIELD_FIELDS = ['entity', 'key', 'labels.zh-CN', 'labels.en', 'type', 'required', 'choices', 'active', 'position'];
