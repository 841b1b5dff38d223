// Words for the refusals of the stock commands (server/inventory/commands.ts). The inventory forms
// pass their issues through `wordIssues`: a stock code or schema message gets its text in the page's
// language, which the shared FieldError and FormIssues then show. Anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';

type Wording = (issue: FieldIssue, t: Translate) => string | undefined;

const controlled: Record<string, MessageKey> = {
	fromLocationId: 'invIssue.fromControlled',
	toLocationId: 'invIssue.toControlled',
	locationId: 'invIssue.notUsable'
};

const BY_CODE: Record<string, Wording> = {
	ERR_LOCATION_CONTROLLED: (i, t) => (controlled[i.path] ? t(controlled[i.path]) : undefined),
	ERR_STOCK_NEGATIVE: (i, t) => {
		const m = i.message.match(/^only (\S+) on hand at (.+)$/);
		return m ? t('invIssue.stockShort', { n: m[1], location: m[2] }) : undefined;
	},
	ERR_UNKNOWN_REASON: (_i, t) => t('invIssue.unknownReason'),
	ERR_UNKNOWN_ITEM: (_i, t) => t('invIssue.unknownItem'),
	ERR_MO_UNKNOWN: (_i, t) => t('invIssue.moUnknown'),
	ERR_MO_CLOSED: (_i, t) => t('invIssue.moClosed')
};

/** Messages of the stock schemas (server/inventory/schemas.ts) and zod's own for a missing number. */
const BY_MESSAGE: [RegExp, (m: RegExpMatchArray, t: Translate) => string][] = [
	[/^must differ from fromLocationId$/, (_m, t) => t('invIssue.sameLocation')],
	[/^must not be 0$/, (_m, t) => t('invIssue.notZero')],
	[/^Invalid input: expected number, received undefined$/, (_m, t) => t('invIssue.required')],
	[/^must be at most (\d+) characters$/, (m, t) => t('invIssue.tooLong', { n: m[1] })]
];

function worded(t: Translate, issue: FieldIssue): string | undefined {
	const byCode = issue.code ? BY_CODE[issue.code]?.(issue, t) : undefined;
	if (byCode !== undefined) return byCode;
	for (const [pattern, text] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return text(m, t);
	}
	return undefined;
}

export function wordIssues(t: Translate, issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.map((issue) => {
		const text = worded(t, issue);
		return text === undefined ? issue : { ...issue, message: text };
	});
}
