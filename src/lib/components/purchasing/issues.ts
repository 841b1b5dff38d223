// The purchasing forms' wording of their issues: the shared one (../issues.ts: by code and
// parameters), with the role a refused approval step is for in the page's words, and "choose one"
// for a choice left empty, which reads better under a list than "must not be empty".
import type { MessageKey } from '$lib/i18n';
import { wordIssues as worded, type FieldIssue, type Translate } from '../issues.ts';

const CHOICES: Record<string, MessageKey> = { reasonCode: 'po.issue.chooseReason', supplierId: 'po.issue.chooseSupplier' };

/** The issues with purchasing words; `roleNames` names the role a refused approval step is for. */
export function wordIssues(t: Translate, issues: readonly FieldIssue[], roleNames: Record<string, string> = {}): FieldIssue[] {
	return worded(t, issues, { role: roleNames }).map((w, i) => {
		const choice = CHOICES[w.path];
		return choice && issues[i].code === 'ERR_EMPTY' ? { ...w, message: t(choice) } : w;
	});
}
