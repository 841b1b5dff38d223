// Starts the delivery worker of a node: it drains the outbox after each commit of alert events (once
// the delivery reaction has queued them), when the next retry falls due, and at a poll that catches
// what a lost wake-up left. Every node may run one: claims (outbox.ts) keep them from sending a row
// twice. Timers are injectable so tests can drive it.
import type { Consumer } from '../../jobs/consumer.ts';
import { COMMITTED_CHANNEL } from '../../events/append.ts';
import type { Bus } from '../../live/bus.ts';
import type { StoredEvent } from '../../events/envelope.ts';
import { drain, type DeliveryDeps, type DrainResult } from './deliver.ts';
import { ALERT_EVENT_TYPES } from './reaction.ts';

export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
	setTimeout: (fn, ms) => {
		const t = setTimeout(fn, ms);
		t.unref();
		return t;
	},
	clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout)
};

export interface DeliveryWorker {
	/** Drains now (coalesced with a drain already going); answers what that drain did. */
	drain(): Promise<DrainResult>;
	stop(): Promise<void>;
}

export interface WorkerDeps extends DeliveryDeps {
	bus: Bus;
	onCommitted(listener: (events: StoredEvent[]) => void): () => void;
	/** The delivery reaction, to let it queue before draining. */
	reaction?: () => Consumer | undefined;
}

export function startDeliveryWorker(deps: WorkerDeps, opts: { pollMs?: number; timers?: Timers } = {}): DeliveryWorker {
	const timers = opts.timers ?? realTimers;
	let stopped = false;
	let running: Promise<DrainResult> | null = null;
	let again = false;
	let retryTimer: unknown = null;
	let pollTimer: unknown = null;

	async function loop(): Promise<DrainResult> {
		let last: DrainResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, next: null };
		while (again && !stopped) {
			again = false;
			last = await drain(deps);
			if (retryTimer) timers.clearTimeout(retryTimer);
			retryTimer = null;
			if (last.next && !stopped) {
				const wait = Math.max(0, last.next.getTime() - deps.clock.now().getTime());
				retryTimer = timers.setTimeout(() => void run().catch(fail), wait + 5);
			}
		}
		return last;
	}

	const fail = (err: unknown) => deps.log.error({ err }, 'alert delivery failed');

	function run(): Promise<DrainResult> {
		again = true;
		running ??= loop().finally(() => (running = null));
		return running;
	}

	const concerns = (events: StoredEvent[]) => events.some((e) => ALERT_EVENT_TYPES.includes(e.type));
	async function afterAlerts(): Promise<void> {
		await deps.reaction?.()?.catchUp();
		await run();
	}
	const offLocal = deps.onCommitted((events) => concerns(events) && void afterAlerts().catch(fail));
	const offBus = deps.bus.subscribe(COMMITTED_CHANNEL, (m) => Array.isArray(m) && concerns(m as StoredEvent[]) && void afterAlerts().catch(fail));
	const poll = () => {
		pollTimer = timers.setTimeout(() => {
			if (stopped) return;
			void run().catch(fail).finally(poll);
		}, opts.pollMs ?? 5_000);
	};
	poll();

	return {
		drain: run,
		async stop() {
			stopped = true;
			if (retryTimer) timers.clearTimeout(retryTimer);
			if (pollTimer) timers.clearTimeout(pollTimer);
			offLocal();
			await (await offBus)();
			await running?.catch(() => undefined);
		}
	};
}
