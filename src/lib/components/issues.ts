// Field issues as commands report them ({path, code, params, message}) and how a page words them: by
// the code and its parameters, in the page's language (src/lib/i18n/areas/errors.ts); an issue
// without a known code (or without the parameters its words need) shows the server's text.
import type { ErrorCode } from '$server/errors.ts';
import type { translator } from '$lib/i18n';

export type Translate = ReturnType<typeof translator>;

export interface FieldIssue {
	path: string;
	message: string;
	code?: ErrorCode;
	params?: Record<string, unknown>;
}

export function issueText(t: Translate, issue: FieldIssue): string {
	return (issue.code && t.error(issue.code, issue.params as never)) || issue.message;
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
