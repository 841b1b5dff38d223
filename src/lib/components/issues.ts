// Field issues as commands report them ({path, message, code?}) and how a page words them. The UI
// translates by code where the server gives one; for the few stock messages of the shared field
// types (server/events/primitives.ts) it has its own words; anything else shows the server's text.
import type { MessageKey, translator } from '$lib/i18n';

export type Translate = ReturnType<typeof translator>;

export interface FieldIssue {
	path: string;
	message: string;
	code?: string;
}

const BY_CODE: Record<string, MessageKey> = {
	ERR_BOM_CYCLE: 'issue.ERR_BOM_CYCLE',
	ERR_BOM_UNKNOWN_ITEM: 'issue.ERR_BOM_UNKNOWN_ITEM',
	ERR_ITEM_EXISTS: 'issue.ERR_ITEM_EXISTS',
	ERR_FORBIDDEN: 'issue.ERR_FORBIDDEN'
};

const BY_MESSAGE: [RegExp, MessageKey, (m: RegExpMatchArray) => Record<string, string | number>][] = [
	[/^must not be empty$/, 'issue.empty', () => ({})],
	[/^must be a number$/, 'issue.number', () => ({})],
	[/^must be greater than 0$/, 'issue.positive', () => ({})],
	[/^must be 0 or more$/, 'issue.nonNegative', () => ({})],
	[/^must be a whole number$/, 'issue.integer', () => ({})],
	[/^must be below 100$/, 'issue.below100', () => ({})],
	[/^is required for FOQ$/, 'issue.foqQty', () => ({})],
	[/^is required for POQ$/, 'issue.poqPeriods', () => ({})],
	// Line numbers in messages count from 0, like the paths; people count from 1.
	[/^repeats line (\d+)$/, 'issue.repeats', (m) => ({ line: Number(m[1]) + 1 })],
	[/^Invalid option/, 'issue.choose', () => ({})]
];

export function issueText(t: Translate, issue: FieldIssue): string {
	const byCode = issue.code ? BY_CODE[issue.code] : undefined;
	if (byCode) return t(byCode);
	for (const [pattern, key, params] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return t(key, params(m));
	}
	return issue.message;
}

export const issueAt = (issues: readonly FieldIssue[], path: string): FieldIssue | undefined => issues.find((i) => i.path === path);

/** Issues on none of the form's fields (the whole input, or a field the form does not show). */
export const issuesElsewhere = (issues: readonly FieldIssue[], shown: (path: string) => boolean): FieldIssue[] =>
	issues.filter((i) => !shown(i.path));

/** The id of a field's error text, for aria-describedby. */
export const errorId = (path: string) => `${path}-error`;
