// Load per work centre and day, for the capacity-overload rule: the minutes open production orders
// still need there, spread over the days before each order's due date in proportion to each day's
// shift minutes (as planning's rough-cut capacity does); work already due today or earlier, or with
// no shift minutes left before its due date, lands on today. Unlike free capacity, nothing spills to
// later days: a day asked for more than it has is what the rule looks for. Pure: `today` is an argument.
import { calendarMinutes, type BookedLoad, type ShiftCalendar } from '../planning/capacity.ts';
import { addDays, dayNumber } from '../shared/factory-date.ts';

export interface DayLoad {
	date: string;
	/** Shift minutes of the day. */
	available: number;
	/** Minutes the open orders need that day. */
	required: number;
}

export function dailyLoad(cal: ShiftCalendar, loads: readonly BookedLoad[], today: string, days: number): DayLoad[] {
	const start = dayNumber(today);
	const span = Math.max(days, ...loads.map((l) => Math.min(dayNumber(l.dueDate) - start, 3660)));
	const total = calendarMinutes(cal, today, span);
	const required = new Array<number>(span).fill(0);
	const prefix = [0];
	for (let d = 0; d < span; d++) prefix.push(prefix[d] + total[d]);
	for (const l of loads) {
		if (!(l.minutes > 0)) continue;
		const due = Math.min(dayNumber(l.dueDate) - start, span);
		const window = due > 0 ? prefix[due] : 0;
		if (window <= 0) required[0] += l.minutes;
		else for (let d = 0; d < due; d++) required[d] += (l.minutes * total[d]) / window;
	}
	return Array.from({ length: days }, (_, d) => ({ date: addDays(today, d), available: total[d], required: Math.round(required[d] * 1000) / 1000 }));
}

/** The first day whose load is above `thresholdPct` of its shift minutes (any load on a day without shifts counts), or null. */
export function firstOverload(days: readonly DayLoad[], thresholdPct: number): { date: string; pct: number } | null {
	for (const d of days) {
		if (d.required <= 0) continue;
		const pct = d.available > 0 ? (d.required / d.available) * 100 : Infinity;
		if (pct > thresholdPct) return { date: d.date, pct };
	}
	return null;
}
