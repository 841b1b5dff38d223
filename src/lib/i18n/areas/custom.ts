// Messages of the no-code (custom) field pages, both languages side by side. The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'custom.section': '自定义字段',
	'custom.choose': '请选择',
	'custom.required': '必填',
	'custom.filterAll': '{label}：全部',
	'custom.filterFrom': '{label} 从',
	'custom.filterTo': '{label} 至'
};

const en: Record<keyof typeof zh, string> = {
	'custom.section': 'Custom fields',
	'custom.choose': 'Choose…',
	'custom.required': 'required',
	'custom.filterAll': '{label}: all',
	'custom.filterFrom': '{label} from',
	'custom.filterTo': '{label} to'
};

export const custom = { 'zh-CN': zh, en };
