// A notice: what one message says, before any service's format — a title, a severity, facts, lines,
// sections and a link. Alerts (alertNotice) and the standup digest (digest.ts) are composed into one,
// and each formatter (formatters/) writes it the way its service wants. Pure; time zone is an argument.
import type { AlertMessage, MessageLocale, Severity } from './channel.ts';

export interface Notice {
	/** Which message this is, for the generic webhook's `type`. */
	type: 'alert' | 'digest' | 'test';
	title: string;
	severity?: Severity;
	/** Sentences under the title. */
	lines: string[];
	facts: { label: string; value: string }[];
	sections: { heading: string; items: string[] }[];
	link?: { label: string; url: string };
	/** The structured message, as the generic webhook sends it. */
	payload: Record<string, unknown>;
}

const WORDS = {
	'zh-CN': {
		severity: { info: '提示', warning: '警告', critical: '严重' },
		level: '级别',
		rule: '规则',
		record: '记录',
		line: '行',
		owner: '负责人',
		raisedAt: '发生时间',
		escalated: (to: string, level: number) => `已升级至 ${to}（第 ${level} 级），尚未确认`,
		status: { open: '未处理', acknowledged: '已确认', resolved: '已解决' },
		statusLabel: '状态',
		open: '查看记录',
		test: '测试消息',
		testLine: '这是联动发出的测试消息：收到即说明此通道配置正确。',
		kinds: {
			purchase_order: '采购订单',
			sales_order: '销售订单',
			production_order: '生产订单',
			work_center: '工作中心',
			item: '物料',
			kpi: '指标',
			requisition: '采购申请'
		} as Record<string, string>
	},
	en: {
		severity: { info: 'Info', warning: 'Warning', critical: 'Critical' },
		level: 'Severity',
		rule: 'Rule',
		record: 'Record',
		line: 'line',
		owner: 'Owner',
		raisedAt: 'Raised',
		escalated: (to: string, level: number) => `Escalated to ${to} (level ${level}), not yet acknowledged`,
		status: { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved' },
		statusLabel: 'Status',
		open: 'Open the record',
		test: 'Test message',
		testLine: 'A test message from Liandong: if you can read this, the channel works.',
		kinds: {
			purchase_order: 'Purchase order',
			sales_order: 'Sales order',
			production_order: 'Production order',
			work_center: 'Work centre',
			item: 'Item',
			kpi: 'KPI',
			requisition: 'Requisition'
		} as Record<string, string>
	}
} as const;

export const words = (locale: MessageLocale) => WORDS[locale];

export function severityLabel(s: Severity, locale: MessageLocale): string {
	return WORDS[locale].severity[s];
}

/** "2026-12-07 09:15" in the factory's time zone. */
export function localTime(iso: string, timeZone: string): string {
	const d = new Date(iso);
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
	const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
	return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

export function refLabel(ref: AlertMessage['ref'], locale: MessageLocale): string {
	const w = WORDS[locale];
	const kind = w.kinds[ref.kind] ?? ref.kind;
	return `${kind} ${ref.id}${ref.lineId ? (locale === 'en' ? `, ${w.line} ${ref.lineId}` : ` ${w.line} ${ref.lineId}`) : ''}`;
}

/** An alert (raised or escalated) as a notice in `locale`. */
export function alertNotice(m: AlertMessage, locale: MessageLocale, timeZone: string): Notice {
	const w = WORDS[locale];
	const facts = [
		{ label: w.level, value: w.severity[m.severity] },
		{ label: w.record, value: refLabel(m.ref, locale) },
		...(m.owner ? [{ label: w.owner, value: m.owner }] : []),
		{ label: w.rule, value: m.rule },
		{ label: w.raisedAt, value: localTime(m.raisedAt, timeZone) },
		...(m.status !== 'open' ? [{ label: w.statusLabel, value: w.status[m.status] }] : [])
	];
	const lines = [m.message[locale], ...(m.escalationLevel ? [w.escalated(m.escalatedTo ?? '', m.escalationLevel)] : [])];
	return {
		type: 'alert',
		title: `[${w.severity[m.severity]}] ${m.title[locale]}`,
		severity: m.severity,
		lines,
		facts,
		sections: [],
		link: { label: w.open, url: m.link },
		payload: { alert: m }
	};
}

/** What "send a test message" sends: an info notice that names the channel. */
export function testNotice(channelId: string, locale: MessageLocale, link: string, at: Date): Notice {
	const w = WORDS[locale];
	return {
		type: 'test',
		title: `[${w.severity.info}] ${w.test}`,
		severity: 'info',
		lines: [w.testLine],
		facts: [{ label: locale === 'en' ? 'Channel' : '通道', value: channelId }],
		sections: [],
		link: { label: w.open, url: link },
		payload: { test: { channelId, at: at.toISOString() } }
	};
}
