// What an alert says, in zh-CN and en, from the facts a rule found. Pure; the alert stores both
// sentences so every page, push and log shows the same words.
import { exceptionMessage, type ExceptionFacts } from '../planning/exception-messages.ts';

type Words = { 'zh-CN': string; en: string };

const num = (n: number) => String(Math.round(n * 100) / 100);
const days = (n: number) => (n === 1 ? '1 day' : `${num(n)} days`);

export function shortageMessage(e: ExceptionFacts): Words {
	return { 'zh-CN': exceptionMessage(e, 'zh-CN'), en: exceptionMessage(e, 'en') };
}

export function poLateMessage(f: { poId: string; lineId: string; itemId: string | null; expectedDate: string; daysLate: number; open: number; delayReason: string | null }): Words {
	const item = f.itemId ? `（${f.itemId}）` : '';
	const itemEn = f.itemId ? ` (${f.itemId})` : '';
	if (f.daysLate > 0) {
		return {
			'zh-CN': `采购单 ${f.poId} 第 ${f.lineId} 行${item}应于 ${f.expectedDate} 到货，已逾期 ${num(f.daysLate)} 天，尚有 ${num(f.open)} 未收`,
			en: `Purchase order ${f.poId} line ${f.lineId}${itemEn} was expected on ${f.expectedDate}: ${days(f.daysLate)} late, ${num(f.open)} still to receive`
		};
	}
	return {
		'zh-CN': `供应商将采购单 ${f.poId} 第 ${f.lineId} 行${item}延期至 ${f.expectedDate}（原因 ${f.delayReason}）`,
		en: `The supplier delayed purchase order ${f.poId} line ${f.lineId}${itemEn} to ${f.expectedDate} (reason ${f.delayReason})`
	};
}

export function atRiskMessage(f: { orderId: string; lineId: string; dueDate: string; expectedDate: string; daysLate: number }): Words {
	return {
		'zh-CN': `销售订单 ${f.orderId} 第 ${f.lineId} 行预计延误 ${num(f.daysLate)} 天：应交 ${f.dueDate}，预计 ${f.expectedDate}`,
		en: `Sales order ${f.orderId} line ${f.lineId} is expected ${days(f.daysLate)} late: due ${f.dueDate}, expected ${f.expectedDate}`
	};
}

export function overloadMessage(f: { workCenterId: string; name: string; date: string; pct: number; thresholdPct: number }): Words {
	const pct = Number.isFinite(f.pct) ? `${Math.round(f.pct)}%` : '∞';
	return {
		'zh-CN': `工作中心 ${f.name}（${f.workCenterId}）${f.date} 负荷 ${pct}，超过 ${f.thresholdPct}%`,
		en: `Work centre ${f.name} (${f.workCenterId}) is loaded ${pct} on ${f.date}, above ${f.thresholdPct}%`
	};
}

export function downMessage(f: { workCenterId: string; name: string; status: string; reason: string | null }): Words {
	const zhStatus = f.status === 'down' ? '停机' : '维护中';
	return {
		'zh-CN': `工作中心 ${f.name}（${f.workCenterId}）${zhStatus}${f.reason ? `（原因 ${f.reason}）` : ''}`,
		en: `Work centre ${f.name} (${f.workCenterId}) is ${f.status === 'down' ? 'down' : 'in maintenance'}${f.reason ? ` (reason ${f.reason})` : ''}`
	};
}

export function kpiMessage(f: { kpi: string; window: string; value: number | null; status: string }): Words {
	const value = f.value === null ? '—' : num(f.value);
	const zhStatus = f.status === 'bad' ? '差' : '预警';
	return {
		'zh-CN': `指标 ${f.kpi}（${f.window}）为 ${value}，状态：${zhStatus}`,
		en: `KPI ${f.kpi} (${f.window}) is ${value}: ${f.status === 'bad' ? 'bad' : 'warning'}`
	};
}
