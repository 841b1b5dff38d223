// Instants of the factory calendar for KPI buckets: the UTC instant a factory day starts, minute and
// hour floors, and the windows of the live topics. Pure; `now` and the time zone are arguments.
import { addDays, factoryDate } from '../shared/factory-date.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffset(at: number, timeZone: string): number {
	let f = offsetFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		offsetFormatters.set(timeZone, f);
	}
	const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
	const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
	return wall - Math.floor(at / 1000) * 1000;
}

// Formatting to parts is slow and a batch asks for the same few days again and again: answers are kept
// per zone and date (a bounded cache: cleared when full).
const starts = new Map<string, number>();
const MAX_CACHED = 50_000;

/** The instant a factory day (YYYY-MM-DD) starts: its first minute in the zone, DST included. */
export function dayStart(date: string, timeZone: string): number {
	const key = timeZone + '\u0000' + date;
	let t = starts.get(key);
	if (t === undefined) {
		if (starts.size >= MAX_CACHED) starts.clear();
		starts.set(key, (t = computeDayStart(date, timeZone)));
	}
	return t;
}

function computeDayStart(date: string, timeZone: string): number {
	const wall = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
	let t = wall - zoneOffset(wall, timeZone);
	// A second look: the offset at the guess may differ from the offset at the answer (a DST change that day).
	t = wall - zoneOffset(t, timeZone);
	// A zone that skips midnight (a DST change at 00:00) starts the day at the first instant that is on it.
	if (factoryDate(new Date(t), timeZone) !== date) t += HOUR;
	return t;
}

/** The instant the factory day after `date` starts: the end of `date`. */
export function dayEnd(date: string, timeZone: string): number {
	return dayStart(addDays(date, 1), timeZone);
}

export const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;
export const floorHour = (t: number) => Math.floor(t / HOUR) * HOUR;
export const ceilHour = (t: number) => Math.ceil(t / HOUR) * HOUR;

export const WINDOWS = ['today', '7d', '30d', 'mtd'] as const;
export type KpiWindowName = (typeof WINDOWS)[number];

/**
 * The live topics' windows, in whole factory days ending with today: `today`; `7d` and `30d` are today
 * and the 6 or 29 days before it; `mtd` is from the first of this month. `to` is the end of today, so a
 * line due later today counts once it is shipped.
 */
export function windowRange(window: KpiWindowName, now: Date, timeZone: string): { from: number; to: number } {
	const today = factoryDate(now, timeZone);
	const first = window === 'today' ? today : window === '7d' ? addDays(today, -6) : window === '30d' ? addDays(today, -29) : today.slice(0, 8) + '01';
	return { from: dayStart(first, timeZone), to: dayEnd(today, timeZone) };
}
