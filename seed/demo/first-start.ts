// The demo factory on a start in demo mode (LIANDONG_DEMO; on by default with the embedded database):
// an empty database is claimed and the demo prepared in the background — users and plant, 90 days
// of history, a plan — while the server already answers; a later start on the same data continues
// the simulation and never loads again. A database with anything a person entered is left alone.
// One node does this (lock "demo"); the others see the progress in demo_state like any page.
import type { Runtime } from '../../server/runtime.ts';
import type { Lease } from '../../server/jobs/lock.ts';
import { claimDemo, failDemo, isEmptyForDemo, readDemoState, setDemoAccounts } from '../../server/demo/state.ts';
import { buildPlant, demoProfile, loadPlant } from '../plant/index.ts';
import { DemoLoader, type DemoStep } from './loader.ts';
import { DEMO_SIMULATION, type DemoSimulation } from './simulation.ts';

export const DEMO_LOCK = 'demo';

export interface DemoOptions {
	/** The history and simulator (default: DEMO_SIMULATION, seed/demo/simulation.ts). */
	simulation?: DemoSimulation;
	seed?: number;
	historyDays?: number;
	/** Simulator speed (default 60: a factory hour per minute; 0: no simulator). */
	speed?: number;
}

/**
 * off: not in demo mode · elsewhere: another node handles it · not_empty: real data, left alone ·
 * loaded: prepared now · continued: prepared before, simulation continues · failed: this or an earlier
 * preparation failed or was interrupted (the data folder has to be removed to try again).
 */
export type DemoOutcome = 'off' | 'elsewhere' | 'not_empty' | 'loaded' | 'continued' | 'failed';

export interface DemoHandle {
	/** Settles when the preparation is over (or was never needed). */
	readonly done: Promise<DemoOutcome>;
	/** Stops the simulator, or a preparation still going (recorded as interrupted), and releases the lock. */
	stop(): Promise<void>;
}

export const DEFAULT_HISTORY_DAYS = 90;
const STOP_WAIT_MS = 10_000;

/**
 * The steps of a first start: the plant, the history, a plan of everything. `releasePlanning` ends the
 * hold on automatic planning the preparation runs under (one plan at the end instead of one after
 * every few commands, and none at today's date halfway through the history).
 */
export function demoSteps(opts: Required<Pick<DemoOptions, 'seed' | 'historyDays'>> & { simulation: DemoSimulation; releasePlanning?: () => void }): DemoStep[] {
	const { seed, historyDays, simulation, releasePlanning } = opts;
	const steps: DemoStep[] = [
		{
			id: 'plant',
			label: { 'zh-CN': '建立工厂：用户、物料、工艺、供应商和客户', en: 'Setting up the factory: users, items, routings, suppliers and customers' },
			weight: 8,
			async run({ rt, progress, signal }) {
				const plant = buildPlant(seed);
				// Stamped the day before the history starts, so the history builds on it.
				const at = new Date(rt.clock.now().getTime() - (historyDays + 1) * 86_400_000);
				const out = await loadPlant(rt, plant, {
					at,
					// Listed on the sign-in page as soon as they exist.
					onAccounts: (accounts) => setDemoAccounts(rt.db, accounts),
					onProgress(done, total) {
						signal.throwIfAborted();
						progress(done / total);
					}
				});
				rt.log.info({ commands: out.commands, ms: out.ms }, 'demo plant loaded');
			}
		}
	];
	const generateHistory = simulation.generateHistory;
	// Whether the history's last act was a plan of today: then another would only repeat it, while the
	// durable reactions, let go at the history's end, take in its events beside it.
	let planned = false;
	if (generateHistory && historyDays > 0) {
		steps.push({
			id: 'history',
			label: { 'zh-CN': `生成最近 ${historyDays} 天的业务历史`, en: `Writing the last ${historyDays} days of history` },
			weight: 85,
			async run({ rt, progress, signal }) {
				const out = await generateHistory(rt, { days: historyDays, seed, profile: demoProfile, onProgress: progress, signal });
				planned = out?.planned === true;
			}
		});
	}
	steps.push({
		id: 'plan',
		label: { 'zh-CN': '计算物料需求计划', en: 'Planning material requirements' },
		weight: 4,
		async run({ rt }) {
			releasePlanning?.();
			if (!planned) await rt.planning.regenerate('demo');
			// Planned orders of categories in `auto` are firmed after the plan: wait for them too.
			await rt.autoLink.settle();
		}
	});
	return steps;
}

export function startDemo(rt: Runtime, opts: DemoOptions = {}): DemoHandle {
	const simulation = opts.simulation ?? DEMO_SIMULATION;
	const seed = opts.seed ?? 1;
	const historyDays = opts.historyDays ?? DEFAULT_HISTORY_DAYS;
	const abort = new AbortController();
	let lease: Lease | null = null;
	let simulator: { stop(): unknown } | null = null;

	const startSimulator = () => {
		if (abort.signal.aborted) return;
		if (!simulation.startSimulator || opts.speed === 0) {
			rt.log.warn(opts.speed === 0 ? 'demo: LIANDONG_DEMO_SPEED=0: the demo factory stands still' : 'demo: no live simulator is built in; the demo factory stands still');
			return;
		}
		simulator = simulation.startSimulator(rt, { profile: demoProfile, speed: opts.speed ?? 60, seed });
		rt.log.info('demo: live simulator running');
	};

	const done = (async (): Promise<DemoOutcome> => {
		if (!rt.config.demo) return 'off';
		lease = await rt.locks.tryLock(DEMO_LOCK);
		if (!lease) return 'elsewhere';
		const state = await readDemoState(rt.db);
		if (state?.status === 'ready') {
			startSimulator();
			return 'continued';
		}
		if (state?.status === 'loading') {
			// We hold the lock, so nobody is preparing it: the node that was died on the way.
			await failDemo(rt.db, 'interrupted: the server stopped while the demo was being prepared');
		}
		if (state) {
			rt.log.error({ error: state.error }, 'demo: the demo factory could not be prepared; remove the data folder (LIANDONG_DATA_DIR) or database to try again');
			return 'failed';
		}
		if (!(await isEmptyForDemo(rt.db)) || !(await claimDemo(rt.db))) {
			await releaseLease();
			return 'not_empty';
		}
		if (!simulation.generateHistory) rt.log.warn('demo: no history generator is built in; the demo starts without history');
		const started = performance.now();
		const releasePlanning = rt.planning.hold();
		try {
			await new DemoLoader(rt, demoSteps({ seed, historyDays, simulation, releasePlanning })).run(abort.signal);
		} catch (err) {
			if (!abort.signal.aborted) rt.log.error({ err }, 'demo: preparing the demo factory failed');
			return 'failed';
		} finally {
			releasePlanning();
		}
		rt.log.info({ ms: Math.round(performance.now() - started) }, 'demo: the demo factory is ready');
		startSimulator();
		return 'loaded';
	})().catch((err): DemoOutcome => {
		rt.log.error({ err }, 'demo: start failed');
		return 'failed';
	});

	async function releaseLease() {
		const l = lease;
		lease = null;
		await l?.release().catch(() => undefined);
	}

	return {
		done,
		async stop() {
			abort.abort(new Error('the server is stopping'));
			// A step that does not heed the abort is not waited for long: the next start finds the
			// preparation unfinished and records it as interrupted.
			await Promise.race([done, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
			const sim = simulator as { stop(): unknown } | null;
			simulator = null;
			await Promise.resolve(sim?.stop()).catch((err) => rt.log.warn({ err }, 'demo: stopping the simulator failed'));
			await releaseLease();
		}
	};
}
