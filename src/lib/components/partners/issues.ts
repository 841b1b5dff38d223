// Words for the issues of the customer, supplier and supplier-item forms. The shared table
// (../issues.ts) words the stock messages (empty, not a number, negative…); these forms pass their
// issues through `wordIssues` first, so their own codes and the few schema messages the shared table
// does not know get text in the page's language. Anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';

const BY_CODE: Record<string, MessageKey> = {
	ERR_CUSTOMER_EXISTS: 'partner.issue.customerExists',
	ERR_SUPPLIER_EXISTS: 'partner.issue.supplierExists',
	ERR_SUPPLIER_ITEM_EXISTS: 'partner.issue.supplierItemExists',
	ERR_UNKNOWN_ITEM: 'partner.issue.unknownItem',
	ERR_UNKNOWN_SUPPLIER: 'partner.issue.unknownSupplier'
};

const BY_MESSAGE: [RegExp, MessageKey, (m: RegExpMatchArray) => Record<string, string>][] = [
	[/^must be at most (\d+) characters$/, 'partner.issue.tooLong', (m) => ({ n: m[1] })],
	[/^must be at most (\d+)$/, 'partner.issue.atMost', (m) => ({ n: m[1] })],
	[/^must be 0 or at least (\S+)$/, 'partner.issue.tooSmall', (m) => ({ n: m[1] })],
	[/^must not contain control characters$/, 'partner.issue.control', () => ({})]
];

function worded(t: Translate, issue: FieldIssue): string | undefined {
	const byCode = issue.code ? BY_CODE[issue.code] : undefined;
	if (byCode) return t(byCode);
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
