import { describe, expect, it } from 'vitest';
import { settableClock, systemClock, wallTime, type Clock } from '../../../server/clock.ts';

describe('clocks', () => {
	it('a settable clock follows the system clock until set, and again once set back to null', () => {
		const clock = settableClock();
		expect(clock.isSet()).toBe(false);
		expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
		clock.set(new Date('2026-09-01T08:00:00Z'));
		expect(clock.isSet()).toBe(true);
		expect(clock.now().toISOString()).toBe('2026-09-01T08:00:00.000Z');
		clock.set(null);
		expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
	});

	it('wall time (sign-in sessions) stays with the system clock while a settable clock is set back, and with a fixed clock otherwise', () => {
		const clock = settableClock();
		clock.set(new Date('2026-09-01T08:00:00Z'));
		expect(Math.abs(wallTime(clock).getTime() - Date.now())).toBeLessThan(1000);
		clock.set(null);
		expect(Math.abs(wallTime(clock).getTime() - Date.now())).toBeLessThan(1000);
		const fixed: Clock = { now: () => new Date('2030-01-01T00:00:00Z') };
		expect(wallTime(fixed).toISOString()).toBe('2030-01-01T00:00:00.000Z');
		expect(Math.abs(wallTime(systemClock).getTime() - Date.now())).toBeLessThan(1000);
	});
});
