// The controls on one line of a line editor. Lines post as repeated fields, so each control is named
// for its field alone; its label carries the line number people count (from 1) and its issue sits at
// the line's path, which counts from 0 like the lines sent.
import { errorId, issueAt, type FieldIssue } from './issues.ts';

export interface LineControlAttrs<F extends string> {
	name: F;
	'aria-label': string;
	'data-field': F;
	'aria-invalid': boolean;
	'aria-describedby': string | undefined;
}

export interface LineFields<F extends string> {
	issue(i: number, field: F): FieldIssue | undefined;
	/** What every control on a line carries, input or select. */
	attrs(i: number, field: F): LineControlAttrs<F>;
}

export function lineFields<F extends string>(
	path: (i: number, field: F) => string,
	labels: Readonly<Record<F, string>>,
	issues: readonly FieldIssue[]
): LineFields<F> {
	const issue = (i: number, field: F) => issueAt(issues, path(i, field));
	return {
		issue,
		attrs: (i, field) => ({
			name: field,
			'aria-label': `${labels[field]} ${i + 1}`,
			'data-field': field,
			'aria-invalid': !!issue(i, field),
			'aria-describedby': issue(i, field) ? errorId(path(i, field)) : undefined
		})
	};
}
