// Words for the issues sales commands report. The shared table (../issues.ts) knows the item pages'
// codes; rather than fork FieldError and FormIssues, the sales forms pass their issues through
// `wordIssues` first: a sales code (or a sales schema message) gets its text in the page's language,
// which the shared components then show as the issue's message. Anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';

type Params = (m: RegExpMatchArray | null) => Record<string, string | number>;
const none: Params = () => ({});

/** By code; the pattern, where there is one, picks numbers out of the server's message. */
const BY_CODE: Record<string, [MessageKey, RegExp?, Params?]> = {
	ERR_SO_EXISTS: ['salesIssue.ERR_SO_EXISTS'],
	ERR_UNKNOWN_CUSTOMER: ['salesIssue.ERR_UNKNOWN_CUSTOMER'],
	ERR_UNKNOWN_ITEM: ['salesIssue.ERR_UNKNOWN_ITEM'],
	ERR_SO_UNKNOWN: ['salesIssue.ERR_SO_UNKNOWN'],
	ERR_SO_UNKNOWN_LINE: ['salesIssue.ERR_SO_UNKNOWN_LINE'],
	ERR_SO_LINE_CANCELLED: ['salesIssue.ERR_SO_LINE_CANCELLED'],
	ERR_SO_LINE_SHIPPED: ['salesIssue.ERR_SO_LINE_SHIPPED'],
	ERR_UNKNOWN_REASON: ['salesIssue.ERR_UNKNOWN_REASON'],
	ERR_SO_QTY_BELOW_SHIPPED: ['salesIssue.ERR_SO_QTY_BELOW_SHIPPED', /^(\S+) have been shipped/, (m) => ({ n: m?.[1] ?? '?' })],
	ERR_SO_OVER_SHIPMENT: ['salesIssue.ERR_SO_OVER_SHIPMENT', /^only (\S+) open/, (m) => ({ n: m?.[1] ?? '?' })],
	ERR_STOCK_NEGATIVE: ['salesIssue.ERR_STOCK_NEGATIVE', /^only (\S+) of .* on hand at (.+)$/, (m) => ({ n: m?.[1] ?? '?', location: m?.[2] ?? '' })]
};

/** Messages of the sales schemas (server/sales/schemas.ts, the order event's schema). */
const BY_MESSAGE: [RegExp, MessageKey, Params][] = [
	[/^must be a date YYYY-MM-DD$/, 'salesIssue.date', none],
	[/^must be 1 to 9$/, 'salesIssue.priority', none],
	[/^must change qty, requestedDate or priority$/, 'salesIssue.nothingChanged', none],
	[/^must change at least one line$/, 'salesIssue.noLineChanged', none],
	[/^must have at least one line$/, 'salesIssue.noLines', none],
	[/^Too small: expected array/, 'salesIssue.chooseLines', none],
	[/^must be at most (\d+) characters$/, 'salesIssue.tooLong', (m) => ({ n: m?.[1] ?? '' })],
	// Line numbers in messages count from 0, like the paths; people count from 1.
	[/^duplicates line (\d+)$/, 'issue.repeats', (m) => ({ line: Number(m?.[1]) + 1 })]
];

function worded(t: Translate, issue: FieldIssue): string | undefined {
	const byCode = issue.code ? BY_CODE[issue.code] : undefined;
	if (byCode) {
		const [key, pattern, params] = byCode;
		return t(key, params?.(pattern ? issue.message.match(pattern) : null));
	}
	for (const [pattern, key, params] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return t(key, params(m));
	}
	return undefined;
}

export function wordIssues(t: Translate, issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.map((issue) => {
		const text = worded(t, issue);
		return text === undefined ? issue : { ...issue, message: text };
	});
}
