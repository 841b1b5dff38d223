// Messages of the customer and supplier pages, both languages side by side. The English table must have exactly the
// Chinese table's keys: the types check it.
const zh = {
	'nav.customers': '客户',
	'nav.suppliers': '供应商'
};

const en: Record<keyof typeof zh, string> = {
	'nav.customers': 'Customers',
	'nav.suppliers': 'Suppliers'
};

export const partners = { 'zh-CN': zh, en };
