// Words for the issues production commands report. The shared table (../issues.ts) knows the item
// pages' codes and the shared field messages; the production forms pass their issues through
// `wordIssues` first: a production code (or a production schema message) gets its text in the page's
// language, which the shared FieldError and FormIssues then show. Anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';
import { statusLabel } from './labels.ts';

type Params = (m: RegExpMatchArray | null, t: Translate) => Record<string, string | number>;
const none: Params = () => ({});

/** One wording of a code: its key, and a pattern that picks values out of the server's message. */
type Wording = [MessageKey, RegExp?, Params?];

/** By code; where a code has several wordings, the first whose pattern matches (or has none) wins. */
const BY_CODE: Record<string, Wording[]> = {
	ERR_WC_EXISTS: [['prodIssue.wcExists']],
	ERR_UNKNOWN_WORK_CENTER: [['prodIssue.unknownWorkCenter']],
	ERR_REASON_REQUIRED: [['prodIssue.reasonRequired']],
	ERR_UNKNOWN_REASON: [['prodIssue.unknownReason']],
	ERR_UNKNOWN_ITEM: [['prodIssue.unknownItem']],
	ERR_ITEM_IS_BOUGHT: [['prodIssue.itemIsBought']],
	ERR_MO_EXISTS: [['prodIssue.moExists']],
	ERR_MO_UNKNOWN: [['prodIssue.moUnknown']],
	ERR_MO_LINE_WITHOUT_ORDER: [['prodIssue.lineWithoutOrder']],
	ERR_SO_UNKNOWN_LINE: [['prodIssue.unknownSalesLine']],
	ERR_MO_TRANSITION: [
		[
			'prodIssue.transition',
			/^a (\S+) order cannot become (\S+)$/,
			(m, t) => ({ from: statusLabel(t, 'mo', m?.[1] ?? ''), to: statusLabel(t, 'mo', m?.[2] ?? '') })
		]
	],
	ERR_MO_UNKNOWN_OPERATION: [['prodIssue.unknownOperation']],
	ERR_MO_CLOSED: [['prodIssue.moClosed']],
	ERR_LOCATION_CONTROLLED: [['prodIssue.locationControlled']],
	ERR_STOCK_NEGATIVE: [
		[
			'prodIssue.backflushShort',
			/^backflush needs (\S+) of (.+), only (\S+) on hand$/,
			(m) => ({ need: m?.[1] ?? '?', item: m?.[2] ?? '', n: m?.[3] ?? '?' })
		],
		['prodIssue.stockShort', /^only (\S+) on hand at (.+)$/, (m) => ({ n: m?.[1] ?? '?', location: m?.[2] ?? '' })]
	]
};

/** Messages of the production schemas (server/production/schemas.ts) and zod's own for bare numbers. */
const BY_MESSAGE: [RegExp, MessageKey, Params][] = [
	[/^must be HH:MM$/, 'prodIssue.time', none],
	[/^must be a date YYYY-MM-DD$/, 'prodIssue.date', none],
	[/^must be between 1900-01-01 and 9999-12-31$/, 'prodIssue.date', none],
	[/^repeats an operation number$/, 'prodIssue.seqRepeats', none],
	[/^goodQty or scrapQty must be greater than 0$/, 'prodIssue.reportNothing', none],
	[/^must be at most (\d+) characters$/, 'prodIssue.tooLong', (m) => ({ n: m?.[1] ?? '' })],
	[/^Too small: expected array to have >=1 items$/, 'prodIssue.atLeastOne', none],
	[/^Too big: expected array to have <=(\d+) items$/, 'prodIssue.atMost', (m) => ({ n: m?.[1] ?? '' })],
	[/^Too small: expected number to be >=(\S+)$/, 'prodIssue.min', (m) => ({ n: m?.[1] ?? '' })],
	[/^Too big: expected number to be <=(\S+)$/, 'prodIssue.max', (m) => ({ n: m?.[1] ?? '' })],
	[/^Invalid input: expected number, received undefined$/, 'prodIssue.required', none],
	[/^Invalid input: expected number, received NaN$/, 'issue.number', none],
	[/^Invalid input: expected int, received number$/, 'issue.integer', none]
];

function worded(t: Translate, issue: FieldIssue): string | undefined {
	for (const [key, pattern, params] of (issue.code && BY_CODE[issue.code]) || []) {
		const m = pattern ? issue.message.match(pattern) : null;
		if (!pattern || m) return t(key, params?.(m, t));
	}
	for (const [pattern, key, params] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return t(key, params(m, t));
	}
	return undefined;
}

export function wordIssues(t: Translate, issues: readonly FieldIssue[]): FieldIssue[] {
	return issues.map((issue) => {
		const text = worded(t, issue);
		return text === undefined ? issue : { ...issue, message: text };
	});
}

/**
 * Issues on the order itself ("productionOrderId": it moved on meanwhile, it is closed) are about no
 * field of the order page's forms: shown without a path, as what happened to the whole order.
 */
export const aboutTheOrder = (issues: readonly FieldIssue[]): FieldIssue[] =>
	issues.map((i) => (i.path === 'productionOrderId' ? { ...i, path: '' } : i));
