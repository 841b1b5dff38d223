import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERNS, formatNumber, isPattern, maxSeq, NUMBERED_KINDS, parsePattern, periodKey, type Pattern } from '../../../server/numbering/pattern.ts';
import { newCode } from '../../../server/events/primitives.ts';

const parsed = (s: string): Pattern => {
	const p = parsePattern(s);
	if (!isPattern(p)) throw new Error(`${s}: ${p.message}`);
	return p;
};
const problem = (s: string) => {
	const p = parsePattern(s);
	return isPattern(p) ? null : p.problem;
};

describe('document number patterns', () => {
	it('formats the date tokens and the zero-padded running number', () => {
		expect(formatNumber(parsed('SO-{yyyy}{seq:5}'), '2026-03-09', 7)).toBe('SO-202600007');
		expect(formatNumber(parsed('MO{yy}{mm}{dd}-{seq:3}'), '2026-03-09', 42)).toBe('MO260309-042');
		expect(formatNumber(parsed('{seq:4}.出库'), '2026-03-09', 12)).toBe('0012.出库');
	});

	it('restarts the running number when the date part changes, never otherwise', () => {
		const yearly = parsed('SO-{yyyy}{seq:5}');
		expect(periodKey(yearly, '2026-01-01')).toBe(periodKey(yearly, '2026-12-31'));
		expect(periodKey(yearly, '2026-12-31')).not.toBe(periodKey(yearly, '2027-01-01'));
		const plain = parsed('PO-{seq:6}');
		expect(periodKey(plain, '2026-01-01')).toBe(periodKey(plain, '2031-07-04'));
		const daily = parsed('X{yy}{mm}{dd}{seq:3}');
		expect(periodKey(daily, '2026-01-01')).not.toBe(periodKey(daily, '2026-01-02'));
	});

	it('refuses patterns without exactly one {seq:N} of 3 to 9 digits, unknown tokens, unsafe characters and lengths', () => {
		expect(problem('SO-{yyyy}')).toBe('seq_count');
		expect(problem('{seq:3}-{seq:3}')).toBe('seq_count');
		expect(problem('SO-{seq:2}')).toBe('seq_digits');
		expect(problem('SO-{seq:10}')).toBe('seq_digits');
		expect(problem('SO-{year}{seq:5}')).toBe('token');
		expect(problem('SO {seq:5}')).toBe('chars');
		expect(problem('SO/{seq:5}')).toBe('chars');
		expect(problem('SO#{seq:5}')).toBe('chars');
		expect(problem('SO-{seq:5')).toBe('chars');
		expect(problem('')).toBe('length');
		expect(problem('A'.repeat(35) + '{seq:5}')).toBe('length');
		for (const kind of NUMBERED_KINDS) expect(problem(DEFAULT_PATTERNS[kind])).toBeNull();
	});

	it('gives numbers that are safe codes', () => {
		for (const kind of NUMBERED_KINDS) expect(newCode.safeParse(formatNumber(parsed(DEFAULT_PATTERNS[kind]), '2026-12-31', 99_999)).success).toBe(true);
	});

	it('numbers assigned in sequence are strictly increasing and unique within a period', () => {
		const literal = fc.stringMatching(/^[A-Za-z0-9_.-]{0,6}$/);
		const dateToken = fc.constantFrom('', '{yyyy}', '{yy}', '{mm}', '{dd}', '{yy}{mm}');
		const arb = fc.record({
			prefix: literal,
			date: dateToken,
			digits: fc.integer({ min: 3, max: 9 }),
			suffix: literal,
			day: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
			start: fc.integer({ min: 1, max: 900 }),
			count: fc.integer({ min: 2, max: 60 })
		});
		fc.assert(
			fc.property(arb, ({ prefix, date, digits, suffix, day, start, count }) => {
				const p = parsed(`${prefix}${date}{seq:${digits}}${suffix}`);
				const numbers = Array.from({ length: Math.min(count, maxSeq(p) - start + 1) }, (_, i) => formatNumber(p, day, start + i));
				expect(new Set(numbers).size).toBe(numbers.length);
				// Same length, zero-padded: text order is number order (what a list sorted by number shows).
				for (let i = 1; i < numbers.length; i++) expect(numbers[i - 1] < numbers[i]).toBe(true);
			})
		);
	});

	it('refuses a running number outside what the pattern can show', () => {
		const p = parsed('A{seq:3}');
		expect(() => formatNumber(p, '2026-01-01', 1000)).toThrow(RangeError);
		expect(() => formatNumber(p, '2026-01-01', 0)).toThrow(RangeError);
	});
});
