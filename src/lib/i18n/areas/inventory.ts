// Messages of the inventory pages, both languages side by side. The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'nav.inventory': '库存'
};

const en: Record<keyof typeof zh, string> = {
	'nav.inventory': 'Inventory'
};

export const inventory = { 'zh-CN': zh, en };
