import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
	it('defaults to the embedded backends on port 3000 in Asia/Shanghai with the demo on', () => {
		expect(loadConfig({})).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			dataDir: './data',
			databaseUrl: undefined,
			redisUrl: undefined,
			demo: true,
			timeZone: 'Asia/Shanghai'
		});
	});

	it('turns the demo off by default when DATABASE_URL is set, and LIANDONG_DEMO overrides', () => {
		expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
		expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', LIANDONG_DEMO: '1' }).demo).toBe(true);
		expect(loadConfig({ LIANDONG_DEMO: '0' }).demo).toBe(false);
	});

	it('writes 90 days of demo history and simulates at 60× unless told otherwise, within bounds', () => {
		expect(loadConfig({})).toMatchObject({ demoHistoryDays: 90, demoSpeed: 60 });
		expect(loadConfig({ LIANDONG_DEMO_HISTORY_DAYS: '7', LIANDONG_DEMO_SPEED: '0' })).toMatchObject({ demoHistoryDays: 7, demoSpeed: 0 });
		expect(() => loadConfig({ LIANDONG_DEMO_HISTORY_DAYS: '400' })).toThrow(/LIANDONG_DEMO_HISTORY_DAYS/);
		expect(() => loadConfig({ LIANDONG_DEMO_HISTORY_DAYS: '2.5' })).toThrow(/LIANDONG_DEMO_HISTORY_DAYS/);
		expect(() => loadConfig({ LIANDONG_DEMO_SPEED: '-1' })).toThrow(/LIANDONG_DEMO_SPEED/);
	});

	it('treats empty variables as unset', () => {
		expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
	});

	it('names every bad variable in one error', () => {
		let err: unknown;
		try {
			loadConfig({
				PORT: 'eighty',
				DATABASE_URL: 'mysql://x',
				REDIS_URL: 'http://x',
				LIANDONG_TIMEZONE: 'Mars/Olympus',
				LIANDONG_DEMO: 'yes',
				LIANDONG_ADMIN_TOKEN: 'short'
			});
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ConfigError);
		const vars = (err as ConfigError).problems.map((p) => p.variable).sort();
		expect(vars).toEqual(['DATABASE_URL', 'LIANDONG_ADMIN_TOKEN', 'LIANDONG_DEMO', 'LIANDONG_TIMEZONE', 'PORT', 'REDIS_URL']);
		for (const v of vars) expect((err as Error).message).toContain(v);
	});

	it('returns a frozen config', () => {
		expect(Object.isFrozen(loadConfig({}))).toBe(true);
	});
});
