// The records behind a KPI's figure over a standup range (yesterday, the week to date, 30 days): the
// same records as GET /api/kpis/<kpi>/records, for the standup's drill-down page and its XLSX.
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate, mondayOf } from '../shared/factory-date.ts';
import { kpiRecords } from './queries.ts';
import { dayStart } from './time.ts';

export const DRILL_RANGES = ['yesterday', 'wtd', '30d'] as const;
export type DrillRange = (typeof DRILL_RANGES)[number];

/** The factory days [from, to] of a range, as of `now`. */
export function drillRange(range: DrillRange, now: Date, timeZone: string): { from: string; to: string } {
	const yesterday = addDays(factoryDate(now, timeZone), -1);
	if (range === 'yesterday') return { from: yesterday, to: yesterday };
	if (range === '30d') return { from: addDays(yesterday, -29), to: yesterday };
	return { from: mondayOf(yesterday), to: yesterday };
}

export async function drillRecords(q: Queryable, a: { kpi: string; range: DrillRange; side: 'num' | 'den'; now: Date; timeZone: string; limit?: number }) {
	const { from, to } = drillRange(a.range, a.now, a.timeZone);
	return kpiRecords(q, { kpi: a.kpi, from: new Date(dayStart(from, a.timeZone)), to: new Date(dayStart(addDays(to, 1), a.timeZone)), side: a.side, timeZone: a.timeZone, now: a.now, limit: a.limit });
}
