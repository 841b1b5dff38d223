// Time is a dependency: code that needs "now" receives a Clock, so tests and simulations can set it.
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that follows the system clock until it is set, and again once it is set back to null: the
 * runtime's clock when the demo factory writes its past (seed/sim/history.ts steps it through the days
 * before today, then lets it follow the system clock again).
 */
export interface SettableClock extends Clock {
	set(at: Date | null): void;
	/** Whether a time is set (the clock is not following the system clock). */
	isSet(): boolean;
}

export function settableClock(): SettableClock {
	let at: number | null = null;
	return {
		now: () => (at === null ? new Date() : new Date(at)),
		set(t) {
			at = t === null ? null : t.getTime();
		},
		isSet: () => at !== null
	};
}

export function isSettable(clock: Clock): clock is SettableClock {
	return typeof (clock as Partial<SettableClock>).set === 'function' && typeof (clock as Partial<SettableClock>).isSet === 'function';
}

/**
 * The time of day as people live it, for what must not follow a clock set back (sign-in sessions and
 * their expiry): the system clock while a settable clock is set, otherwise the clock itself (a test's
 * fixed clock stays in charge).
 */
export function wallTime(clock: Clock): Date {
	return isSettable(clock) && clock.isSet() ? systemClock.now() : clock.now();
}
