// OEE as a pure function of a work-centre day: planned minutes are the shift minutes with work or a
// stop, downtime is clipped to the shifts, ideal minutes come from output; the three factors multiply
// to OEE.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coveredMinutes, oeeContributions, oeeFigures, oeeRatios, shiftIntervals, type OeeDayFacts } from '../../../server/kpi/families/oee.ts';

const TZ = 'Asia/Shanghai';
const T = (s: string) => Date.parse(s);
const everyDay = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] as string[] };
const day = (over: Partial<OeeDayFacts> = {}): OeeDayFacts => ({
	workCenterId: 'WC-1',
	date: '2026-12-07',
	calendar: everyDay,
	changes: [
		{ at: T('2026-12-07T10:00:00+08:00'), status: 'down' },
		{ at: T('2026-12-07T11:00:00+08:00'), status: 'up' }
	],
	idealAll: 400,
	idealGood: 380,
	// Work all shift long: two orders, one after the other.
	spans: [
		[T('2026-12-07T07:00:00+08:00'), T('2026-12-07T12:00:00+08:00')],
		[T('2026-12-07T12:00:00+08:00'), T('2026-12-07T17:30:00+08:00')]
	],
	setups: [],
	...over
});
const value = (r: { num: number; den: number }) => (100 * r.num) / r.den;

describe('OEE formula', () => {
	it('gives availability, performance, quality and OEE from hand numbers, and they multiply to OEE', () => {
		const x = oeeFigures(day(), TZ);
		expect(x).toEqual({ planned: 480, down: 60, idealAll: 400, idealGood: 380 });
		const r = Object.fromEntries(oeeRatios(x).map((k) => [k.kpi, k]));
		expect(r.oee_availability).toMatchObject({ num: 420, den: 480 });
		expect(r.oee_performance).toMatchObject({ num: 400, den: 420 });
		expect(r.oee_quality).toMatchObject({ num: 380, den: 400 });
		expect(r.oee).toMatchObject({ num: 380, den: 480 });
		expect(value(r.oee_availability)).toBe(87.5);
		expect(value(r.oee_performance).toFixed(1)).toBe('95.2');
		expect(value(r.oee_quality)).toBe(95);
		expect(value(r.oee).toFixed(1)).toBe('79.2');
		expect((value(r.oee_availability) * value(r.oee_performance) * value(r.oee_quality)) / 1e4).toBeCloseTo(value(r.oee), 10);
	});

	it('clips downtime to shift time; a stop with no restart runs to the end of the shift', () => {
		const shifts = shiftIntervals(everyDay, '2026-12-07', TZ);
		expect(shifts).toEqual([[T('2026-12-07T08:00:00+08:00'), T('2026-12-07T16:00:00+08:00')]]);
		const down = (changes: { at: number; status: string }[]) => oeeFigures(day({ changes }), TZ).down;
		expect(down([{ at: T('2026-12-07T06:00:00+08:00'), status: 'maintenance' }, { at: T('2026-12-07T09:00:00+08:00'), status: 'up' }])).toBe(60);
		expect(down([{ at: T('2026-12-07T15:30:00+08:00'), status: 'down' }])).toBe(30);
		// Down from the day before and still down: the whole shift.
		expect(down([{ at: T('2026-12-06T20:00:00+08:00'), status: 'down' }])).toBe(480);
	});

	it('plans only the shift time with work: an idle hour is neither planned nor lost, nor a stop while idle', () => {
		const spans: [number, number][] = [
			[T('2026-12-07T09:00:00+08:00'), T('2026-12-07T11:30:00+08:00')],
			[T('2026-12-07T11:00:00+08:00'), T('2026-12-07T12:00:00+08:00')],
			[T('2026-12-07T14:00:00+08:00'), T('2026-12-07T20:00:00+08:00')]
		];
		// Work 09:00-12:00 and 14:00-16:00 of the 08:00-16:00 shift; the stop 10:00-11:00 falls in it.
		expect(oeeFigures(day({ spans }), TZ)).toEqual({ planned: 300, down: 60, idealAll: 400, idealGood: 380 });
		// A stop 11:30-14:30: lost from 11:30 to 12:00 and from 14:00 to 14:30, not in the idle hours between.
		const across = [
			{ at: T('2026-12-07T11:30:00+08:00'), status: 'down' },
			{ at: T('2026-12-07T14:30:00+08:00'), status: 'up' }
		];
		expect(oeeFigures(day({ spans, changes: across }), TZ)).toMatchObject({ planned: 300, down: 60 });
		// No work: nothing planned, whatever stopped, so the day adds nothing but what it made.
		const idle = oeeFigures(day({ spans: [], idealAll: 0, idealGood: 0 }), TZ);
		expect(idle).toEqual({ planned: 0, down: 0, idealAll: 0, idealGood: 0 });
		expect(oeeRatios(idle)).toEqual([]);
	});

	it('counts changeovers as lost time, once where they meet a stop', () => {
		// Setups 07:45-08:15 (half before the shift) and 10:30-11:30 (half in the 10:00-11:00 stop).
		const setups: [number, number][] = [
			[T('2026-12-07T07:45:00+08:00'), T('2026-12-07T08:15:00+08:00')],
			[T('2026-12-07T10:30:00+08:00'), T('2026-12-07T11:30:00+08:00')]
		];
		const x = oeeFigures(day({ setups }), TZ);
		expect(x).toEqual({ planned: 480, down: 60 + 15 + 30, idealAll: 400, idealGood: 380 });
		const r = Object.fromEntries(oeeRatios(x).map((k) => [k.kpi, k]));
		expect(r.oee_availability).toMatchObject({ num: 375, den: 480 });
		expect(r.oee_performance).toMatchObject({ num: 400, den: 375 });
		expect(r.oee).toMatchObject({ num: 380, den: 480 });
	});

	it('covers each shift minute once, whatever the intervals (property)', () => {
		const shifts = shiftIntervals({ ...everyDay, shifts: [{ start: '00:00', end: '08:00' }, { start: '08:00', end: '16:00' }, { start: '20:00', end: '02:00' }] }, '2026-12-07', TZ);
		const base = T('2026-12-06T20:00:00+08:00');
		const interval = fc.tuple(fc.integer({ min: 0, max: 40 * 60 }), fc.integer({ min: 0, max: 12 * 60 })).map(([a, len]): [number, number] => [base + a * 60_000, base + (a + len) * 60_000]);
		fc.assert(
			fc.property(fc.array(interval, { maxLength: 8 }), (list) => {
				// Minute by minute: a shift minute counts when some interval covers it.
				let expected = 0;
				for (const [s, e] of shifts) for (let m = s; m < e; m += 60_000) if (list.some(([a, b]) => a <= m && m < b)) expected += 1;
				expect(coveredMinutes(shifts, list)).toBe(expected);
			})
		);
	});

	it('counts a night shift past midnight on its start day, and the minutes of overlapping shifts once', () => {
		const night = { shifts: [{ start: '22:00', end: '06:00' }, { start: '20:00', end: '23:00' }], workdays: [1, 2, 3, 4, 5, 6, 7] };
		expect(shiftIntervals(night, '2026-12-07', TZ)).toEqual([[T('2026-12-07T20:00:00+08:00'), T('2026-12-08T06:00:00+08:00')]]);
		const allNight: [number, number][] = [[T('2026-12-07T19:00:00+08:00'), T('2026-12-08T07:00:00+08:00')]];
		const x = oeeFigures(day({ calendar: night, spans: allNight, changes: [{ at: T('2026-12-08T05:00:00+08:00'), status: 'down' }] }), TZ);
		expect(x.planned).toBe(600);
		expect(x.down).toBe(60);
	});

	it('plans nothing on a holiday or before the work centre is known; output still counts', () => {
		const off = oeeFigures(day({ calendar: { ...everyDay, holidays: ['2026-12-07'] } }), TZ);
		expect(off).toEqual({ planned: 0, down: 0, idealAll: 400, idealGood: 380 });
		expect(oeeRatios(off).map((r) => r.kpi)).toEqual(['oee', 'oee_performance', 'oee_quality']);
		expect(oeeRatios(oeeFigures(day({ calendar: null, idealAll: 0, idealGood: 0 }), TZ))).toEqual([]);
	});

	it('counts a day at its start once it has ended at the horizon, for the total and the work centre', () => {
		expect(oeeContributions(day(), { horizon: T('2026-12-07T23:59:59+08:00'), timeZone: TZ })).toEqual([]);
		expect(oeeContributions(day(), { horizon: null, timeZone: TZ })).toEqual([]);
		const cs = oeeContributions(day(), { horizon: T('2026-12-08T00:00:00+08:00'), timeZone: TZ });
		expect(cs).toHaveLength(8);
		expect(cs.find((c) => c.kpi === 'oee' && c.dim === 'workCenter:WC-1')).toEqual({
			subject: 'WC-1:2026-12-07',
			kpi: 'oee',
			record: 'WC-1/2026-12-07',
			dim: 'workCenter:WC-1',
			bucket: T('2026-12-07T00:00:00+08:00'),
			num: 380,
			den: 480
		});
	});
});
