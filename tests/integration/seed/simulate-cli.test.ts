// `npm run -s cli -- simulate` as a user runs it: bad flags exit 2 before any database is opened; on
// the demo's database, without --profile, the demo plant's own behaviour drives the simulation, and
// every simulated action goes through (nothing refused).
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { settableClock } from '../../../server/clock.ts';
import { startDemo } from '../../../seed/demo/first-start.ts';

function cli(args: string[], env: Record<string, string> = {}) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'simulate', ...args], {
		encoding: 'utf8',
		env: { ...process.env, LIANDONG_DATA_DIR: '/nonexistent/not-opened', DATABASE_URL: '', REDIS_URL: '', ...env },
		timeout: 180_000
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let t: TestRuntime | null = null;
afterAll(async () => {
	await t?.database.drop();
});

describe(`cli simulate (${backendLabel})`, { timeout: 300_000 }, () => {
	it('exits 2 naming the flag on bad input, before opening a database', () => {
		for (const [args, flag] of [
			[['--duration', '5s', '--rate', '0'], '--rate'],
			[['--rate', '60'], '--duration'],
			[['--duration', '5s', '--seed', '-1'], '--seed']
		] as const) {
			const r = cli([...args]);
			expect(r.status, r.stderr).toBe(2);
			expect(r.stderr).toContain(flag);
		}
	});

	it('simulates the demo plant with its own profile when none is named', async () => {
		t = await openTestRuntime({ clock: settableClock(), env: { LIANDONG_DEMO: '1' } });
		// The plant alone (no history), no simulator: the CLI is what moves it.
		const demo = startDemo(t.rt, { historyDays: 0, speed: 0 });
		expect(await demo.done).toBe('loaded');
		await demo.stop();
		await t.rt.close();
		// Two seconds at 18,000×: ten factory hours.
		const r = cli(['--duration', '2s', '--rate', '18000', '--seed', '3'], t.database.env);
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as { profile: string; commands: number; refused: number; hours: number };
		expect(out.profile).toBe('demo');
		expect(out.hours).toBeGreaterThan(0);
		expect(out.refused).toBe(0);
	});
});
