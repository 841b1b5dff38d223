// Words for the issues the settings and import forms get back: codes of the user command and of the
// pages' own checks, and the messages of the schemas they validate against (users, tokens, reason
// codes, approval rules, custom fields). As in the sales forms, issues pass through `wordIssues`
// first and the shared FieldError and FormIssues show the result; anything else passes unchanged.
import type { MessageKey } from '$lib/i18n';
import type { FieldIssue, Translate } from '../issues.ts';

type Params = (m: RegExpMatchArray) => Record<string, string | number>;
const none: Params = () => ({});

const BY_CODE: Record<string, MessageKey> = {
	ERR_USER_EXISTS: 'settings.issue.userExists',
	ERR_USER_SELF: 'settings.issue.userSelf',
	ERR_WRONG_PASSWORD: 'settings.issue.wrongPassword',
	ERR_REASON_EXISTS: 'settings.issue.reasonExists',
	ERR_RULE_EXISTS: 'settings.issue.ruleExists',
	ERR_FIELD_EXISTS: 'settings.issue.fieldExists',
	ERR_TOKEN_UNKNOWN: 'settings.issue.tokenUnknown',
	ERR_TOKEN_FROM_ENV: 'settings.issue.tokenFromEnv',
	ERR_IMPORT_KIND: 'import.issue.kind',
	ERR_IMPORT_NO_FILE: 'import.issue.noFile',
	ERR_IMPORT_FILE_TYPE: 'import.issue.fileType',
	ERR_IMPORT_TOO_LARGE: 'import.issue.tooLarge',
	ERR_IMPORT_UNREADABLE: 'import.issue.unreadable'
};

const BY_MESSAGE: [RegExp, MessageKey, Params][] = [
	[/^letters, digits, dot, dash and underscore only$/, 'settings.issue.usernameChars', none],
	[/^must be at least 8 characters$/, 'settings.issue.passwordLength', none],
	[/^must have at least one role$/, 'settings.issue.oneRole', none],
	[/^must differ from the current password$/, 'settings.issue.samePassword', none],
	[/^must change displayName, roles, department or locale$/, 'settings.issue.userUnchanged', none],
	[/^must be at most (\d+) characters$/, 'settings.issue.tooLong', (m) => ({ n: m[1] })],
	[/^lower-case letters, digits and _, starting with a letter$/, 'settings.issue.fieldKey', none],
	[/^choices are required for, and only for, type choice$/, 'settings.issue.choices', none],
	[/^is not a known event type$/, 'settings.issue.unknownEventType', none],
	[/^Invalid input: expected \w+, received undefined$/, 'settings.issue.required', none],
	[/^Invalid input: expected number, received NaN$/, 'issue.number', none],
	[/^Invalid input: expected int, received number$/, 'issue.integer', none],
	[/^Too big: expected number to be <=(\d+)$/, 'settings.issue.max', (m) => ({ n: m[1] })],
	[/^Too small: expected number to be >=(\d+)$/, 'settings.issue.min', (m) => ({ n: m[1] })],
	[/^Too big: expected array to have <=(\d+) items$/, 'settings.issue.tooMany', (m) => ({ n: m[1] })]
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

/**
 * Issues on one entry of a list typed as one field ("categories.2", "screens.0") moved to that
 * field, the entry named in the message, so the field shows them.
 */
export function onListFields(issues: readonly FieldIssue[], fields: readonly string[], values: Record<string, readonly string[]>): FieldIssue[] {
	return issues.map((issue) => {
		const field = fields.find((f) => issue.path.startsWith(f + '.') && /^\d+$/.test(issue.path.slice(f.length + 1)));
		if (!field) return issue;
		const entry = values[field]?.[Number(issue.path.slice(field.length + 1))];
		return { ...issue, path: field, message: entry === undefined ? issue.message : `"${entry}": ${issue.message}` };
	});
}
