// Messages of the settings pages, both languages side by side. The English table must have exactly
// the Chinese table's keys: the types check it.
const zh = {
	'settings.title': '设置'
} as const;

const en: Record<keyof typeof zh, string> = {
	'settings.title': 'Settings'
};

export const settings = { 'zh-CN': zh, en };
