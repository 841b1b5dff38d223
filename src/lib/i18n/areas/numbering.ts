// Messages of document numbering (the settings page src/routes/settings/numbering and the number hint
// of the new-document forms) and of the past-date confirmation the forms offer. Keys start with
// "numbering." or "pastDate.". The English table must have exactly the Chinese table's keys: the types check it.
const zh = {
	'numbering.title': '单据编号',
	'numbering.hint': '销售订单、采购订单、采购申请和生产订单的自动编号格式',
	'numbering.intro':
		'新单据不填编号时，按这里的格式自动编号；手工填写的编号照样接受（不能重复）。格式由字母、数字、- _ . 和占位符组成：{yyyy} 四位年、{yy} 两位年、{mm} 月、{dd} 日（按工厂日期），以及恰好一个 {seq:N}——补零到 N 位（3–9）的流水号。格式中的日期部分变化时（例如跨年），流水号从 1 重新开始。',
	'numbering.kind': '单据',
	'numbering.kind.sales_order': '销售订单',
	'numbering.kind.purchase_order': '采购订单',
	'numbering.kind.requisition': '采购申请',
	'numbering.kind.production_order': '生产订单',
	'numbering.pattern': '编号格式',
	'numbering.next': '下一个编号',
	'numbering.preview': '预览：{number}',
	'numbering.default': '默认',
	'numbering.save': '保存',
	'numbering.auto': '自动编号：{number}',
	'numbering.autoAny': '留空则自动编号',
	'pastDate.confirm': '仍使用过去的日期',
	'pastDate.hint': '标出的日期早于今天。确认无误后勾选此项并再次保存。'
};

const en: Record<keyof typeof zh, string> = {
	'numbering.title': 'Document numbers',
	'numbering.hint': 'How sales orders, purchase orders, requisitions and production orders are numbered',
	'numbering.intro':
		'A new document saved without a number takes the next number of its pattern here; a number typed in is still taken (it must be new). A pattern holds letters, digits, - _ . and tokens: {yyyy} the year, {yy} its last two digits, {mm} the month, {dd} the day (the factory date), and exactly one {seq:N}, the running number padded with zeros to N digits (3–9). The running number starts again at 1 whenever the date part of the pattern changes (a new year, say).',
	'numbering.kind': 'Document',
	'numbering.kind.sales_order': 'Sales order',
	'numbering.kind.purchase_order': 'Purchase order',
	'numbering.kind.requisition': 'Requisition',
	'numbering.kind.production_order': 'Production order',
	'numbering.pattern': 'Pattern',
	'numbering.next': 'Next number',
	'numbering.preview': 'Preview: {number}',
	'numbering.default': 'default',
	'numbering.save': 'Save',
	'numbering.auto': 'assigned automatically: {number}',
	'numbering.autoAny': 'leave empty to number it automatically',
	'pastDate.confirm': 'Use the past date anyway',
	'pastDate.hint': 'The date marked is before today. Tick this and save again if it is right.'
};

export const numbering = { 'zh-CN': zh, en };
