// The capacity-overload rule's test on a work centre's load board (planning's dailyLoad, as the
// `capacity:load` topic shows it): the first day asked for more than a share of its shift minutes.
import type { DayLoad } from '../planning/capacity.ts';

/** The first day whose load is above `thresholdPct` of its shift minutes (any load on a day without shifts counts), or null. */
export function firstOverload(days: readonly DayLoad[], thresholdPct: number): { date: string; pct: number } | null {
	for (const d of days) {
		if (d.required <= 0) continue;
		const pct = d.available > 0 ? (d.required / d.available) * 100 : Infinity;
		if (pct > thresholdPct) return { date: d.date, pct };
	}
	return null;
}
