// The live simulator: the factory goes on from wherever its data stands, `speed` simulated hours per
// hour of the clock (60: a factory hour a minute). Each simulated hour is decided as it begins and its
// actions run one by one at their moment, stamped with the clock, so screens see the data move every
// few seconds. Work on the shop floor, the sales desk and the office runs on simulated time; dates on
// documents (requested, promised, expected) and supplier deliveries follow the calendar. Planning is
// asked for a net change before the planner's rounds (a no-op when the runtime has planned already).
import type { Runtime } from '../../server/runtime.ts';
import { advanceKpiClock } from '../../server/kpi/clock.job.ts';
import { dayStart } from '../../server/kpi/time.ts';
import type { SimProfile } from './profile.ts';
import { fasterTimeline, HOUR, localHour, yieldToEventLoop, type Action } from './context.ts';
import { openSimulation, emptyStats, type SimStats } from './simulation.ts';
import { DEFAULT_SEED } from './history.ts';

export const DEFAULT_SPEED = 60;

export interface LiveOptions {
	seed?: number;
	profile?: SimProfile;
	/** Simulated hours per hour of the clock (default 60). */
	speed?: number;
}

export interface LiveSimulator {
	/** Counts so far. */
	readonly stats: SimStats;
	/** Settles when the simulator has stopped (after stop(), or when it failed: then it rejects). */
	readonly done: Promise<void>;
	/** Stops after the action running now; answers the counts. */
	stop(): Promise<SimStats>;
}

/** Actions due within this much clock time of each other run as one transaction. */
const BATCH_MS = 250;

/** The start of the factory hour after the one `at` falls in. */
function nextHour(at: number, timeZone: string): number {
	const { date, hour } = localHour(at, timeZone);
	return dayStart(date, timeZone) + (hour + 1) * HOUR;
}

export function startSimulator(rt: Runtime, opts: LiveOptions = {}): LiveSimulator {
	const speed = opts.speed ?? DEFAULT_SPEED;
	if (!(speed > 0 && speed <= 100_000)) throw new Error(`speed must be above 0 and at most 100000, not ${speed}`);
	const seed = opts.seed ?? DEFAULT_SEED;
	const timeZone = rt.config.timeZone;
	let stopped = false;
	let wake: (() => void) | null = null;
	let stats = emptyStats();

	/** Waits until the clock reaches `clockMs`, or the simulator stops. */
	function until(clockMs: number): Promise<void> {
		const ms = clockMs - rt.clock.now().getTime();
		// Actions already due still let requests in between them (the database may run in this thread).
		if (ms <= 0 || stopped) return yieldToEventLoop();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				wake = null;
				resolve();
			}, ms);
			wake = () => {
				clearTimeout(timer);
				wake = null;
				resolve();
			};
		});
	}

	async function loop(): Promise<void> {
		const anchor = rt.clock.now().getTime();
		const timeline = fasterTimeline(anchor, speed);
		const sim = await openSimulation(rt, { seed, profile: opts.profile, timeline });
		stats = sim.stats;
		for (let from = anchor; !stopped; ) {
			const to = nextHour(from, timeZone);
			const { hour } = localHour(from, timeZone);
			if (hour === 6 || hour === 8 || hour === 13) {
				await rt.planning.netChange('simulation');
				await rt.autoLink.settle();
			}
			await advanceKpiClock(rt.db, rt.clock.now(), timeZone);
			const { chained, each } = await sim.decide(from, to);
			if (chained.length && !stopped) {
				await until(timeline.toClock(chained[0].at));
				await sim.run(chained, { chained: true, stamped: false });
			}
			for (let i = 0; i < each.length && !stopped; ) {
				await until(timeline.toClock(each[i].at));
				if (stopped) break;
				const due = rt.clock.now().getTime() + BATCH_MS;
				const batch: Action[] = [];
				while (i < each.length && timeline.toClock(each[i].at) <= due) batch.push(each[i++]);
				await sim.run(batch, { stamped: false });
			}
			if (stopped) break;
			sim.hourDone();
			await until(timeline.toClock(to));
			from = to;
		}
	}

	const done = loop().catch((err) => {
		rt.log.error({ err }, 'the simulator stopped after an error');
		throw err;
	});
	// A failure is reported through `done` and the log; nobody has to await it.
	done.catch(() => undefined);
	return {
		get stats() {
			return stats;
		},
		done,
		async stop() {
			stopped = true;
			wake?.();
			await done.catch(() => undefined);
			return stats;
		}
	};
}
