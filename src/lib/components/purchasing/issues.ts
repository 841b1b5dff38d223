// Words for the issues purchasing commands report. The shared table (../issues.ts) knows the item
// pages' codes; the purchasing forms pass their issues through `wordIssues` first: a purchasing code
// (or a purchasing schema message) gets its text in the page's language, which the shared FieldError
// and FormIssues then show as the issue's message. Anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';

type Params = (m: RegExpMatchArray | null, roleName: (role: string) => string) => Record<string, string | number>;
const none: Params = () => ({});

/** By code; the pattern, where there is one, picks values out of the server's message. */
const BY_CODE: Record<string, [MessageKey, RegExp?, Params?]> = {
	ERR_REQ_EXISTS: ['req.issue.exists'],
	ERR_REQ_UNKNOWN: ['req.issue.unknown'],
	ERR_REQ_NOT_PENDING: ['req.issue.notPending'],
	ERR_REQ_NOT_YOUR_STEP: ['req.issue.notYourStep', /^step (\d+) is for the role (\S+)$/, (m, role) => ({ step: m?.[1] ?? '?', role: role(m?.[2] ?? '') })],
	ERR_NO_APPROVAL_RULE: ['req.issue.noRule'],
	ERR_UNKNOWN_ITEM: ['po.issue.unknownItem'],
	ERR_UNKNOWN_SUPPLIER: ['po.issue.unknownSupplier'],
	ERR_PO_EXISTS: ['po.issue.exists'],
	ERR_REQ_NOT_APPROVED: ['po.issue.reqNotApproved'],
	ERR_PO_UNKNOWN_LINE: ['po.issue.unknownLine'],
	ERR_UNKNOWN_REASON: ['po.issue.unknownReason'],
	ERR_REASON_REQUIRED: ['po.issue.reasonRequired'],
	ERR_PO_OVER_RECEIPT: ['po.issue.overReceipt', /^only (\S+) still to receive/, (m) => ({ n: m?.[1] ?? '?' })],
	ERR_INSPECTION_EXCEEDS_RECEIPT: ['po.issue.exceedsReceipt', /^only (\S+) received/, (m) => ({ n: m?.[1] ?? '?' })]
};

/** Messages of the purchasing schemas (server/purchasing/schemas.ts, the order event's schema). */
const BY_MESSAGE: [RegExp, MessageKey, Params][] = [
	[/^must be a date YYYY-MM-DD$/, 'po.issue.date', none],
	[/^must be between 1900-01-01 and 9999-12-31$/, 'po.issue.date', none],
	[/^must have at least one line$/, 'po.issue.noLines', none],
	[/^acceptedQty or rejectedQty must be greater than 0$/, 'po.issue.inspectNothing', none],
	[/^must be at most (\d+) characters$/, 'po.issue.tooLong', (m) => ({ n: m?.[1] ?? '' })],
	// Line numbers in messages count from 0, like the paths; people count from 1.
	[/^duplicates line (\d+)$/, 'issue.repeats', (m) => ({ line: Number(m?.[1]) + 1 })]
];

/** A choice left empty: "choose one" reads better than "must not be empty" under a list. */
const CHOICES: Record<string, MessageKey> = { reasonCode: 'po.issue.chooseReason', supplierId: 'po.issue.chooseSupplier' };

function worded(t: Translate, issue: FieldIssue, roleName: (role: string) => string): string | undefined {
	const choice = CHOICES[issue.path];
	if (choice && issue.message === 'must not be empty') return t(choice);
	const byCode = issue.code ? BY_CODE[issue.code] : undefined;
	if (byCode) {
		const [key, pattern, params] = byCode;
		return t(key, params?.(pattern ? issue.message.match(pattern) : null, roleName));
	}
	for (const [pattern, key, params] of BY_MESSAGE) {
		const m = issue.message.match(pattern);
		if (m) return t(key, params(m, roleName));
	}
	return undefined;
}

/** The issues with purchasing words; `roleNames` names the role a refused approval step is for. */
export function wordIssues(t: Translate, issues: readonly FieldIssue[], roleNames: Record<string, string> = {}): FieldIssue[] {
	const roleName = (role: string) => roleNames[role] ?? role;
	return issues.map((issue) => {
		const text = worded(t, issue, roleName);
		return text === undefined ? issue : { ...issue, message: text };
	});
}
