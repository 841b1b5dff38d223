import { describe, expect, it } from 'vitest';
import { lockKey } from '../../../server/jobs/lock.ts';
import { LOCKS } from '../../../server/db/db.ts';

describe('lock keys', () => {
	it('are stable, fit a signed 64-bit advisory key, and differ by name', () => {
		const names = ['job:auth.purge-expired-sessions', 'reaction:planning.net-change', 'job:a', 'job:b'];
		const keys = names.map(lockKey);
		expect(names.map(lockKey)).toEqual(keys);
		for (const k of keys) expect(k >= 0n && k < 2n ** 63n).toBe(true);
		expect(new Set(keys).size).toBe(names.length);
		expect(keys).not.toContain(LOCKS.migrations);
		expect(keys).not.toContain(LOCKS.setup);
	});
});
