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
import { kpiWindow } from './queries.ts';
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
