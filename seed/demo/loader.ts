// Prepares the demo factory in steps, recording which step runs and how far the whole is in
// demo_state, so every page (on any node) can show the progress. Each step says how much of the
// whole it weighs and reports its own fraction; the loader turns that into one percentage and writes
// it at most every `intervalMs`. It never decides whether to load: first-start.ts does.
import type { Runtime } from '../../server/runtime.ts';
import { failDemo, finishDemo, setDemoProgress, type Label } from '../../server/demo/state.ts';

export interface DemoStepContext {
	rt: Runtime;
	/** How far this step is, 0..1. Cheap: call it as often as you like. */
	progress(fraction: number): void;
	/** Aborted when the server stops: end the step at the next safe point (throw signal.reason). */
	signal: AbortSignal;
}

export interface DemoStep {
	id: string;
	label: Label;
	/** Share of the whole preparation (any unit; the weights of all steps are summed). */
	weight: number;
	run(ctx: DemoStepContext): Promise<void>;
}

export interface DemoProgress {
	step: string | null;
	percent: number;
}

export class DemoLoader {
	private readonly total: number;
	private done = 0;
	private current: { step: DemoStep; fraction: number } | null = null;
	private lastWrite = 0;
	private writing: Promise<void> = Promise.resolve();

	constructor(
		private readonly rt: Runtime,
		private readonly steps: readonly DemoStep[],
		private readonly opts: { intervalMs?: number } = {}
	) {
		this.total = steps.reduce((s, x) => s + x.weight, 0) || 1;
	}

	get progress(): DemoProgress {
		const within = this.current ? this.current.step.weight * this.current.fraction : 0;
		return { step: this.current?.step.id ?? null, percent: Math.round(((this.done + within) / this.total) * 1000) / 10 };
	}

	/**
	 * Runs every step in order, then marks the demo ready; a step that throws marks it failed (with
	 * the message) and the error is thrown on. An abort leaves the error to the caller as well.
	 */
	async run(signal: AbortSignal = new AbortController().signal): Promise<void> {
		try {
			for (const step of this.steps) {
				signal.throwIfAborted();
				this.current = { step, fraction: 0 };
				this.rt.log.info({ step: step.id, percent: this.progress.percent }, `demo: ${step.label.en}`);
				await this.write(true);
				await step.run({
					rt: this.rt,
					signal,
					progress: (fraction) => {
						if (this.current?.step !== step) return;
						this.current.fraction = Math.max(0, Math.min(1, fraction));
						void this.write(false);
					}
				});
				this.done += step.weight;
				this.current = { step, fraction: 0 };
			}
			await this.writing;
			await finishDemo(this.rt.db);
		} catch (err) {
			await this.writing.catch(() => undefined);
			const message = signal.aborted ? 'interrupted: the server stopped while the demo was being prepared' : err instanceof Error ? err.message : String(err);
			await failDemo(this.rt.db, message).catch((e) => this.rt.log.error({ err: e }, 'recording the demo failure failed'));
			throw err;
		}
	}

	/** Writes the progress now (a step begins) or when the last write is old enough; one write at a time. */
	private write(force: boolean): Promise<void> {
		const now = Date.now();
		if (!force && now - this.lastWrite < (this.opts.intervalMs ?? 250)) return this.writing;
		this.lastWrite = now;
		const { step } = this.current!;
		const { percent } = this.progress;
		this.writing = this.writing
			.then(() => setDemoProgress(this.rt.db, step.id, step.label, percent))
			.catch((err) => this.rt.log.warn({ err }, 'demo progress not recorded'));
		return this.writing;
	}
}
