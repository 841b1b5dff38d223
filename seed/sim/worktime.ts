// Working time of a work centre: its shifts as instants in the factory's time zone, and how many
// minutes it worked between two instants (shift time less the time it was down). Pure; instants are
// milliseconds since the epoch. A shift that ends past midnight belongs to the day it starts, as in
// the planning's capacity (server/planning/capacity.ts).
import type { ShiftCalendar } from '../../server/planning/capacity.ts';
import { isoWeekday, shiftMinutes } from '../../server/planning/capacity.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import { dayStart } from '../../server/kpi/time.ts';

const MINUTE = 60_000;

export type Interval = readonly [start: number, end: number];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the calendar works on `date` (a workday that is not a holiday). */
export function worksOn(cal: ShiftCalendar, date: string): boolean {
	return cal.workdays.includes(isoWeekday(date)) && !(cal.holidays ?? []).includes(date);
}

/** The shifts that start on `date`, as instants. */
export function shiftsOn(cal: ShiftCalendar, date: string, timeZone: string): Interval[] {
	if (!worksOn(cal, date)) return [];
	const start = dayStart(date, timeZone);
	return cal.shifts.map((s) => {
		const from = start + minutesOf(s.start) * MINUTE;
		return [from, from + shiftMinutes(s) * MINUTE] as const;
	});
}

/** Shift intervals overlapping [from, to), in time order. */
export function shiftIntervals(cal: ShiftCalendar, from: number, to: number, timeZone: string): Interval[] {
	const out: Interval[] = [];
	const last = factoryDate(new Date(to), timeZone);
	for (let date = addDays(factoryDate(new Date(from), timeZone), -1); date <= last; date = addDays(date, 1)) {
		for (const [s, e] of shiftsOn(cal, date, timeZone)) if (e > from && s < to) out.push([Math.max(s, from), Math.min(e, to)]);
	}
	return out.sort((a, b) => a[0] - b[0]);
}

const overlap = (a: Interval, b: Interval) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

/** Minutes of shift time in [from, to) while the work centre was not down. */
export function workedMinutes(cal: ShiftCalendar, from: number, to: number, timeZone: string, down: readonly Interval[] = []): number {
	if (to <= from) return 0;
	let ms = 0;
	for (const shift of shiftIntervals(cal, from, to, timeZone)) {
		ms += shift[1] - shift[0];
		for (const d of down) ms -= overlap(shift, d);
	}
	return Math.max(0, ms) / MINUTE;
}

/** Whether `at` falls in a shift. */
export function inShift(cal: ShiftCalendar, at: number, timeZone: string): boolean {
	return shiftIntervals(cal, at, at + 1, timeZone).length > 0;
}

/** The shift ends in (from, to], if any. */
export function shiftEndsBetween(cal: ShiftCalendar, from: number, to: number, timeZone: string): number[] {
	return shiftIntervals(cal, from - 1, to + 1, timeZone)
		.map(([, e]) => e)
		.filter((e) => e > from && e <= to);
}

/**
 * The instant at which `minutes` of working time after `from` have passed (shift time, not down), or
 * null when that is not within `limit`.
 */
export function afterWorking(cal: ShiftCalendar, from: number, minutes: number, limit: number, timeZone: string, down: readonly Interval[] = []): number | null {
	let left = minutes * MINUTE;
	if (left <= 0) return from;
	for (const [s, e] of shiftIntervals(cal, from, limit, timeZone)) {
		// The shift less its down time, piece by piece.
		const pieces: Interval[] = [[s, e]];
		for (const d of down) {
			for (let i = pieces.length - 1; i >= 0; i--) {
				const [ps, pe] = pieces[i];
				if (d[1] <= ps || d[0] >= pe) continue;
				const rest: Interval[] = [];
				if (d[0] > ps) rest.push([ps, d[0]]);
				if (d[1] < pe) rest.push([d[1], pe]);
				pieces.splice(i, 1, ...rest);
			}
		}
		for (const [ps, pe] of pieces.sort((a, b) => a[0] - b[0])) {
			if (pe - ps >= left) return ps + left;
			left -= pe - ps;
		}
	}
	return null;
}

/** The first instant in [from, to) in a shift and not down, or null. */
export function firstWorking(cal: ShiftCalendar, from: number, to: number, timeZone: string, down: readonly Interval[] = []): number | null {
	for (const [s, e] of shiftIntervals(cal, from, to, timeZone)) {
		let t = s;
		// Step past stops that cover t (they may follow one another).
		for (let moved = true; moved && t < e; ) {
			moved = false;
			for (const d of down) {
				if (d[0] <= t && t < d[1]) {
					t = d[1];
					moved = true;
				}
			}
		}
		if (t < e) return t;
	}
	return null;
}

/** Shift minutes in a week of the calendar (holidays aside). */
export function weeklyMinutes(cal: ShiftCalendar): number {
	return cal.workdays.length * cal.shifts.reduce((sum, s) => sum + shiftMinutes(s), 0);
}
