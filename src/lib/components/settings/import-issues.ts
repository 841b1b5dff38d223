// Words for the issues of an import: the sheet reader's own (headers, cells) and those of the commands
// the rows ran through, all by code and parameters (../issues.ts). Row issues name a column key; the
// page gives the column's label.
import type { ErrorCode } from '$server/errors.ts';
import { wordIssues, type FieldIssue, type Translate } from '../issues.ts';

export interface RowIssue {
	row: number;
	column?: string;
	message: string;
	code?: ErrorCode;
	params?: Record<string, unknown>;
}

/** The issue as a field issue on its column (what FieldError shows), worded in the page's language. */
export function rowIssueText(t: Translate, issue: RowIssue, columnLabel: string): FieldIssue {
	const path = issue.column ?? '';
	const asField: FieldIssue = { path, message: issue.message, code: issue.code, params: issue.params };
	return wordIssues(t, [asField], { column: { [path]: columnLabel } })[0];
}
