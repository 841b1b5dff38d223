// The first start's history and live simulator (seed/sim), as first-start.ts runs them: the history
// as a step of the preparation (with its progress on every page), the simulator once the demo is
// ready and again at every later start on the same data. A test can pass its own (DemoOptions).
import type { Runtime } from '../../server/runtime.ts';
import type { SimProfile } from '../sim/profile.ts';
import { generateHistory, startSimulator } from '../sim/index.ts';
import { demoProfile } from '../plant/profile.ts';
import { readDemoState } from '../../server/demo/state.ts';

export interface HistoryOptions {
	/** Days of history, ending now. */
	days: number;
	seed: number;
	profile: SimProfile;
	/** How far the history is, 0..1 (the preparation's progress bar). */
	onProgress?: (fraction: number) => void;
	/** Aborted when the server stops while the history is being written. */
	signal?: AbortSignal;
}

export interface SimulatorOptions {
	profile: SimProfile;
	/** Factory time per real time: 60 = a factory hour per minute. */
	speed: number;
	seed: number;
}

export interface DemoSimulation {
	/**
	 * Writes `days` of history through the commands with the clock set back. Runs while the node's
	 * automatic planning is held (one plan follows at the end; runs asked for by name still run).
	 * Transactions should stay short (well under a second), with a turn of the event loop between
	 * them (yieldToEventLoop, seed/sim/context.ts): the embedded database runs in this thread, and
	 * every page and /healthz wait for it. Answers `planned: true` when it ended with a plan of today
	 * (then the first start only lets the planner go; otherwise it plans once itself).
	 */
	generateHistory?: (rt: Runtime, opts: HistoryOptions) => Promise<{ planned: boolean } | void>;
	/** Starts the live simulator; stopped when the server stops. */
	startSimulator?: (rt: Runtime, opts: SimulatorOptions) => { stop(): unknown };
}

/** What `npm start` runs on a first start and after. */
export const DEMO_SIMULATION: DemoSimulation = {
	// The history ends with a plan of today (seed/sim/history.ts).
	generateHistory: async (rt, { days, seed, profile, onProgress, signal }) => {
		await generateHistory(rt, { days, seed, profile, signal, onProgress: onProgress && ((p) => onProgress(p.day / p.days)) });
		return { planned: true };
	},
	startSimulator: (rt, { profile, speed, seed }) => startSimulator(rt, { profile, speed, seed })
};

/**
 * The behaviour to simulate a database with when nobody names one: the demo plant's (its suppliers,
 * machines and demand as `demoProfile` describes them) where the demo was prepared, else none (the
 * simulator then sizes a default to the factory's products).
 */
export async function profileFor(rt: Runtime): Promise<{ name: 'demo'; profile: SimProfile } | null> {
	const state = await readDemoState(rt.db);
	return state?.status === 'ready' ? { name: 'demo', profile: demoProfile } : null;
}
