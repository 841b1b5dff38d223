// No-code (custom) fields in pages: their definitions as pages receive them, the values as typed
// (strings, so a refused form shows exactly what was entered), their conversion to a command's
// `custom` input, the words for their issues, and how a stored value reads in a list or a detail.
// Pure and client-safe: the definitions come from src/lib/server/custom-fields.ts.
import type { Locale, MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from './issues.ts';

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

type Params = (m: RegExpMatchArray) => Record<string, string | number>;
const none: Params = () => ({});

const BY_CODE: Record<string, MessageKey> = {
	ERR_CUSTOM_REQUIRED: 'custom.issue.required',
	ERR_CUSTOM_UNKNOWN: 'custom.issue.unknown'
};

/** The value checks' messages (server/masterdata/custom-fields.ts and the shared field types). */
const BY_MESSAGE: [RegExp, MessageKey, Params][] = [
	[/^must be a number$/, 'issue.number', none],
	[/^must not be empty$/, 'issue.empty', none],
	[/^must be a date YYYY-MM-DD$/, 'custom.issue.date', none],
	[/^must be between 1900-01-01 and 9999-12-31$/, 'custom.issue.dateRange', none],
	[/^must be one of (.*)$/, 'custom.issue.choice', (m) => ({ choices: m[1] })],
	[/^must be at most (\d+) characters$/, 'custom.issue.tooLong', (m) => ({ n: m[1] })]
];

/**
 * The issues with those on custom fields worded in the page's language (as their message, which the
 * shared FieldError and FormIssues then show); other issues pass unchanged.
 */
export function wordCustomIssues(t: Translate, issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.map((issue) => {
		if (!isCustomPath(issue.path)) return issue;
		const byCode = issue.code ? BY_CODE[issue.code] : undefined;
		if (byCode) return { ...issue, message: t(byCode) };
		for (const [pattern, key, params] of BY_MESSAGE) {
			const m = issue.message.match(pattern);
			if (m) return { ...issue, message: t(key, params(m)) };
		}
		return issue;
	});
}
