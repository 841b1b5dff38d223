import { describe, expect, it } from 'vitest';
import { issueText, wordIssues, type FieldIssue } from '../../../src/lib/components/issues.ts';
import { wordIssues as purchasingWords } from '../../../src/lib/components/purchasing/issues.ts';
import { translator } from '../../../src/lib/i18n/index.ts';

const zh = translator('zh-CN');
const en = translator('en');

describe('field issues in the page’s language', () => {
	it('words an issue by its code and parameters', () => {
		const issue: FieldIssue = { path: 'qty', message: 'only 3 open on this line', code: 'ERR_SO_OVER_SHIPMENT', params: { open: 3 } };
		expect(issueText(zh, issue)).toBe('超出未发数量（本行仅剩 3）');
		expect(issueText(en, issue)).toBe('more than is open on this line (only 3)');
	});

	it('shows the message of an issue without a code (already worded); without the parameters its words need, the English page the server’s message, the Chinese one the general words', () => {
		expect(issueText(zh, { path: 'x', message: 'something else' })).toBe('something else');
		expect(issueText(en, { path: 'qty', message: 'only 3 open on this line', code: 'ERR_SO_OVER_SHIPMENT' })).toBe('only 3 open on this line');
		expect(issueText(zh, { path: 'qty', message: 'only 3 open on this line', code: 'ERR_SO_OVER_SHIPMENT' })).toBe('无效');
	});

	it('words parameter values the page knows better, and words each issue once', () => {
		const refused: FieldIssue[] = [{ path: 'requisitionId', message: 'step 2 is for the role manager', code: 'ERR_REQ_NOT_YOUR_STEP', params: { step: 2, role: 'manager' } }];
		const worded = purchasingWords(zh, refused, { manager: '经理' });
		expect(worded).toEqual([{ path: 'requisitionId', message: '第 2 步须由「经理」审批' }]);
		expect(issueText(zh, worded[0])).toBe('第 2 步须由「经理」审批');
	});

	it('asks to choose a reason or a supplier left empty in purchasing forms', () => {
		const empty: FieldIssue[] = [
			{ path: 'reasonCode', message: 'must not be empty', code: 'ERR_EMPTY', params: {} },
			{ path: 'note', message: 'must not be empty', code: 'ERR_EMPTY', params: {} }
		];
		expect(purchasingWords(en, empty).map((i) => i.message)).toEqual(['choose a reason', 'must not be empty']);
		expect(wordIssues(en, empty).map((i) => i.message)).toEqual(['must not be empty', 'must not be empty']);
	});
});
