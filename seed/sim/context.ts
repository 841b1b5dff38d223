// What a sweep of the simulated factory sees for one simulated hour, and how it says what to do. The
// simulator works in simulated time: in history the clock itself, live the clock run `speed` times
// faster from the moment the simulator started (see timeline). Dates on documents (requested, due,
// expected) are the clock's, so a live factory's orders fall due on real days.
import type { Runtime } from '../../server/runtime.ts';
import type { Actor, Command } from '../../server/commands/command.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import { dayStart } from '../../server/kpi/time.ts';
import { isoWeekday } from '../../server/planning/capacity.ts';
import type { SimFactory } from './factory.ts';
import type { SimProfile } from './profile.ts';
import type { Actors } from './actors.ts';
import type { Interval } from './worktime.ts';

/** Between transactions of a load or a history, so that requests (/healthz, pages, the progress) get their turn. */
export { yieldToEventLoop } from '../../server/shared/yield.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Simulated time against the clock: history runs the clock itself (speed 1, no anchor); live runs faster than it. */
export interface Timeline {
	speed: number;
	/** The simulated instant of a clock instant (stored timestamps are clock instants). */
	toSim(clockMs: number): number;
	/** The clock instant of a simulated one. */
	toClock(simMs: number): number;
}

export const SAME_TIME: Timeline = { speed: 1, toSim: (t) => t, toClock: (t) => t };

/** Simulated time running `speed` times faster than the clock from `anchor` (a clock instant) on. */
export function fasterTimeline(anchor: number, speed: number): Timeline {
	return {
		speed,
		toSim: (t) => (t <= anchor ? t : anchor + (t - anchor) * speed),
		toClock: (s) => (s <= anchor ? s : anchor + (s - anchor) / speed)
	};
}

/** One thing a simulated person does: a command, at a simulated instant. */
export interface Action {
	at: number;
	actor: Actor;
	command: Command<never, unknown>;
	input: unknown;
}

/** What the simulator keeps between hours (all of it can be lost: it is rebuilt from the database). */
export interface Memory {
	/** Stops per work centre (from its history at start, then the breakdowns the simulator decided). */
	downtime: Map<string, Interval[]>;
	/** The last order number used per prefix. */
	orderNumbers: Map<string, number>;
	/** When an order not yet promised may next be due for its promise (simulated), and when the desk last looked. */
	promiseDue: number;
	promiseLooked: number;
}

export interface HourContext {
	rt: Runtime;
	f: SimFactory;
	profile: Required<Pick<SimProfile, 'ordersPerDay' | 'rushShare'>> & SimProfile;
	seed: number;
	timeZone: string;
	timeline: Timeline;
	/** The simulated hour [from, to). */
	from: number;
	to: number;
	/** Its factory date and hour of day (0–23). */
	date: string;
	hour: number;
	/** An office day: Monday to Friday and not a holiday of the factory. */
	officeDay: boolean;
	/** The factory's holidays (isOfficeDay). */
	holidays: ReadonlySet<string>;
	/** The clock's factory date: what dates on documents count from. */
	today: string;
	actors: Actors;
	memory: Memory;
	/** Usable stock at the main location as the hour began, less what this hour's actions already take. */
	stock(): Promise<Map<string, number>>;
	act(a: Action): void;
	/** Actions that must see the earlier ones' writes (each takes the next document number). */
	chain(a: Action): void;
}

/** Holidays of the whole factory: dates every work centre has off as a holiday. */
export function factoryHolidays(f: SimFactory): Set<string> {
	const lists = [...f.workCenters.values()].map((w) => new Set(w.calendar.holidays ?? []));
	if (!lists.length) return new Set();
	return new Set([...lists[0]].filter((d) => lists.every((l) => l.has(d))));
}

export function isOfficeDay(date: string, holidays: ReadonlySet<string>): boolean {
	return isoWeekday(date) <= 5 && !holidays.has(date);
}

/** The office day nearest `wanted` that is not before `soonest`: the last one up to `wanted`, else the first after `soonest`. */
export function officeDate(wanted: string, soonest: string, holidays: ReadonlySet<string>): string {
	for (let d = wanted; d >= soonest; d = addDays(d, -1)) if (isOfficeDay(d, holidays)) return d;
	let d = soonest;
	while (!isOfficeDay(d, holidays)) d = addDays(d, 1);
	return d;
}

/** The factory date and hour of a simulated instant. */
export function localHour(at: number, timeZone: string): { date: string; hour: number } {
	const date = factoryDate(new Date(at), timeZone);
	return { date, hour: Math.floor((at - dayStart(date, timeZone)) / HOUR) };
}

/** An instant `minutes` into the hour (kept inside it). */
export const into = (c: HourContext, minutes: number) => Math.min(c.to - 1000, c.from + Math.max(0, minutes) * MINUTE);
