import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../src/lib/format/dates.ts';

describe('dates as the pages show them', () => {
	it('shows a moment in the factory time zone, ISO order, 24-hour clock, no seconds', () => {
		expect(formatDateTime('2026-12-06T06:05:59Z', 'Asia/Shanghai')).toBe('2026-12-06 14:05');
		expect(formatDateTime('2026-12-06T23:30:00+08:00', 'Asia/Shanghai')).toBe('2026-12-06 23:30');
		expect(formatDateTime(Date.UTC(2026, 11, 6, 0, 0), 'Asia/Shanghai')).toBe('2026-12-06 08:00');
	});

	it('puts a moment on the factory’s day, not UTC’s', () => {
		// 17:30 UTC on the 5th is already 01:30 on the 6th in Shanghai, still the 5th in Berlin
		expect(formatDate('2026-12-05T17:30:00Z', 'Asia/Shanghai')).toBe('2026-12-06');
		expect(formatDate('2026-12-05T17:30:00Z', 'Europe/Berlin')).toBe('2026-12-05');
		expect(formatDateTime(new Date('2026-12-05T17:30:00Z'), 'Europe/Berlin')).toBe('2026-12-05 18:30');
	});

	it('keeps a date-only value as it is (it is the factory’s day already)', () => {
		expect(formatDate('2026-12-06', 'America/Los_Angeles')).toBe('2026-12-06');
	});

	it('shows midnight as 00:00, not 24:00', () => {
		expect(formatDateTime('2026-12-05T16:00:00Z', 'Asia/Shanghai')).toBe('2026-12-06 00:00');
	});

	it('shows nothing for no value and what was recorded for something that is not a date', () => {
		expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
		expect(formatDate(undefined, 'Asia/Shanghai')).toBe('');
		expect(formatDateTime('not a date', 'Asia/Shanghai')).toBe('not a date');
	});
});
