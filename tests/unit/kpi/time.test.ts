// Factory-calendar instants for KPI buckets, in a zone without DST and in one with it.
import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, windowRange, zoneOffset } from '../../../server/kpi/time.ts';

const iso = (t: number) => new Date(t).toISOString();

describe('factory days as instants', () => {
	it('starts a Shanghai day at 16:00 UTC the day before', () => {
		expect(iso(dayStart('2026-12-01', 'Asia/Shanghai'))).toBe('2026-11-30T16:00:00.000Z');
		expect(iso(dayEnd('2026-12-31', 'Asia/Shanghai'))).toBe('2026-12-31T16:00:00.000Z');
	});

	it('gives Berlin a 23-hour day when summer time starts and a 25-hour day when it ends', () => {
		expect(iso(dayStart('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
		expect(dayEnd('2026-03-29', 'Europe/Berlin') - dayStart('2026-03-29', 'Europe/Berlin')).toBe(23 * 3_600_000);
		expect(iso(dayStart('2026-10-25', 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
		expect(dayEnd('2026-10-25', 'Europe/Berlin') - dayStart('2026-10-25', 'Europe/Berlin')).toBe(25 * 3_600_000);
	});

	it('knows half-hour offsets', () => {
		expect(zoneOffset(Date.parse('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
		expect(iso(dayStart('2026-06-01', 'Asia/Kolkata'))).toBe('2026-05-31T18:30:00.000Z');
	});

	it('makes live windows of whole factory days ending with today', () => {
		const now = new Date('2026-12-03T01:00:00+08:00');
		const r = (w: 'today' | '7d' | '30d' | 'mtd') => {
			const x = windowRange(w, now, 'Asia/Shanghai');
			return [iso(x.from), iso(x.to)];
		};
		expect(r('today')).toEqual(['2026-12-02T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
		expect(r('7d')).toEqual(['2026-11-26T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
		expect(r('30d')).toEqual(['2026-11-03T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
		expect(r('mtd')).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-03T16:00:00.000Z']);
	});
});
