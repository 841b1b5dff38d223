// Timed jobs: node-cron fires each job on every node, in the factory's time zone, and only the
// node holding the job's lock (its leader, server/jobs/lock.ts) runs it; the others skip the tick
// and take over when the leader goes away. A job gets "now" from the injected clock, never from
// the tick, so tests and simulations decide what time it is. Jobs must be safe to run twice (a
// leader change at a tick may do so) and keep their transactions short.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../log.ts';
import type { Lease, Locks } from './lock.ts';

export interface JobContext {
	db: Db;
	now: Date;
	log: Logger;
}

export interface Job {
	/** Stable and unique: names its lock and its log lines. */
	name: string;
	/** A node-cron expression (an optional seconds field first), in the factory's time zone. */
	schedule: string;
	/** Runs the job once; what it answers is logged. */
	run(ctx: JobContext): Promise<unknown>;
}

export type JobOutcome = { ran: true; result: unknown } | { ran: false; reason: 'not-leader' | 'unknown-job' | 'stopped' };

export interface Jobs {
	/** Runs a job now on this node if it leads that job (what each tick does). */
	run(name: string): Promise<JobOutcome>;
	stop(): Promise<void>;
}

export interface JobDeps {
	db: Db;
	clock: Clock;
	log: Logger;
	locks: Locks;
	timeZone: string;
}

/** Starts `jobs`; with `schedule: false` they run only when asked (tests, the CLI). */
export function startJobs(deps: JobDeps, jobs: Job[], opts: { schedule?: boolean } = {}): Jobs {
	const byName = new Map(jobs.map((j) => [j.name, j]));
	if (byName.size !== jobs.length) throw new Error('two jobs share a name');
	for (const j of jobs) if (!cron.validate(j.schedule)) throw new Error(`job ${j.name}: invalid schedule "${j.schedule}"`);
	const leases = new Map<string, Lease>();
	const inFlight = new Set<Promise<unknown>>();
	let stopped = false;

	async function lead(name: string): Promise<boolean> {
		const held = leases.get(name);
		if (held?.held()) return true;
		const lease = await deps.locks.tryLock('job:' + name);
		if (lease) leases.set(name, lease);
		else leases.delete(name);
		return lease !== null;
	}

	async function run(name: string): Promise<JobOutcome> {
		const job = byName.get(name);
		if (!job) return { ran: false, reason: 'unknown-job' };
		if (stopped) return { ran: false, reason: 'stopped' };
		if (!(await lead(name))) return { ran: false, reason: 'not-leader' };
		const work = job.run({ db: deps.db, now: deps.clock.now(), log: deps.log });
		inFlight.add(work);
		try {
			const result = await work;
			deps.log.info({ job: name, result }, 'job ran');
			return { ran: true, result };
		} finally {
			inFlight.delete(work);
		}
	}

	const tasks: ScheduledTask[] =
		opts.schedule === false
			? []
			: jobs.map((j) =>
					cron.schedule(
						j.schedule,
						() =>
							run(j.name).catch((err) => {
								deps.log.error({ err, job: j.name }, 'job failed');
							}),
						{ name: j.name, timezone: deps.timeZone, noOverlap: true }
					)
				);

	return {
		run,
		async stop() {
			stopped = true;
			for (const t of tasks) await t.destroy();
			await Promise.allSettled([...inFlight]);
			for (const lease of leases.values()) await lease.release();
			leases.clear();
		}
	};
}
