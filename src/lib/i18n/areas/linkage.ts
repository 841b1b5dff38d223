// Messages of plan-to-order linkage: the per-category settings page (src/routes/planning/settings) and
// what firmed documents say about the demand they serve. Keys start with "link.". The English table
// must have exactly the Chinese table's keys: the types check it.
const zh = {
	'link.title': '计划下达方式',
	'link.intro':
		'按物料类别决定计划订单怎样变成单据：“建议”时由计划员在工作台上确认下达；“自动”时，计划运行后，下达日期在今天起若干天内（或已逾期）的计划订单由系统自动下达——外购件生成采购申请（按审批规则审批），自制件生成草稿生产订单。没有类别的物料、以及下面未单独设置的类别，按“默认”一行处理。',
	'link.category': '物料类别',
	'link.default': '默认',
	'link.defaultHint': '无类别的物料，以及未单独设置的类别',
	'link.items': '物料数',
	'link.mode': '下达方式',
	'link.mode.suggest': '建议',
	'link.mode.auto': '自动',
	'link.mode.suggestHint': '计划员确认后下达',
	'link.mode.autoHint': '在时间窗内自动下达',
	'link.windowDays': '时间窗（天）',
	'link.windowHint': '下达日期在今天起这么多天内的计划订单自动下达（0–365）',
	'link.inherited': '沿用默认',
	'link.changed': '最近修改',
	'link.editTitle': '修改“{name}”',
	'link.newTitle': '设置一个类别',
	'link.newHint': '为还没有物料使用的类别预先设置；留空物料类别即修改默认一行。',
	'link.saved': '已保存：{name}',
	'link.days': '{n} 天',
	'link.serves': '满足客户订单',
	'link.servesNone': '计划中没有追溯到客户订单',
	'link.fromPlan': '来自计划订单',
	'link.safetyStock': '安全库存',
	'link.forecast': '预测 {date}',
	'link.stock': '备库（无具体需求）'
};

const en: Record<keyof typeof zh, string> = {
	'link.title': 'Plan-to-order linkage',
	'link.intro':
		'Per item category, how planned orders become documents. "Suggest": a planner firms them on the workbench. "Auto": after each plan run, planned orders releasing within the window from today (or already late) are firmed by the system — a purchase requisition for bought items (approved by the approval rules), a draft production order for made ones. Items without a category, and categories without a row of their own, follow the default row.',
	'link.category': 'Item category',
	'link.default': 'Default',
	'link.defaultHint': 'Items without a category, and categories not set here',
	'link.items': 'Items',
	'link.mode': 'Mode',
	'link.mode.suggest': 'Suggest',
	'link.mode.auto': 'Auto',
	'link.mode.suggestHint': 'a planner firms them',
	'link.mode.autoHint': 'firmed within the window',
	'link.windowDays': 'Window (days)',
	'link.windowHint': 'Planned orders releasing within this many days from today are firmed (0–365)',
	'link.inherited': 'follows the default',
	'link.changed': 'Last changed',
	'link.editTitle': 'Change “{name}”',
	'link.newTitle': 'Set a category',
	'link.newHint': 'Set a category before any item uses it; leave the category empty to change the default row.',
	'link.saved': 'Saved: {name}',
	'link.days': '{n} day||{n} days',
	'link.serves': 'Serves customer orders',
	'link.servesNone': 'The plan pegs it to no customer order',
	'link.fromPlan': 'From planned order',
	'link.safetyStock': 'safety stock',
	'link.forecast': 'forecast {date}',
	'link.stock': 'stock (no particular demand)'
};

export const linkage = { 'zh-CN': zh, en };
