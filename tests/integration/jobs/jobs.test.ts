import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, testConfig, usesPostgres, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { createSession, insertUser, sessionUser } from '../../../server/auth/users.ts';
import { startJobs, type JobContext } from '../../../server/jobs/scheduler.ts';
import { memoryLocks } from '../../../server/jobs/lock.ts';

const NOW = new Date('2026-12-06T08:00:00+08:00');
const clock = { now: () => NOW };
let database: TestDatabase;
const open: Runtime[] = [];

beforeAll(async () => {
	database = await freshDatabase();
});
afterEach(async () => {
	for (const rt of open.splice(0)) await rt.close().catch(() => undefined);
});
afterAll(async () => database?.drop());

async function runtime(opts: RuntimeOptions = {}): Promise<Runtime> {
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('silent'), jobs: false, clock, ...opts });
	open.push(rt);
	return rt;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(`timed jobs (${backendLabel})`, () => {
	it('purge the sessions that expired by the clock\'s now, and only those', async () => {
		const rt = await runtime();
		const user = await insertUser(rt.db, { username: 'purge-test', displayName: 'Purge', password: 'purge-password-1', roles: ['viewer'] });
		// createSession gives 14 days from the `now` it is given.
		const at = (ms: number) => createSession(rt.db, user.id, new Date(NOW.getTime() + ms - 14 * DAY));
		const [longGone, justGone, exactlyNow, tomorrow, nextWeek] = await Promise.all([-30 * DAY, -1000, 0, DAY, 7 * DAY].map(at));
		const outcome = await rt.jobs.run('auth.purge-expired-sessions');
		expect(outcome).toEqual({ ran: true, result: { purged: 3 } });
		const left = await rt.db.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [user.id]);
		expect(left.rows[0].n).toBe(2);
		for (const s of [tomorrow, nextWeek]) expect((await sessionUser(rt.db, s.secret, NOW))?.id).toBe(user.id);
		for (const s of [longGone, justGone, exactlyNow]) expect(await sessionUser(rt.db, s.secret, new Date(0))).toBeNull();
		expect(await rt.jobs.run('auth.purge-expired-sessions')).toEqual({ ran: true, result: { purged: 0 } });
		expect(await rt.jobs.run('no.such.job')).toEqual({ ran: false, reason: 'unknown-job' });
	});

	it('fire on their cron schedule, with "now" from the injected clock', async () => {
		const rt = await runtime();
		const runs: JobContext[] = [];
		const jobs = startJobs({ db: rt.db, clock, log: rt.log, locks: memoryLocks(), timeZone: 'Asia/Shanghai' }, [
			{ name: 'test.every-second', schedule: '* * * * * *', run: async (ctx) => runs.push(ctx) }
		]);
		try {
			const deadline = Date.now() + 10_000;
			while (!runs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			expect(runs[0]?.now).toEqual(NOW);
			expect(runs[0]?.db).toBe(rt.db);
		} finally {
			await jobs.stop();
		}
	});

	it('refuse a schedule node-cron cannot read', () => {
		expect(() => startJobs({} as never, [{ name: 'bad', schedule: 'every day', run: async () => null }], { schedule: false })).toThrow('invalid schedule');
	});

	it.skipIf(!usesPostgres)('run each job on one node only, and on another once that node stops', async () => {
		const [a, b] = [await runtime(), await runtime()];
		expect(await a.jobs.run('auth.purge-expired-sessions')).toMatchObject({ ran: true });
		expect(await b.jobs.run('auth.purge-expired-sessions')).toEqual({ ran: false, reason: 'not-leader' });
		expect(await a.jobs.run('auth.purge-expired-sessions')).toMatchObject({ ran: true });
		open.splice(open.indexOf(a), 1);
		await a.close();
		const deadline = Date.now() + 10_000;
		let outcome = await b.jobs.run('auth.purge-expired-sessions');
		while (!outcome.ran && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 25));
			outcome = await b.jobs.run('auth.purge-expired-sessions');
		}
		expect(outcome).toMatchObject({ ran: true });
	});
});
