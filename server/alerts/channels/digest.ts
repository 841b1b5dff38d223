// The standup digest: yesterday's KPIs against target, what changed, and the open exceptions with
// their owners, composed from a plain DigestData into a notice (then formatted per channel like any
// alert). Pure; the data comes from a DigestSource the runtime is given (the KPI module's reads).
import type { Queryable } from '../../db/db.ts';
import type { AlertRef, MessageLocale, Severity } from './channel.ts';
import { refLabel, severityLabel, type Notice } from './notice.ts';

export type Words = Record<MessageLocale, string>;

export interface DigestKpi {
	id: string;
	name: Words;
	/** The day's value; null when it had no denominator. `unit: "%"` values are ratios (0.92 = 92%). */
	value: number | null;
	target?: number;
	unit?: string;
	/** Which way is better (default higher). */
	direction?: 'higher' | 'lower';
	/** When the KPI module already judged it. */
	status?: 'ok' | 'warn' | 'bad';
}

export interface DigestData {
	/** The day reviewed (yesterday in the factory's time zone), YYYY-MM-DD. */
	date: string;
	kpis: DigestKpi[];
	/** What changed since the day before: one sentence each. */
	changes: Words[];
	/** Open exceptions and alerts, most severe first. */
	exceptions: { title: Words; severity: Severity; owner?: string; ref?: AlertRef }[];
	/** The standup page (default /standup). */
	link?: string;
}

/** Where the digest's data comes from: the KPI and alert reads, at `now`. */
export type DigestSource = (q: Queryable, now: Date) => Promise<DigestData>;

const W = {
	'zh-CN': {
		title: (d: string) => `站会日报 ${d}`,
		kpis: '昨日指标（实际 / 目标）',
		changes: '变化',
		exceptions: (n: number) => `待处理异常（${n}）`,
		none: '无',
		target: '目标',
		noData: '无数据',
		ok: '达标',
		miss: '未达标',
		owner: '负责人',
		unowned: '未指派',
		open: '打开站会看板',
		summary: (bad: number, total: number, open: number) => `${total} 项指标中 ${bad} 项未达标；${open} 个异常待处理。`
	},
	en: {
		title: (d: string) => `Standup digest for ${d}`,
		kpis: "Yesterday's KPIs (actual / target)",
		changes: 'What changed',
		exceptions: (n: number) => `Open exceptions (${n})`,
		none: 'none',
		target: 'target',
		noData: 'no data',
		ok: 'on target',
		miss: 'off target',
		owner: 'owner',
		unowned: 'unassigned',
		open: 'Open the standup board',
		summary: (bad: number, total: number, open: number) => `${bad} of ${total} KPIs off target; ${open} open exception${open === 1 ? '' : 's'}.`
	}
} as const;

function show(v: number, unit: string | undefined): string {
	if (unit === '%') return `${(v * 100).toFixed(1)}%`;
	const n = Number.isInteger(v) ? String(v) : v.toFixed(2);
	return unit ? `${n} ${unit}` : n;
}

/** On target: the KPI's own status, else the value against the target in its direction. */
export function onTarget(k: DigestKpi): boolean | null {
	if (k.status) return k.status === 'ok';
	if (k.value === null || k.target === undefined) return null;
	return (k.direction ?? 'higher') === 'higher' ? k.value >= k.target : k.value <= k.target;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function digestNotice(d: DigestData, locale: MessageLocale, origin: string): Notice {
	const w = W[locale];
	const kpiLines = d.kpis.map((k) => {
		const value = k.value === null ? w.noData : show(k.value, k.unit);
		const target = k.target === undefined ? '' : ` / ${w.target} ${show(k.target, k.unit)}`;
		const verdict = onTarget(k);
		return `${k.name[locale]}: ${value}${target}${verdict === null ? '' : verdict ? ` ✓ ${w.ok}` : ` ✗ ${w.miss}`}`;
	});
	const exceptions = [...d.exceptions].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
	const excLines = exceptions.map(
		(e) => `[${severityLabel(e.severity, locale)}] ${e.title[locale]}${e.ref ? ` (${refLabel(e.ref, locale)})` : ''} — ${w.owner}: ${e.owner ?? w.unowned}`
	);
	const bad = d.kpis.filter((k) => onTarget(k) === false).length;
	const worst = exceptions[0]?.severity ?? 'info';
	return {
		type: 'digest',
		title: w.title(d.date),
		severity: worst,
		lines: [w.summary(bad, d.kpis.length, exceptions.length)],
		facts: [],
		sections: [
			{ heading: w.kpis, items: kpiLines.length ? kpiLines : [w.none] },
			{ heading: w.changes, items: d.changes.length ? d.changes.map((c) => c[locale]) : [w.none] },
			{ heading: w.exceptions(exceptions.length), items: excLines.length ? excLines : [w.none] }
		],
		link: { label: w.open, url: new URL(d.link ?? '/standup', origin).toString() },
		payload: { digest: d }
	};
}
