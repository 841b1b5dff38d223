// Live KPI topics (CONTRACTS.md "KPIs and alerts"): `kpi:<id>:<window>[:<dim>]`, window today, 7d, 30d
// or mtd in the factory time zone, value {value, num, den, target?, status?} (kpiWindow). The hub reads
// the value again after commits of any type a KPI family follows, and every minute for what the
// passing of time changes (the KPI clock job's contributions: a due date passing).
import type { Queryable } from '../db/db.ts';
import type { Clock } from '../clock.ts';
import type { StoredEvent } from '../events/envelope.ts';
import type { TopicProvider } from '../live/topics.ts';
import { mayFollow } from '../live/board-topics.ts';
import { kpiDefinition } from './catalogue.ts';
import { KPI_FAMILIES } from './families/index.ts';
import { kpiByDimension, kpiTrend, kpiWindow } from './queries.ts';
import { WINDOWS, type KpiWindowName } from './time.ts';

const TOPIC = /^kpi:([a-z][a-z0-9_]*):([a-z0-9]+)(?::(.{1,200}))?$/;

export interface KpiTopic {
	kpi: string;
	window: KpiWindowName;
	dim?: string;
}

/** The KPI, window and dimension a topic names, or null when it names no KPI of the catalogue. */
export function parseKpiTopic(topic: string): KpiTopic | null {
	const m = TOPIC.exec(topic);
	if (!m || !kpiDefinition(m[1]) || !(WINDOWS as readonly string[]).includes(m[2])) return null;
	return { kpi: m[1], window: m[2] as KpiWindowName, ...(m[3] ? { dim: m[3] } : {}) };
}

export function kpiTopics(d: { db: Queryable; clock: Clock; timeZone: string }): TopicProvider {
	const types = new Set(KPI_FAMILIES.flatMap((f) => Object.keys(f.on)));
	return {
		kind: 'value',
		forScreens: true,
		matches: (topic) => parseKpiTopic(topic) !== null,
		authorize: (p) => mayFollow(p, 'kpis'),
		snapshot: (topic) => kpiWindow(d.db, { ...parseKpiTopic(topic)!, now: d.clock.now(), timeZone: d.timeZone }),
		affectedBy: (_topic, events: StoredEvent[]) => events.some((e) => types.has(e.type)),
		refreshMs: 60_000
	};
}

const TREND_TOPIC = /^kpi-trend:([a-z][a-z0-9_]*):(\d{1,2})d(?::(.{1,200}))?$/;
const BY_TOPIC = /^kpi-by:([a-z][a-z0-9_]*):([a-z0-9]+):([a-zA-Z]+)$/;

/** `kpi-trend:<id>:<days>d[:<dim>]`: the KPI per factory day over the last 7–90 days (a screen's trend and sparkline). */
export function parseKpiTrendTopic(topic: string): { kpi: string; days: number; dim?: string } | null {
	const m = TREND_TOPIC.exec(topic);
	const days = m ? Number(m[2]) : 0;
	if (!m || !kpiDefinition(m[1]) || days < 7 || days > 90) return null;
	return { kpi: m[1], days, ...(m[3] ? { dim: m[3] } : {}) };
}

/** `kpi-by:<id>:<window>:<dimension>`: the KPI over a window per value of a dimension the KPI has. */
export function parseKpiByTopic(topic: string): { kpi: string; window: KpiWindowName; by: string } | null {
	const m = BY_TOPIC.exec(topic);
	const def = m ? kpiDefinition(m[1]) : undefined;
	if (!m || !def || !(WINDOWS as readonly string[]).includes(m[2]) || !def.dims.includes(m[3])) return null;
	return { kpi: m[1], window: m[2] as KpiWindowName, by: m[3] };
}

/** The screens' series and breakdowns of KPIs: read again after the same commits as the windows, and every minute. */
export function kpiSeriesTopics(d: { db: Queryable; clock: Clock; timeZone: string }): TopicProvider[] {
	const types = new Set(KPI_FAMILIES.flatMap((f) => Object.keys(f.on)));
	const common = {
		kind: 'value' as const,
		forScreens: true,
		authorize: (p: Parameters<TopicProvider['authorize']>[0]) => mayFollow(p, 'kpis'),
		affectedBy: (_topic: string, events: StoredEvent[]) => events.some((e) => types.has(e.type)),
		refreshMs: 60_000
	};
	return [
		{ ...common, matches: (topic) => parseKpiTrendTopic(topic) !== null, snapshot: (topic) => kpiTrend(d.db, { ...parseKpiTrendTopic(topic)!, now: d.clock.now(), timeZone: d.timeZone }) },
		{ ...common, matches: (topic) => parseKpiByTopic(topic) !== null, snapshot: (topic) => kpiByDimension(d.db, { ...parseKpiByTopic(topic)!, now: d.clock.now(), timeZone: d.timeZone }) }
	];
}
