// Messages of the production pages, both languages side by side. The English table must have exactly
// the Chinese table's keys: the types check it.
const zh = {
	'production.title': '生产'
} as const;

const en: Record<keyof typeof zh, string> = {
	'production.title': 'Production'
};

export const production = { 'zh-CN': zh, en };
