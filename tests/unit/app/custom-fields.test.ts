import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n/index.ts';
import type { FieldIssue } from '../../../src/lib/components/issues.ts';
import { customFormValues, customInput, formatCustom, readCustomForm, wordCustomIssues, type CustomField } from '../../../src/lib/components/custom-fields.ts';

const fields: CustomField[] = [
	{ key: 'grade', labels: { 'zh-CN': '牌号', en: 'Grade' }, type: 'choice', required: true, choices: ['Q235', 'Q345'] },
	{ key: 'density', labels: { 'zh-CN': '密度', en: 'Density' }, type: 'number', required: false },
	{ key: 'note', labels: { 'zh-CN': '备注', en: 'Note' }, type: 'text', required: false }
];

function form(entries: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('custom fields in forms', () => {
	it('reads every custom.<key> posted and nothing else', () => {
		expect(readCustomForm(form([['name', 'Plate'], ['custom.grade', 'Q235'], ['custom.note', ' thin ']]))).toEqual({ grade: 'Q235', note: ' thin ' });
	});

	it('turns number fields into numbers and leaves out empty ones', () => {
		expect(customInput({ grade: 'Q235', density: '7.85', note: '  ' }, fields)).toEqual({ grade: 'Q235', density: 7.85 });
		expect(customInput({ grade: '', note: '' }, fields)).toBeUndefined();
	});

	it('passes what is not a number, or no field’s key, as typed so the command names it', () => {
		expect(customInput({ density: 'heavy', colour: 'red' }, fields)).toEqual({ density: 'heavy', colour: 'red' });
	});

	it('shows stored values as strings, and numbers in the page’s locale in lists', () => {
		expect(customFormValues({ grade: 'Q345', density: 7.9, gone: null })).toEqual({ grade: 'Q345', density: '7.9' });
		expect(formatCustom(fields[1], 1234.5, 'en')).toBe('1,234.5');
		expect(formatCustom(fields[0], undefined, 'zh-CN')).toBe('');
	});

	it('words the issues of custom fields in the page’s language and leaves the others alone', () => {
		const issues: FieldIssue[] = [
			{ path: 'custom.grade', message: 'is required', code: 'ERR_CUSTOM_REQUIRED', params: { key: 'grade' } },
			{ path: 'custom.grade', message: 'must be one of Q235, Q345', code: 'ERR_CUSTOM_INVALID', params: { key: 'grade', problem: 'ERR_INVALID_OPTION', options: 'Q235, Q345' } },
			{ path: 'custom.density', message: 'must be a number', code: 'ERR_CUSTOM_INVALID', params: { key: 'density', problem: 'ERR_NOT_A_NUMBER' } },
			{ path: 'name', message: 'must not be empty', code: 'ERR_EMPTY' }
		];
		expect(wordCustomIssues(translator('en'), issues).map((i) => i.message)).toEqual(['is required', 'must be one of Q235, Q345', 'must be a number', 'must not be empty']);
		expect(wordCustomIssues(translator('zh-CN'), issues).map((i) => i.message)).toEqual(['此项必填', '请从以下选项中选择：Q235, Q345', '必须是数字', 'must not be empty']);
	});
});
