// Field issues as commands report them ({path, code, params, message}) and how a page words them: by
// the code and its parameters, in the page's language (src/lib/i18n/areas/errors.ts); an issue
// without a known code (or without the parameters its words need) shows the server's text.
import type { ErrorCode } from '$server/errors.ts';
import type { MessageKey, translator } from '$lib/i18n';

export type Translate = ReturnType<typeof translator>;

export interface FieldIssue {
	path: string;
	message: string;
	code?: ErrorCode;
	params?: Record<string, unknown>;
}

export function issueText(t: Translate, issue: FieldIssue): string {
	if (!issue.code) return issue.message;
	// A code whose words lack a parameter: the server's English serves an English page; a Chinese page
	// says the general words rather than show English.
	return t.error(issue.code, issue.params as never) || (t.locale === 'en' ? issue.message : (t.error('ERR_INVALID') ?? issue.message));
}

/**
 * Where an issue no field shows belongs, in words: the field's label from its path ("lines.1.qty" →
 * "第 2 行 · 数量"), or nothing for the whole input or a field the table does not name (a path is code,
 * never shown to people).
 */
export function issuePlace(t: Translate, path: string): string {
	if (!path) return '';
	const parts = path.split('.');
	const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
	const label = named && t.has(`field.${named}`) ? t(`field.${named}` as MessageKey) : '';
	const index = parts.findIndex((p) => /^\d+$/.test(p));
	const line = index > 0 && (parts[index - 1] === 'lines' || parts[index - 1] === 'lineIds') ? t('field.line', { n: Number(parts[index] ) + 1 }) : '';
	if (line && named === parts[index - 1]) return line;
	return [line, label].filter(Boolean).join(' · ');
}

/**
 * The issues worded in the page's language: each keeps its path and gets its text as its message (no
 * code: it is worded once, so a form may add to the text, e.g. name the list entry at fault). `values`
 * words parameter values the page knows better than the server: `{role: {manager: "经理"}}`.
 */
export function wordIssues(t: Translate, issues: readonly FieldIssue[], values: Record<string, Record<string, string>> = {}): FieldIssue[] {
	return issues.map((issue) => {
		const params = issue.params && Object.fromEntries(Object.entries(issue.params).map(([k, v]) => [k, values[k]?.[String(v)] ?? v]));
		return { path: issue.path, message: issueText(t, { ...issue, params }) };
	});
}

export const issueAt = (issues: readonly FieldIssue[], path: string): FieldIssue | undefined => issues.find((i) => i.path === path);

/** Issues on none of the form's fields (the whole input, or a field the form does not show). */
export const issuesElsewhere = (issues: readonly FieldIssue[], shown: (path: string) => boolean): FieldIssue[] =>
	issues.filter((i) => !shown(i.path));

/** The id of a field's error text, for aria-describedby. */
export const errorId = (path: string) => `${path}-error`;
