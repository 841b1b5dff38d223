// Messages of the promise-date hint on the new-order form, both languages side by side: the labels
// (keys "promise.") and the reasons of an answer of POST /api/planning/promise, worded by their code and
// parameters (server/planning/promise.ts PROMISE_REASONS), never by the server's English. The types
// require every reason code in both tables, with the parameters the server sends.
import type { PROMISE_REASONS, PromiseReasonCode, SupplyKind } from '$server/planning/promise.ts';

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

type Params<C extends PromiseReasonCode> = Parameters<(typeof PROMISE_REASONS)[C]>[0];

/** Formats what a reason names: dates (short within the current year), quantities, supply kinds. */
export interface ReasonWords {
	date(iso: string): string;
	num(n: number): string;
}

export type ReasonTexts = { [C in PromiseReasonCode]: (p: Params<C>, w: ReasonWords) => string };

const supplyZh: Record<SupplyKind, string> = {
	stock: '库存',
	planned_order: '计划订单',
	purchase_order: '采购订单',
	production_order: '生产订单',
	requisition: '请购单',
	inspection: '待检货物'
};
const supplyEn: Record<SupplyKind, string> = {
	stock: 'stock',
	planned_order: 'planned order',
	purchase_order: 'purchase order',
	production_order: 'production order',
	requisition: 'requisition',
	inspection: 'goods in inspection'
};
const statusZh: Record<string, string> = { down: '停机', maintenance: '维护中' };
const daysEn = (n: number) => (n === 1 ? '1 day' : `${n} days`);

const reasonsZh: ReasonTexts = {
	PROMISE_NO_PLAN: () => '尚未运行物料计划：按库存和提前期估算',
	PROMISE_STOCK: (p, w) => `${p.itemId} 可用库存 ${w.num(p.qty)}`,
	PROMISE_FREE: (p, w) => `${p.itemId} ${w.date(p.date)} 可用 ${w.num(p.qty)}（${supplyZh[p.supply] ?? p.supply}${p.supplyId ? ' ' + p.supplyId : ''}）`,
	PROMISE_MAKE: (p, w) => `生产 ${w.num(p.qty)} ${p.itemId}，${w.date(p.start)} 开工（提前期 ${p.days} 天）`,
	PROMISE_BUY: (p, w) => `采购 ${w.num(p.qty)} ${p.itemId}，最迟 ${w.date(p.orderBy)} 下单（提前期 ${p.days} 天${p.supplierId ? `，供应商 ${p.supplierId}` : ''}）`,
	PROMISE_LEAD_TIME: (p) => `${p.level > 0 ? '组件 ' : ''}${p.itemId} 提前期 ${p.days} 天${p.supplierId ? `（供应商 ${p.supplierId}）` : ''}`,
	PROMISE_CAPACITY: (p, w) => `${p.workCenterId} 产能紧张：${p.itemId} 的 ${w.num(p.minutes)} 分钟最早 ${w.date(p.date)} 完成`,
	PROMISE_WC_FULL: (p, w) => `${p.workCenterId} 已排满至 ${w.date(p.date)}`,
	PROMISE_WC_DOWN: (p) => `${p.workCenterId} 当前${statusZh[p.status] ?? p.status}`,
	PROMISE_REQUESTED: (p, w) => `按要求交期 ${w.date(p.date)} 承诺`,
	PROMISE_HORIZON: (p) => `${p.days} 天内无法完成，请与计划员确认`
};

const reasonsEn: ReasonTexts = {
	PROMISE_NO_PLAN: () => 'no plan has run yet: the date comes from stock on hand and lead times',
	PROMISE_STOCK: (p, w) => `${p.itemId} free stock ${w.num(p.qty)}`,
	PROMISE_FREE: (p, w) => `${p.itemId} free ${w.num(p.qty)} on ${w.date(p.date)} (${supplyEn[p.supply] ?? p.supply}${p.supplyId ? ' ' + p.supplyId : ''})`,
	PROMISE_MAKE: (p, w) => `make ${w.num(p.qty)} ${p.itemId} from ${w.date(p.start)} (lead time ${daysEn(p.days)})`,
	PROMISE_BUY: (p, w) =>
		`buy ${w.num(p.qty)} ${p.itemId} by ${w.date(p.orderBy)} (lead time ${daysEn(p.days)}${p.supplierId ? ` from supplier ${p.supplierId}` : ''})`,
	PROMISE_LEAD_TIME: (p) => `${p.level > 0 ? 'component ' : ''}${p.itemId} lead time ${daysEn(p.days)}${p.supplierId ? ` from supplier ${p.supplierId}` : ''}`,
	PROMISE_CAPACITY: (p, w) => `${p.workCenterId} has room for the ${w.num(p.minutes)} min of ${p.itemId} only by ${w.date(p.date)}`,
	PROMISE_WC_FULL: (p, w) => `${p.workCenterId} full until ${w.date(p.date)}`,
	PROMISE_WC_DOWN: (p) => `${p.workCenterId} is ${p.status} now`,
	PROMISE_REQUESTED: (p, w) => `promised for the requested date ${w.date(p.date)}`,
	PROMISE_HORIZON: (p) => `cannot be made within ${daysEn(p.days)}: ask the planner`
};

export const promiseReasons = { 'zh-CN': reasonsZh, en: reasonsEn };
