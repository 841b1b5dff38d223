// Exception messages in words, zh-CN and en, from what the plan stored (kind, item, order, date,
// days, quantity). The API answers them in the reader's language; pages may word them again from
// the same fields.
export type Lang = 'en' | 'zh-CN';

export interface ExceptionFacts {
	kind: 'expedite' | 'defer' | 'cancel' | 'past_due' | 'shortage';
	itemId: string;
	ref?: { kind: string; id: string; lineId?: string };
	date?: string;
	days?: number;
	qty?: number;
}

const num = (n: number | undefined) => (n === undefined ? '' : String(Math.round(n * 1e6) / 1e6));

function what(ref: ExceptionFacts['ref'], lang: Lang): string {
	const zh = lang === 'zh-CN';
	if (!ref) return '';
	switch (ref.kind) {
		case 'purchase_order':
			return zh ? `采购单 ${ref.id} 第 ${ref.lineId} 行` : `purchase order ${ref.id} line ${ref.lineId}`;
		case 'production_order':
			return zh ? `生产工单 ${ref.id}` : `production order ${ref.id}`;
		case 'requisition':
			return zh ? `请购单 ${ref.id}` : `requisition ${ref.id}`;
		case 'inspection':
			return zh ? `采购单 ${ref.id} 第 ${ref.lineId} 行的待检货物` : `goods in inspection from purchase order ${ref.id} line ${ref.lineId}`;
		case 'planned_order':
			return zh ? `计划订单 ${ref.id}` : `planned order ${ref.id}`;
		default:
			return `${ref.kind} ${ref.id}`;
	}
}

const dayWords = (n: number | undefined, lang: Lang) => (lang === 'zh-CN' ? `${num(n)} 天` : n === 1 ? '1 day' : `${num(n)} days`);

export function exceptionMessage(e: ExceptionFacts, lang: Lang): string {
	const s = sentence(e, lang);
	return lang === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function sentence(e: ExceptionFacts, lang: Lang): string {
	const zh = lang === 'zh-CN';
	const order = what(e.ref, lang);
	const item = e.itemId;
	switch (e.kind) {
		case 'expedite':
			return zh
				? `${order}（${item}）需提前 ${dayWords(e.days, lang)}，于 ${e.date} 到货`
				: `Expedite ${order} (${item}) by ${dayWords(e.days, lang)}: needed on ${e.date}`;
		case 'defer':
			return zh
				? `${order}（${item}）可推迟 ${dayWords(e.days, lang)}，至 ${e.date} 才需要`
				: `Defer ${order} (${item}) by ${dayWords(e.days, lang)}: not needed before ${e.date}`;
		case 'cancel':
			return zh ? `${order}（${item}，${num(e.qty)}）在计划期内不再需要，可取消` : `Cancel ${order} (${item}, ${num(e.qty)}): not needed within the horizon`;
		case 'past_due':
			return e.ref?.kind === 'planned_order'
				? zh
					? `${order}（${item}，${num(e.qty)}）应在 ${e.date} 下达，已逾期 ${dayWords(e.days, lang)}`
					: `${order} (${item}, ${num(e.qty)}) should have been released on ${e.date}, ${dayWords(e.days, lang)} ago`
				: zh
					? `${order}（${item}）应于 ${e.date} 到货，已逾期 ${dayWords(e.days, lang)}`
					: `${order} (${item}) was due on ${e.date}, ${dayWords(e.days, lang)} ago`;
		case 'shortage':
			return zh
				? `${item} 自 ${e.date} 起短缺 ${num(e.qty)}${e.ref ? `（${order}）` : ''}`
				: `${item} is short by ${num(e.qty)} from ${e.date}${e.ref ? ` (${order})` : ''}`;
	}
}
