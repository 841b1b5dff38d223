// SEAM of the first start: the 90 days of history and the live simulator of the demo factory come
// from seed/sim. Set them here — `generateHistory: (rt, opts) => generateHistory(rt, opts)` and
// `startSimulator: (rt, opts) => startSimulator(rt, opts)` — and first-start.ts runs the history as
// a step of the preparation (with its progress on every page) and the simulator once the demo is
// ready, and again at every later start on the same data. While one is missing, its part is skipped
// (and logged), and the demo is the plant alone.
import type { Runtime } from '../../server/runtime.ts';
import type { SimProfile } from '../sim/profile.ts';

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
	 * them (yieldToEventLoop, seed/plant/load.ts): the embedded database runs in this thread, and
	 * every page and /healthz wait for it.
	 */
	generateHistory?: (rt: Runtime, opts: HistoryOptions) => Promise<unknown>;
	/** Starts the live simulator; stopped when the server stops. */
	startSimulator?: (rt: Runtime, opts: SimulatorOptions) => { stop(): unknown };
}

/** What `npm start` runs on a first start and after: seed/sim plugs in here (see the top of this file). */
export const DEMO_SIMULATION: DemoSimulation = {};
