// Time is a dependency: code that needs "now" receives a Clock, so tests and simulations can set it.
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
