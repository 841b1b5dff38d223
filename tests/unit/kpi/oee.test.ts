// OEE as a pure function of a work-centre day: planned minutes from the calendar, downtime clipped to
// the shifts, ideal minutes of output; the three factors multiply to OEE.
import { describe, expect, it } from 'vitest';
import { downtimeMinutes, oeeContributions, oeeFigures, oeeRatios, shiftIntervals, type OeeDayFacts } from '../../../server/kpi/families/oee.ts';

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
		const early = [{ at: T('2026-12-07T06:00:00+08:00'), status: 'maintenance' }, { at: T('2026-12-07T09:00:00+08:00'), status: 'up' }];
		expect(downtimeMinutes(shifts, early, 480)).toBe(60);
		expect(downtimeMinutes(shifts, [{ at: T('2026-12-07T15:30:00+08:00'), status: 'down' }], 480)).toBe(30);
		// Down from the day before and still down: the whole shift.
		expect(downtimeMinutes(shifts, [{ at: T('2026-12-06T20:00:00+08:00'), status: 'down' }], 480)).toBe(480);
	});

	it('counts a night shift past midnight on its start day, and overlapping shifts once for downtime', () => {
		const night = { shifts: [{ start: '22:00', end: '06:00' }, { start: '20:00', end: '23:00' }], workdays: [1, 2, 3, 4, 5, 6, 7] };
		expect(shiftIntervals(night, '2026-12-07', TZ)).toEqual([[T('2026-12-07T20:00:00+08:00'), T('2026-12-08T06:00:00+08:00')]]);
		const x = oeeFigures(day({ calendar: night, changes: [{ at: T('2026-12-08T05:00:00+08:00'), status: 'down' }] }), TZ);
		expect(x.planned).toBe(480 + 180);
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
