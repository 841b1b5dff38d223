// Messages of the app shell: the menu button and the areas the menu groups its links under on phones
// and tablets. Keys start with "nav.". The English table must have exactly the Chinese table's keys:
// the types check it.
const zh = {
	'nav.menu': '菜单',
	'nav.label': '主导航',
	'nav.area.sales': '销售',
	'nav.area.purchasing': '采购',
	'nav.area.production': '生产',
	'nav.area.planning': '计划',
	'nav.area.inventory': '仓库',
	'nav.area.masterdata': '主数据',
	'nav.area.boards': '看板',
	'nav.area.settings': '设置'
};

const en: Record<keyof typeof zh, string> = {
	'nav.menu': 'Menu',
	'nav.label': 'Main',
	'nav.area.sales': 'Sales',
	'nav.area.purchasing': 'Purchasing',
	'nav.area.production': 'Production',
	'nav.area.planning': 'Planning',
	'nav.area.inventory': 'Inventory',
	'nav.area.masterdata': 'Master data',
	'nav.area.boards': 'Standup · review · screens',
	'nav.area.settings': 'Settings'
};

export const shell = { 'zh-CN': zh, en };
