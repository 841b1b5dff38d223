// The team leads' standup (src/routes/standup): every KPI of the catalogue yesterday and week to date
// against its target, with the last two weeks by day and the comments on them; what happened since the
// last standup; and the open alerts with their owners and how long they have been open. Plain reads;
// `now` is an argument.
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate, mondayOf } from '../shared/factory-date.ts';
import { openAlerts, type AlertView } from '../alerts/alert.queries.ts';
import { KPI_CATALOGUE, kpiStatus, kpiValue, type KpiDefinition } from './catalogue.ts';
import { kpiTotal, kpiTrend } from './queries.ts';
import { dayStart } from './time.ts';
import { kpiComments, type KpiComment } from './comments.ts';

export const TREND_DAYS = 14;

export interface StandupFigure {
	value: number | null;
	num: number;
	den: number;
	status: 'ok' | 'warn' | 'bad' | null;
}

export interface StandupKpi {
	id: string;
	name: { 'zh-CN': string; en: string };
	unit: KpiDefinition['unit'];
	direction: KpiDefinition['direction'];
	target: number;
	warn: number;
	bad: number;
	yesterday: StandupFigure;
	weekToDate: StandupFigure;
	trend: { date: string; value: number | null }[];
	comments: KpiComment[];
}

export interface StandupBoard {
	today: string;
	yesterday: string;
	/** The Monday the week to date starts on (yesterday's week). */
	weekStart: string;
	/** The previous standup: the same time yesterday. */
	since: string;
	kpis: StandupKpi[];
	/** Facts since the last standup, counted by kind. */
	changes: { kind: string; count: number }[];
	alerts: (AlertView & { ageHours: number })[];
}

/** What the standup counts since the last one, by the event types that make it. */
export const CHANGE_KINDS: Record<string, readonly string[]> = {
	orders: ['sales_order.created'],
	shipments: ['shipment.shipped'],
	receipts: ['goods.received'],
	reports: ['production.reported'],
	completed: ['production_order.completed'],
	alertsRaised: ['alert.raised'],
	alertsResolved: ['alert.resolved']
};

async function figure(q: Queryable, def: KpiDefinition, from: string, to: string, timeZone: string): Promise<StandupFigure> {
	const t = await kpiTotal(q, { kpi: def.id, from: dayStart(from, timeZone), to: dayStart(addDays(to, 1), timeZone), timeZone });
	const value = kpiValue(def, t.num, t.den);
	return { value, num: t.num, den: t.den, status: kpiStatus(def, value) };
}

export async function standupBoard(q: Queryable, a: { now: Date; timeZone: string }): Promise<StandupBoard> {
	const today = factoryDate(a.now, a.timeZone);
	const yesterday = addDays(today, -1);
	const weekStart = mondayOf(yesterday);
	const since = new Date(a.now.getTime() - 24 * 3_600_000);
	const comments = await kpiComments(q, { from: addDays(today, -TREND_DAYS), to: today });
	const kpis: StandupKpi[] = [];
	for (const def of KPI_CATALOGUE) {
		const trend = await kpiTrend(q, { kpi: def.id, days: TREND_DAYS, now: new Date(dayStart(yesterday, a.timeZone)), timeZone: a.timeZone });
		kpis.push({
			id: def.id,
			name: def.name,
			unit: def.unit,
			direction: def.direction,
			target: def.target,
			warn: def.warn,
			bad: def.bad,
			yesterday: await figure(q, def, yesterday, yesterday, a.timeZone),
			weekToDate: await figure(q, def, weekStart, yesterday, a.timeZone),
			trend: trend.points.map((p) => ({ date: p.date, value: p.value })),
			comments: comments.filter((c) => c.kpi === def.id)
		});
	}
	const types = Object.values(CHANGE_KINDS).flat();
	const counted = await q.query<{ type: string; n: number }>(
		'select type, count(*)::int as n from events where type = any($1::text[]) and occurred_at >= $2 and occurred_at <= $3 group by type',
		[types, since.toISOString(), a.now.toISOString()]
	);
	const byType = new Map(counted.rows.map((r) => [r.type, r.n]));
	const changes = Object.entries(CHANGE_KINDS).map(([kind, ts]) => ({ kind, count: ts.reduce((n, t) => n + (byType.get(t) ?? 0), 0) }));
	const alerts = (await openAlerts(q)).map((x) => ({ ...x, ageHours: Math.max(0, Math.floor((a.now.getTime() - Date.parse(x.raisedAt)) / 3_600_000)) }));
	return { today, yesterday, weekStart, since: since.toISOString(), kpis, changes, alerts };
}
