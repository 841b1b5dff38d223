// `npm run bench` arguments: names, and the scale from --scale or BENCH_SCALE.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.ts';

describe('bench arguments', () => {
	it('runs at scale 1 unless told otherwise', () => {
		expect(parseArgs(['reads', 'kpi'], {})).toEqual({ scale: 1, names: ['reads', 'kpi'] });
		expect(parseArgs([], { BENCH_SCALE: '' })).toEqual({ scale: 1, names: [] });
	});

	it('takes --scale <f>, --scale=<f> or BENCH_SCALE, the option over the variable', () => {
		expect(parseArgs(['--scale', '0.01', 'ingest'], {})).toEqual({ scale: 0.01, names: ['ingest'] });
		expect(parseArgs(['live', '--scale=0.5'], {})).toEqual({ scale: 0.5, names: ['live'] });
		expect(parseArgs(['planning'], { BENCH_SCALE: '0.1' })).toEqual({ scale: 0.1, names: ['planning'] });
		expect(parseArgs(['--scale', '0.2'], { BENCH_SCALE: '0.1' })).toEqual({ scale: 0.2, names: [] });
	});

	it('refuses a scale that is not above 0 and at most 1, naming where it came from', () => {
		expect(parseArgs(['--scale', '0'], {})).toEqual({ error: expect.stringMatching(/^--scale must be .* got "0"/) });
		expect(parseArgs(['--scale=2'], {})).toEqual({ error: expect.stringMatching(/^--scale/) });
		expect(parseArgs([], { BENCH_SCALE: 'lots' })).toEqual({ error: expect.stringMatching(/^BENCH_SCALE must be .* got "lots"/) });
		expect(parseArgs(['reads', '--scale'], {})).toEqual({ error: '--scale needs a number' });
	});
});
