// Words for the issues of an import: the sheet reader's own (headers, cells) first, then those of
// the commands the rows ran through (settings, sales, and the shared item words via FieldError's
// issueText). Row issues name a column key; the page gives the column's label.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';
import { wordIssues as salesWords } from '../sales/issues.ts';
import { wordIssues as settingsWords } from './issues.ts';

export interface RowIssue {
	row: number;
	column?: string;
	message: string;
	code?: string;
}

const BY_MESSAGE: [RegExp, MessageKey, (m: RegExpMatchArray, column: string) => Record<string, string>][] = [
	[/^unknown column "(.*)"$/, 'import.issue.unknownColumn', (m) => ({ name: m[1] })],
	[/^the column ".*" \/ ".*" is missing$/, 'import.issue.missingColumn', (_m, column) => ({ name: column })],
	[/^must be yes or no$/, 'import.issue.yesNo', () => ({})]
];

/** The issue as a field issue on its column (what FieldError shows), worded in the page's language. */
export function rowIssueText(t: Translate, issue: RowIssue, columnLabel: string): FieldIssue {
	const path = issue.column ?? '';
	for (const [pattern, key, params] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return { path, message: t(key, params(m, columnLabel)) };
	}
	const asField: FieldIssue = issue.code ? { path, message: issue.message, code: issue.code } : { path, message: issue.message };
	return settingsWords(t, salesWords(t, [asField]))[0];
}
