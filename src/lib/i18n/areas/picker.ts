// Messages of the pickers that choose an item, customer, supplier, work centre or location in the
// forms (src/lib/components/Picker.svelte), both languages side by side (keys "picker.").

const zh = {
	'picker.loading': '正在查找…',
	'picker.none': '没有匹配的记录，可直接输入编码',
	'picker.failed': '暂时无法查找，可直接输入编码',
	'picker.count': '{n} 条匹配，用上下方向键选择，回车确定'
};

const en: Record<keyof typeof zh, string> = {
	'picker.loading': 'Searching…',
	'picker.none': 'Nothing matches; a code can still be typed',
	'picker.failed': 'Search unavailable; a code can still be typed',
	'picker.count': '{n} match(es): arrow keys to move, Enter to choose'
};

export const picker = { 'zh-CN': zh, en };
