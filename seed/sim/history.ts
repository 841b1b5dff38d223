// The demo factory's past: the same simulation as the live one, run with the runtime's clock set back
// `days` and stepped forward an hour at a time to now, as fast as the database allows (no waiting), so
// the event log, the KPIs and the plan read as a factory's last three months. What would otherwise
// run after every simulated hour is done less often: planning once per simulated morning
// (regenerative, at 06:00); the durable reactions take the whole history in afterwards; the KPI ledger,
// a function of the projections, is held and rebuilt once at the end (the KPI clock still takes each
// simulated day's inventory snapshot at midnight). Afterwards the clock follows the system clock again
// and the plan is made for today.
import type { Runtime } from '../../server/runtime.ts';
import { isSettable, systemClock } from '../../server/clock.ts';
import { advanceKpiClock, rewindKpiClock } from '../../server/kpi/clock.job.ts';
import { rebuildKpis } from '../../server/kpi/rebuild.ts';
import { isLedgerProjector } from '../../server/kpi/projectors.ts';
import { dayStart } from '../../server/kpi/time.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import type { SimProfile } from './profile.ts';
import { DAY, HOUR, localHour, SAME_TIME, yieldToEventLoop } from './context.ts';
import { openSimulation, type SimStats } from './simulation.ts';
import { maintainEmbedded } from '../../server/db/maintenance.job.ts';
import { isoWeekday } from '../../server/planning/capacity.ts';

export interface HistoryProgress {
	/** Simulated days done, of `days`. */
	day: number;
	days: number;
	/** The simulated instant reached. */
	at: string;
}

export interface HistoryOptions {
	/** How far back the history starts (default 90). */
	days?: number;
	seed?: number;
	profile?: SimProfile;
	/** Where the history ends (default: now, as the system clock moves on while it runs). */
	until?: Date;
	onProgress?(p: HistoryProgress): void;
	/** Stops the run between two simulated hours (the server is stopping): it rejects with the reason. */
	signal?: AbortSignal;
}

export interface HistorySummary extends SimStats {
	from: string;
	to: string;
	days: number;
	/** Plan runs made along the way. */
	plans: number;
	ms: number;
}

export const DEFAULT_SEED = 1;

/** The weekly upkeep's sampling (maintainEmbedded): coarse statistics keep the plans on their indexes at about half the cost, on the tables that changed enough; the finale's upkeep samples the tables changed since in full. */
const WEEKLY_STATISTICS_TARGET = 10;

/**
 * Where a history of `days` days before `now` starts: midnight (factory time) of that day. Master data
 * the history uses should be loaded with the clock set to this instant or before it, so that every
 * day of the history sees the factory as it is (calendars, terms).
 */
export function historyStart(now: Date, days: number, timeZone: string): Date {
	return new Date(dayStart(addDays(factoryDate(now, timeZone), -days), timeZone));
}

/**
 * Writes `days` days of factory history up to now through the simulator. The runtime's clock must be
 * settable (server/clock.ts settableClock); it is set back for the run and follows the system clock
 * again afterwards, also when the run fails. Automatic planning is held meanwhile.
 */
export async function generateHistory(rt: Runtime, opts: HistoryOptions = {}): Promise<HistorySummary> {
	const clock = rt.clock;
	if (!isSettable(clock)) throw new Error('generateHistory needs a runtime whose clock is settable (server/clock.ts settableClock)');
	const days = opts.days ?? 90;
	if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`days must be a whole number from 1 to 3650, not ${days}`);
	const seed = opts.seed ?? DEFAULT_SEED;
	const timeZone = rt.config.timeZone;
	const started = performance.now();
	const end = () => (opts.until ?? systemClock.now()).getTime();
	const start = historyStart(new Date(end()), days, timeZone).getTime();
	let plans = 0;
	let to = start;
	// Planning and the reactions wait: the history plans once a morning, and the reactions take in the
	// whole history afterwards instead of waking at each of its thousands of commits.
	const releases = [rt.planning.hold(), ...[...rt.reactions.values()].map((r) => r.hold())];
	let ledger: (() => void) | null = rt.projectors.hold(isLedgerProjector);
	// The embedded database is one session: for the history, each statement keeps the plan it was first
	// given instead of PostgreSQL re-planning, run after run, the ones whose general plan it judges
	// costlier than a plan for the values at hand (about 7 % of a first start, same answers). Pages and
	// the server afterwards plan as usual.
	const genericPlans = rt.db.kind === 'pglite';
	try {
		if (genericPlans) await rt.db.exec('set plan_cache_mode = force_generic_plan');
		await rewindKpiClock(rt.db, new Date(start));
		clock.set(new Date(start));
		const sim = await openSimulation(rt, { seed, profile: opts.profile, timeline: SAME_TIME });
		let lastDay = -1;
		// Whole hours while the system clock is ahead, then the part of an hour up to now, once.
		for (let from = start, last = false; !last; from = to) {
			const now = end();
			last = from + HOUR > now;
			to = last ? now : from + HOUR;
			if (to <= from) break;
			opts.signal?.throwIfAborted();
			// The embedded database runs in this thread: pages and /healthz get their turn every hour.
			await yieldToEventLoop();
			clock.set(new Date(from));
			const { date, hour } = localHour(from, timeZone);
			if (hour === 0) {
				await advanceKpiClock(rt.db, new Date(from), timeZone, []);
				// Weekly, the upkeep the embedded database gets hourly on a running server
				// (server/db/maintenance.job.ts): months of updates in minutes would bloat it.
				if (isoWeekday(date) === 1) await maintainEmbedded(rt.db, { statisticsTarget: WEEKLY_STATISTICS_TARGET });
			}
			if (hour === 6) {
				await rt.planning.regenerate('simulation');
				await rt.autoLink.settle();
				plans++;
			}
			const actions = await sim.decide(from, to);
			await sim.run(actions.chained, { chained: true, stamped: true });
			await sim.run(actions.each, { stamped: true });
			sim.hourDone();
			const day = Math.floor((to - start) / DAY);
			if (day !== lastDay) {
				lastDay = day;
				opts.onProgress?.({ day: Math.min(day, days), days, at: new Date(to).toISOString() });
			}
		}
		clock.set(null);
		ledger();
		ledger = null;
		const finale = performance.now();
		// Each step holds the embedded database for a second or so: pages get their turn in between.
		await advanceKpiClock(rt.db, clock.now(), timeZone, []);
		await yieldToEventLoop();
		const kpis = await rebuildKpis(rt.db, timeZone);
		await yieldToEventLoop();
		const upkeep = await maintainEmbedded(rt.db);
		await yieldToEventLoop();
		const planned = performance.now();
		await rt.planning.regenerate('simulation');
		await rt.autoLink.settle();
		plans++;
		rt.log.info(
			{ kpiRebuildMs: kpis.ms, vacuumMs: upkeep.ms ?? null, planMs: Math.round(performance.now() - planned), finaleMs: Math.round(performance.now() - finale) },
			'history written: KPI ledger rebuilt, database kept up, plan for today'
		);
		return { ...sim.stats, from: new Date(start).toISOString(), to: new Date(to).toISOString(), days, plans, ms: Math.round(performance.now() - started) };
	} finally {
		clock.set(null);
		if (genericPlans) await rt.db.exec('reset plan_cache_mode').catch((err) => rt.log.warn({ err }, 'resetting plan_cache_mode after the history failed'));
		if (ledger) {
			// Failed midway: the ledger is made whole again before anything else appends.
			ledger();
			await rebuildKpis(rt.db, timeZone).catch((err) => rt.log.error({ err }, 'rebuilding the KPI ledger after a failed history failed'));
		}
		for (const release of releases) release();
	}
}
