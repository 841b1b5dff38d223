// How the settings and import forms place their issues. Wording is shared (../issues.ts: by code and
// parameters); what is particular here is a list typed as one field, whose entries' issues it shows.
export { wordIssues } from '../issues.ts';
import type { FieldIssue } from '../issues.ts';

const isIndex = (s: string) => s !== '' && [...s].every((c) => c >= '0' && c <= '9');

/**
 * Issues on one entry of a list typed as one field ("categories.2", "screens.0") moved to that
 * field, the entry named in the message, so the field shows them.
 */
export function onListFields(issues: readonly FieldIssue[], fields: readonly string[], values: Record<string, readonly string[]>): FieldIssue[] {
	return issues.map((issue) => {
		const field = fields.find((f) => issue.path.startsWith(f + '.') && isIndex(issue.path.slice(f.length + 1)));
		if (!field) return issue;
		const entry = values[field]?.[Number(issue.path.slice(field.length + 1))];
		return { ...issue, path: field, message: entry === undefined ? issue.message : `"${entry}": ${issue.message}` };
	});
}
