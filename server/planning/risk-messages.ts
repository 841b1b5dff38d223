// Risk causes in words. The event keeps the code, its parameters (dates as YYYY-MM-DD) and the English
// sentence; pages say it again in the reader's language from the code and parameters.
import { addDays } from '../shared/factory-date.ts';
import type { RiskCause } from './risk.ts';
import type { SupplyRef } from './types.ts';

export interface CauseParams {
	item: string;
	date: string;
	ref?: string;
	line?: string;
	supplier?: string;
}

export type StoredCauseCode = RiskCause['code'] | 'RISK_RECEIPT_LATE_DELAYED';

export interface StoredCause {
	code: StoredCauseCode;
	message: string;
	params: CauseParams;
	ref?: { kind: string; id: string; lineId?: string };
}

export type Lang = 'en' | 'zh-CN';

const mmdd = (iso: string) => iso.slice(5);

const refWords: Record<Lang, (ref: string, kind: string, line?: string) => string> = {
	en: (ref, kind, line) =>
		kind === 'purchase_order' ? `${ref} line ${line}` : kind === 'requisition' ? `requisition ${ref}` : kind === 'inspection' ? `goods in inspection ${ref}` : `production order ${ref}`,
	'zh-CN': (ref, kind, line) =>
		kind === 'purchase_order' ? `采购单 ${ref} 第 ${line} 行` : kind === 'requisition' ? `请购单 ${ref}` : kind === 'inspection' ? `待检货物 ${ref}` : `生产工单 ${ref}`
};

/** The sentence for a cause in a language, from its code and parameters only. */
export function causeMessage(code: string, p: CauseParams, lang: Lang, refKind = ''): string {
	const zh = lang === 'zh-CN';
	const what = p.ref ? refWords[lang](p.ref, refKind, p.line) : '';
	const from = p.supplier ? (zh ? `（供应商 ${p.supplier}）` : ` from ${p.supplier}`) : '';
	switch (code) {
		case 'RISK_RECEIPT_LATE_DELAYED':
			return zh ? `${what}${from}延期至 ${mmdd(p.date)}` : `${what}${from} delayed to ${mmdd(p.date)}`;
		case 'RISK_RECEIPT_LATE':
			return zh ? `${what}${from}${mmdd(p.date)} 才到货` : `${what}${from} arrives ${mmdd(p.date)}`;
		case 'RISK_ORDER_LATE':
			return zh ? `${what}（${p.item}）${mmdd(p.date)} 才完工` : `${what} for ${p.item} is due ${mmdd(p.date)}`;
		case 'RISK_NO_SUPPLY':
			return zh ? `${mmdd(p.date)} 前没有 ${p.item} 的计划供应` : `no supply planned for ${p.item} before ${mmdd(p.date)}`;
		case 'RISK_MAKE_LEAD_TIME':
			return zh ? `${p.item} 最早 ${mmdd(p.date)} 才能做完` : `${p.item} cannot be made before ${mmdd(p.date)}`;
		case 'RISK_PAST_DUE':
			return zh ? `交期 ${mmdd(p.date)} 已过，尚未发完` : `due ${mmdd(p.date)} and not shipped in full`;
		default:
			return code;
	}
}

function refOf(ref: SupplyRef): StoredCause['ref'] {
	return ref.kind === 'purchase_order' ? { kind: ref.kind, id: ref.id, lineId: ref.lineId } : { kind: ref.kind, id: ref.id };
}

/** A cause as the event stores it; `startDate` is the plan's bucket 0. */
export function storedCause(c: RiskCause, startDate: string): StoredCause {
	const params: CauseParams = { item: c.itemId, date: addDays(startDate, c.bucket) };
	let code: StoredCauseCode = c.code;
	let ref: StoredCause['ref'];
	if (c.code === 'RISK_RECEIPT_LATE' || c.code === 'RISK_ORDER_LATE') {
		ref = refOf(c.ref);
		params.ref = c.ref.id;
		if (c.ref.kind === 'purchase_order') params.line = c.ref.lineId;
		if (c.code === 'RISK_RECEIPT_LATE') {
			if (c.supplierId) params.supplier = c.supplierId;
			if (c.delayed) code = 'RISK_RECEIPT_LATE_DELAYED';
		}
	}
	return { code, message: causeMessage(code, params, 'en', ref?.kind), params, ...(ref ? { ref } : {}) };
}
