// Messages of the no-code (custom) field pages, both languages side by side. The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'custom.section': '自定义字段',
	'custom.choose': '请选择',
	'custom.required': '必填',
	'custom.filterAll': '{label}：全部',
	'custom.filterFrom': '{label} 从',
	'custom.filterTo': '{label} 至',
	'custom.issue.required': '此项必填',
	'custom.issue.unknown': '没有这个字段',
	'custom.issue.date': '请填写日期（年-月-日）',
	'custom.issue.dateRange': '日期须在 1900-01-01 与 9999-12-31 之间',
	'custom.issue.choice': '请从以下选项中选择：{choices}',
	'custom.issue.tooLong': '最多 {n} 个字符'
};

const en: Record<keyof typeof zh, string> = {
	'custom.section': 'Custom fields',
	'custom.choose': 'Choose…',
	'custom.required': 'required',
	'custom.filterAll': '{label}: all',
	'custom.filterFrom': '{label} from',
	'custom.filterTo': '{label} to',
	'custom.issue.required': 'is required',
	'custom.issue.unknown': 'is not a defined field',
	'custom.issue.date': 'must be a date YYYY-MM-DD',
	'custom.issue.dateRange': 'must be between 1900-01-01 and 9999-12-31',
	'custom.issue.choice': 'must be one of {choices}',
	'custom.issue.tooLong': 'must be at most {n} characters'
};

export const custom = { 'zh-CN': zh, en };
