// Messages of the purchasing pages, both languages side by side (kept apart from the base
// dictionaries so each area's messages live with it). Keys start with "po." or "req.". The English
// table must have exactly the Chinese table's keys: the types check it.
const zh = {
	'req.title': '采购申请'
} as const;

const en: Record<keyof typeof zh, string> = {
	'req.title': 'Requisitions'
};

export const purchasing = { 'zh-CN': zh, en };
