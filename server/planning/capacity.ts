// Rough-cut capacity of work centres for promising (promise.ts): minutes available per day from a
// work centre's shift calendar, less the minutes that open production orders still need there. Pure:
// plain data in, plain data out, no clock (day 0 is "today", passed in as a date). Rough-cut means
// days, not hours, and no operation sequence of the orders already booked: each order's remaining
// minutes are spread over the days before its due date in proportion to each day's shift minutes;
// what does not fit (or belongs to an order already due) fills the first free days from today on.
import { addDays, dayNumber } from '../shared/factory-date.ts';

/** A work centre's calendar as `work_center.upserted` carries it (server/production/schemas.ts). */
export interface ShiftCalendar {
	shifts: readonly { start: string; end: string }[];
	/** ISO weekdays worked: 1 Monday … 7 Sunday. */
	workdays: readonly number[];
	holidays?: readonly string[];
}

/** Minutes that open production orders still need at a work centre, due by `dueDate`. */
export interface BookedLoad {
	workCenterId: string;
	minutes: number;
	dueDate: string;
}

const MAX_SPREAD_DAYS = 3660;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes of one shift; a shift that ends past midnight (end before start) counts on its start day. */
export function shiftMinutes(s: { start: string; end: string }): number {
	const len = minutesOf(s.end) - minutesOf(s.start);
	return len > 0 ? len : len + 24 * 60;
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
	// 1970-01-01 was a Thursday (4).
	return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The shift minutes a calendar gives on a date: 0 on days off and holidays. */
export function dayMinutes(cal: ShiftCalendar, date: string): number {
	if (!cal.workdays.includes(isoWeekday(date)) || cal.holidays?.includes(date)) return 0;
	return cal.shifts.reduce((sum, s) => sum + shiftMinutes(s), 0);
}

/** Shift minutes per day for `days` days from `today` (index 0 = today). */
export function calendarMinutes(cal: ShiftCalendar, today: string, days: number): number[] {
	// Holidays as day numbers: a planning horizon asks for years of days, one promise after another.
	const start = dayNumber(today);
	const holidays = new Set((cal.holidays ?? []).map(dayNumber));
	const perDay = cal.shifts.reduce((sum, s) => sum + shiftMinutes(s), 0);
	const first = isoWeekday(today);
	const out = new Array<number>(days);
	for (let d = 0; d < days; d++) {
		const weekday = ((first - 1 + d) % 7) + 1;
		out[d] = cal.workdays.includes(weekday) && !(holidays.size && holidays.has(start + d)) ? perDay : 0;
	}
	return out;
}

/**
 * The booked load spread over the days from `today` (index 0): each load over the days from today to
 * the day before its due date, in proportion to the shift minutes of each day. A load due today or
 * earlier, or with no shift minutes left before its due date, is `carried`: it is wanted from today on.
 */
function spreadLoad(cal: ShiftCalendar, loads: readonly BookedLoad[], today: string, days: number): { total: number[]; load: number[]; carried: number } {
	const start = dayNumber(today);
	// Loads due after the horizon still spread up to their due date (ten years at most): only their
	// share falls inside.
	const span = loads.reduce((most, l) => Math.max(most, Math.min(dayNumber(l.dueDate) - start, days + MAX_SPREAD_DAYS)), days);
	const total = calendarMinutes(cal, today, span);
	const load = new Array<number>(span).fill(0);
	const prefix = [0];
	for (let d = 0; d < span; d++) prefix.push(prefix[d] + total[d]);
	let carried = 0;
	for (const l of loads) {
		if (!(l.minutes > 0)) continue;
		const due = Math.min(dayNumber(l.dueDate) - start, span);
		const window = due > 0 ? prefix[due] : 0;
		if (window <= 0) {
			carried += l.minutes;
			continue;
		}
		for (let d = 0; d < due; d++) load[d] += (l.minutes * total[d]) / window;
	}
	return { total, load, carried };
}

/**
 * Free minutes per day for `days` days from `today`: the calendar's minutes less the booked load
 * (spreadLoad). A day never takes more than its minutes: the excess moves to the next days.
 */
export function freeMinutes(cal: ShiftCalendar, loads: readonly BookedLoad[], today: string, days: number): number[] {
	const { total, load, carried } = spreadLoad(cal, loads, today, days);
	const free = new Array<number>(days);
	let excess = carried;
	for (let d = 0; d < days; d++) {
		const want = load[d] + excess;
		free[d] = Math.max(0, total[d] - want);
		excess = Math.max(0, want - total[d]);
	}
	return free;
}

/** A day of a work centre's load board: its shift minutes and the minutes the booked orders want. */
export interface DayLoad {
	date: string;
	available: number;
	required: number;
}

/**
 * Load per day for `days` days from `today`, as a load board and the overload alert see it: the shift
 * minutes available and the minutes the booked orders want that day (spread as spreadLoad; what is
 * already due is wanted today). Nothing spills to later days: a day asked for more than it has is
 * overloaded.
 */
export function dailyLoad(cal: ShiftCalendar, loads: readonly BookedLoad[], today: string, days: number): DayLoad[] {
	const { total, load, carried } = spreadLoad(cal, loads, today, days);
	return Array.from({ length: days }, (_, d) => ({ date: addDays(today, d), available: total[d], required: load[d] + (d === 0 ? carried : 0) }));
}
