// Promise reasons in words, zh-CN and en, from their code and parameters only (promise.ts keeps both
// on each reason). The engine words them in English; the API and the pages say them again in the
// reader's language. Dates show as MM-DD within the factory's current year.
export type Lang = 'en' | 'zh-CN';

export type SupplyKind = 'stock' | 'planned_order' | 'purchase_order' | 'production_order' | 'requisition' | 'inspection';

/** The parameters of each reason code (dates YYYY-MM-DD). */
export interface ReasonParamsByCode {
	/** No plan has run: the answer comes from stock on hand and lead times. */
	PROMISE_NO_PLAN: Record<string, never>;
	/** Free stock of the item now. */
	PROMISE_STOCK: { itemId: string; qty: number };
	/** A supply no demand takes, free from `date`. */
	PROMISE_FREE: { itemId: string; qty: number; date: string; supply: SupplyKind; supplyId?: string };
	/** `qty` made, started on `start`, with the item's lead time. */
	PROMISE_MAKE: { itemId: string; qty: number; start: string; days: number };
	/** `qty` bought, ordered by `orderBy`, with the preferred supplier's (else the item's) lead time. */
	PROMISE_BUY: { itemId: string; qty: number; orderBy: string; days: number; supplierId?: string };
	/** What stops an earlier date: a lead time (`level` 0 the item asked for, deeper a component). */
	PROMISE_LEAD_TIME: { itemId: string; days: number; level: number; supplierId?: string };
	/** What stops an earlier date: room for the item's minutes at a work centre only by `date`. */
	PROMISE_CAPACITY: { workCenterId: string; itemId: string; minutes: number; date: string };
	/** A work centre with no free minutes from today until `date`. */
	PROMISE_WC_FULL: { workCenterId: string; date: string };
	/** A work centre the answer needs is stopped now. */
	PROMISE_WC_DOWN: { workCenterId: string; status: string };
	/** The requested date is later than the earliest: it is what is promised. */
	PROMISE_REQUESTED: { date: string };
	/** Not possible within the days searched. */
	PROMISE_HORIZON: { days: number };
}

export type PromiseReasonCode = keyof ReasonParamsByCode;

type Texts = { [C in PromiseReasonCode]: (p: ReasonParamsByCode[C], w: Words) => string };

interface Words {
	date(iso: string): string;
	num(n: number): string;
}

const SUPPLY: Record<Lang, Record<SupplyKind, string>> = {
	en: {
		stock: 'stock',
		planned_order: 'planned order',
		purchase_order: 'purchase order',
		production_order: 'production order',
		requisition: 'requisition',
		inspection: 'goods in inspection'
	},
	'zh-CN': { stock: '库存', planned_order: '计划订单', purchase_order: '采购订单', production_order: '生产工单', requisition: '请购单', inspection: '待检货物' }
};

const STATUS_ZH: Record<string, string> = { down: '停机', maintenance: '维护中' };
const daysEn = (n: number) => (n === 1 ? '1 day' : `${n} days`);
const supply = (lang: Lang, p: { supply: SupplyKind; supplyId?: string }) => `${SUPPLY[lang][p.supply] ?? p.supply}${p.supplyId ? ' ' + p.supplyId : ''}`;

const TEXTS: Record<Lang, Texts> = {
	en: {
		PROMISE_NO_PLAN: () => 'no plan has run yet: the date comes from stock on hand and lead times',
		PROMISE_STOCK: (p, w) => `${p.itemId} free stock ${w.num(p.qty)}`,
		PROMISE_FREE: (p, w) => `${p.itemId} free ${w.num(p.qty)} on ${w.date(p.date)} (${supply('en', p)})`,
		PROMISE_MAKE: (p, w) => `make ${w.num(p.qty)} ${p.itemId} from ${w.date(p.start)} (lead time ${daysEn(p.days)})`,
		PROMISE_BUY: (p, w) =>
			`buy ${w.num(p.qty)} ${p.itemId} by ${w.date(p.orderBy)} (lead time ${daysEn(p.days)}${p.supplierId ? ` from supplier ${p.supplierId}` : ''})`,
		PROMISE_LEAD_TIME: (p) => `${p.level > 0 ? 'component ' : ''}${p.itemId} lead time ${daysEn(p.days)}${p.supplierId ? ` from supplier ${p.supplierId}` : ''}`,
		PROMISE_CAPACITY: (p, w) => `${p.workCenterId} has room for the ${w.num(p.minutes)} min of ${p.itemId} only by ${w.date(p.date)}`,
		PROMISE_WC_FULL: (p, w) => `${p.workCenterId} full until ${w.date(p.date)}`,
		PROMISE_WC_DOWN: (p) => `${p.workCenterId} is ${p.status} now`,
		PROMISE_REQUESTED: (p, w) => `promised for the requested date ${w.date(p.date)}`,
		PROMISE_HORIZON: (p) => `cannot be made within ${daysEn(p.days)}: ask the planner`
	},
	'zh-CN': {
		PROMISE_NO_PLAN: () => '尚未运行物料计划：按库存和提前期估算',
		PROMISE_STOCK: (p, w) => `${p.itemId} 可用库存 ${w.num(p.qty)}`,
		PROMISE_FREE: (p, w) => `${p.itemId} ${w.date(p.date)} 可用 ${w.num(p.qty)}（${supply('zh-CN', p)}）`,
		PROMISE_MAKE: (p, w) => `生产 ${w.num(p.qty)} ${p.itemId}，${w.date(p.start)} 开工（提前期 ${p.days} 天）`,
		PROMISE_BUY: (p, w) => `采购 ${w.num(p.qty)} ${p.itemId}，最迟 ${w.date(p.orderBy)} 下单（提前期 ${p.days} 天${p.supplierId ? `，供应商 ${p.supplierId}` : ''}）`,
		PROMISE_LEAD_TIME: (p) => `${p.level > 0 ? '组件 ' : ''}${p.itemId} 提前期 ${p.days} 天${p.supplierId ? `（供应商 ${p.supplierId}）` : ''}`,
		PROMISE_CAPACITY: (p, w) => `${p.workCenterId} 产能紧张：${p.itemId} 的 ${w.num(p.minutes)} 分钟最早 ${w.date(p.date)} 完成`,
		PROMISE_WC_FULL: (p, w) => `${p.workCenterId} 已排满至 ${w.date(p.date)}`,
		PROMISE_WC_DOWN: (p) => `${p.workCenterId} 当前${STATUS_ZH[p.status] ?? p.status}`,
		PROMISE_REQUESTED: (p, w) => `按要求交期 ${w.date(p.date)} 承诺`,
		PROMISE_HORIZON: (p) => `${p.days} 天内无法完成，请与计划员确认`
	}
};

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** A reason in words; `today` (YYYY-MM-DD) decides which dates show without their year. */
export function reasonMessage<C extends PromiseReasonCode>(code: C, params: ReasonParamsByCode[C], lang: Lang, today: string): string {
	const words: Words = { date: (iso) => (iso.slice(0, 4) === today.slice(0, 4) ? iso.slice(5) : iso), num };
	const text = TEXTS[lang][code] as ((p: ReasonParamsByCode[C], w: Words) => string) | undefined;
	return text ? text(params, words) : code;
}
