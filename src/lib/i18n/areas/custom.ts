// Messages of the no-code (custom) field pages, both languages side by side. The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'custom.section': '自定义字段'
};

const en: Record<keyof typeof zh, string> = {
	'custom.section': 'Custom fields'
};

export const custom = { 'zh-CN': zh, en };
