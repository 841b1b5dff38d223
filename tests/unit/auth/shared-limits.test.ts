import { describe, expect, it } from 'vitest';
import { memoryLimiter, step } from '../../../server/auth/shared-limits.ts';

const policy = { burst: 3, perSecond: 0.5 };

describe('token bucket', () => {
	it('lets a burst through, then says how long until the next try', () => {
		let b = undefined;
		for (let i = 0; i < 3; i++) {
			const r = step(b, policy, 0, 1);
			expect(r.ok).toBe(true);
			b = r.bucket;
		}
		expect(step(b, policy, 0, 1)).toMatchObject({ ok: false, retryAfterMs: 2000 });
		expect(step(b, policy, 2000, 1).ok).toBe(true);
	});

	it('refills with time up to the burst, never beyond, and takes refunds', () => {
		const empty = { tokens: 0, at: 0 };
		expect(step(empty, policy, 60_000, 0).bucket.tokens).toBe(3);
		expect(step(empty, policy, 0, -1).bucket.tokens).toBe(1);
		expect(step({ tokens: 3, at: 0 }, policy, 0, -1).bucket.tokens).toBe(3);
	});

	it('keeps keys apart in memory', async () => {
		const l = memoryLimiter();
		for (let i = 0; i < 3; i++) await l.take('a', policy, 0);
		expect((await l.take('a', policy, 0)).ok).toBe(false);
		expect((await l.take('b', policy, 0)).ok).toBe(true);
		await l.give('a', policy, 0);
		expect((await l.take('a', policy, 0)).ok).toBe(true);
	});
});
