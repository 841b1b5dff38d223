// Messages of the promise-date hint on the new-order form, both languages side by side (keys
// "promise."). The reasons of an answer come from POST /api/planning/promise already in the reader's
// language (server/planning/promise-messages.ts).

const zh = {
	'promise.proposed': '建议交期',
	'promise.use': '采用',
	'promise.useTitle': '把建议交期填为承诺交期',
	'promise.working': '正在计算建议交期…',
	'promise.why': '依据',
	'promise.failed': '无法给出建议交期',
	'promise.basis.stock': '现货',
	'promise.basis.atp': '可承诺量',
	'promise.basis.ctp': '需生产/采购',
	'promise.basisHint.stock': '现有可用库存足够',
	'promise.basisHint.atp': '计划中尚未分配的供应足够',
	'promise.basisHint.ctp': '需要生产或采购缺口数量',
	'promise.formHint': '填写物料和数量后，每行会给出建议交期；点“采用”即填为承诺交期，保存订单时一并承诺。'
};

const en: Record<keyof typeof zh, string> = {
	'promise.proposed': 'Proposed',
	'promise.use': 'Use',
	'promise.useTitle': 'Take the proposed date as the promised date',
	'promise.working': 'Working out a date…',
	'promise.why': 'Why',
	'promise.failed': 'No date can be proposed',
	'promise.basis.stock': 'from stock',
	'promise.basis.atp': 'available to promise',
	'promise.basis.ctp': 'to make or buy',
	'promise.basisHint.stock': 'free stock on hand covers it',
	'promise.basisHint.atp': 'supply in the plan that no order takes covers it',
	'promise.basisHint.ctp': 'the shortfall has to be made or bought',
	'promise.formHint': 'Once a line has an item and a quantity it shows a proposed date; “Use” makes it the promised date, promised when the order is saved.'
};

export const promise = { 'zh-CN': zh, en };
