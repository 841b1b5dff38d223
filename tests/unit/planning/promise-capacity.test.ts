// Rough-cut capacity: shift minutes from a work centre's calendar, less the load of open orders
// spread over the days before their due dates. Every figure below is worked out by hand.
import { describe, expect, it } from 'vitest';
import { calendarMinutes, dayMinutes, freeMinutes, isoWeekday, shiftMinutes } from '../../../server/planning/capacity.ts';

const dayShift = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };
// 2026-12-07 is a Monday.
const monday = '2026-12-07';

describe('rough-cut capacity', () => {
	it('counts shift minutes, a night shift on the day it starts', () => {
		expect(shiftMinutes({ start: '08:00', end: '16:00' })).toBe(480);
		expect(shiftMinutes({ start: '22:00', end: '06:00' })).toBe(480);
		expect(isoWeekday(monday)).toBe(1);
		expect(isoWeekday('2026-12-13')).toBe(7);
		const twoShifts = { shifts: [{ start: '08:00', end: '16:00' }, { start: '16:00', end: '00:00' }], workdays: [1, 2, 3, 4, 5, 6], holidays: ['2026-12-09'] };
		expect(dayMinutes(twoShifts, monday)).toBe(960);
		expect(dayMinutes(twoShifts, '2026-12-09')).toBe(0);
		expect(dayMinutes(twoShifts, '2026-12-12')).toBe(960);
		expect(dayMinutes(twoShifts, '2026-12-13')).toBe(0);
		expect(calendarMinutes(twoShifts, monday, 8)).toEqual([960, 960, 0, 960, 960, 960, 0, 960]);
	});

	it("spreads an order's remaining minutes over the working days before its due date", () => {
		// 1,200 minutes due Thursday: Monday to Wednesday, 400 each.
		expect(freeMinutes(dayShift, [{ workCenterId: 'W', minutes: 1200, dueDate: '2026-12-10' }], monday, 5)).toEqual([80, 80, 80, 480, 480]);
	});

	it('spreads in proportion to the shift minutes of each day, skipping days off', () => {
		// Due next Tuesday: Mon–Fri and next Monday work (6 days × 480); 1,440 minutes take a sixth each.
		const free = freeMinutes(dayShift, [{ workCenterId: 'W', minutes: 1440, dueDate: '2026-12-15' }], monday, 9);
		expect(free).toEqual([240, 240, 240, 240, 240, 0, 0, 240, 480]);
	});

	it('puts a late order first and moves what a day cannot take to the next days', () => {
		// 700 minutes already late fill Monday and 220 of Tuesday; 600 due Wednesday add 300 to Monday and
		// Tuesday each: Monday takes 480 of 1,000, the 520 left and Tuesday's 300 fill Tuesday and 340 of Wednesday.
		const loads = [
			{ workCenterId: 'W', minutes: 700, dueDate: '2026-12-01' },
			{ workCenterId: 'W', minutes: 600, dueDate: '2026-12-09' }
		];
		expect(freeMinutes(dayShift, loads, monday, 4)).toEqual([0, 0, 140, 480]);
	});

	it('counts only the share before the horizon of an order due after it', () => {
		// Due in two weeks (10 working days × 480); 4,800 minutes take 480 a day: every day is full.
		expect(freeMinutes(dayShift, [{ workCenterId: 'W', minutes: 4800, dueDate: '2026-12-21' }], monday, 3)).toEqual([0, 0, 0]);
		expect(freeMinutes(dayShift, [{ workCenterId: 'W', minutes: 2400, dueDate: '2026-12-21' }], monday, 3)).toEqual([240, 240, 240]);
	});
});
