// No-code (custom) fields in pages: their definitions as pages receive them, the values as typed
// (strings, so a refused form shows exactly what was entered), their conversion to a command's
// `custom` input, the words for their issues, and how a stored value reads in a list or a detail.
// Pure and client-safe: the definitions come from src/lib/server/custom-fields.ts.
import type { Locale } from '$lib/i18n';
import { wordIssues, type FieldIssue, type Translate } from './issues.ts';

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice';

/** An active field definition of one entity, in the admin's order. */
export interface CustomField {
	key: string;
	labels: { 'zh-CN': string; en: string };
	type: CustomFieldType;
	required: boolean;
	choices?: string[];
}

/** Values as typed, by field key. */
export type CustomValues = Record<string, string>;

const PREFIX = 'custom.';

/** The form field name and the issue path of a field: the command's own path. */
export const customPath = (key: string) => PREFIX + key;

export const isCustomPath = (path: string) => path.startsWith(PREFIX);

export const customLabel = (f: CustomField, locale: Locale) => f.labels[locale];

/** Every `custom.<key>` a form posted, as typed. */
export function readCustomForm(form: FormData): CustomValues {
	const out: CustomValues = {};
	for (const [name, v] of form) if (name.startsWith(PREFIX) && typeof v === 'string') out[name.slice(PREFIX.length)] = v;
	return out;
}

/**
 * The command's `custom` input: empty fields left out (so a required one is reported missing), a
 * number field's text as a number. What does not read as a number, or a key no field has, is passed
 * as typed, so the command names the field and says what is wrong.
 */
export function customInput(values: CustomValues, fields: readonly CustomField[]): Record<string, string | number> | undefined {
	const out: Record<string, string | number> = {};
	for (const [key, raw] of Object.entries(values)) {
		const s = raw.trim();
		if (s === '') continue;
		const n = Number(s);
		out[key] = fields.find((f) => f.key === key)?.type === 'number' && Number.isFinite(n) ? n : s;
	}
	return Object.keys(out).length ? out : undefined;
}

/** A record's stored values as form values. */
export function customFormValues(stored: Record<string, unknown> | null | undefined): CustomValues {
	return Object.fromEntries(Object.entries(stored ?? {}).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]])));
}

/** A stored value for reading: numbers in the page's locale, anything missing as "". */
export function formatCustom(f: CustomField, value: unknown, locale: Locale): string {
	if (value === null || value === undefined || value === '') return '';
	if (f.type === 'number' && typeof value === 'number') return value.toLocaleString(locale);
	return String(value);
}

/**
 * The issues with those on custom fields worded in the page's language (as their message, which the
 * shared FieldError and FormIssues then show); other issues pass unchanged.
 */
export function wordCustomIssues(t: Translate, issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.map((issue) => (isCustomPath(issue.path) ? wordIssues(t, [issue])[0] : issue));
}
