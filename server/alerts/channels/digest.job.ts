// The standup digest as a timed job: at LIANDONG_STANDUP_TIME (default 08:30, factory time) it reads
// the day's DigestData from the source it is given, queues it for every active channel that takes
// the digest (once per day and channel, so a second run that day queues nothing) and drains.
import type { Job } from '../../jobs/scheduler.ts';
import type { DigestSource } from './digest.ts';
import { enqueue } from './outbox.ts';

export const STANDUP_DIGEST_JOB = 'standup-digest';

/** "08:30" as a node-cron expression. */
export function dailyAt(hhmm: string): string {
	const [h, m] = hhmm.split(':').map(Number);
	return `${m} ${h} * * *`;
}

export function standupDigestJob(opts: { source: DigestSource; at: string; drain: () => Promise<unknown> }): Job {
	return {
		name: STANDUP_DIGEST_JOB,
		schedule: dailyAt(opts.at),
		async run({ db, now }) {
			const digest = await opts.source(db, now);
			const channels = await db.transaction((tx) =>
				enqueue(tx, { sourceKey: `digest:${digest.date}`, alertId: `digest:${digest.date}`, message: { type: 'digest', date: digest.date, digest }, severity: null, digest: true })
			);
			await opts.drain();
			return { date: digest.date, channels };
		}
	};
}
