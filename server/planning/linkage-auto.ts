// The planner's own hand: after a plan run, planned orders of categories in `auto` that release
// within their window are firmed, each in its own transaction and under the actor `system:planner`,
// so the event log reads as if a planner had done it. A refusal (no approval rule, an item now bought
// instead of made) stops only that order; the next run tries again. Idempotent: an order the plan has
// not yet seen firmed, or that a person turned down, is left alone (blocksAutoFirm).
//
// It runs after the plan's transaction has committed, not inside it: each firm is a command of its
// own (own transaction, own actor, own refusal), which a step inside the plan's transaction could not
// be. The node that stored the plan hears its `plan.generated` commit and asks its linker for a run;
// the linker runs one at a time, a burst of plans answered by one run. Nothing has to survive a
// crash: the next plan (the next change of anything planned, or the nightly run) asks again.
import type { Actor } from '../commands/command.ts';
import { asAppError, decide, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import type { CommittedListener, Runtime } from '../runtime.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';
import { anyAuto, autoCandidates, widestAutoWindow, type CategorySettings, type PlanSnapshot } from './linkage.ts';
import { firmRecord, type FirmResult } from './linkage.commands.ts';
import { firmedDocuments, loadCategorySettings, loadPlannedOrder, loadPlanSnapshot } from './linkage.queries.ts';
import { firmInput } from './linkage-schemas.ts';
import { yieldToEventLoop } from '../shared/yield.ts';

/** The planning run as an actor: a planner (requisitions are raised under that role), never a person. */
export const PLANNER_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'planner', name: 'system:planner', roles: Object.freeze(['planner']) });

/** Where the events of automatic firming say they came from. */
export const AUTO_LINK_SOURCE = 'planning';

export interface AutoLinkResult {
	firmed: FirmResult[];
	/** Planned orders a newer plan dropped or another firm got to first since the plan was read. */
	skipped: string[];
	failed: { plannedOrderId: string; code: string; message: string }[];
}

/**
 * The firm of one planned order as a command the auto step runs. In its transaction it reads the
 * planned order again from the stored plan (a newer plan may have changed or dropped it since `plan`
 * was read) and the documents firmed from it meanwhile (another node, a person); then it firms what
 * the stored plan says now, or nothing.
 */
function autoFirm(id: string, plan: PlanSnapshot, settings: CategorySettings, today: string): Command<unknown, FirmResult | null> {
	return {
		name: 'planned_order.firm',
		input: firmInput,
		roles: ['planner'],
		async run(ctx) {
			const po = await loadPlannedOrder(ctx.tx, id);
			if (!po) return { events: [], result: null };
			const firmed = await firmedDocuments(ctx.tx, [id]);
			if (!autoCandidates({ generatedAt: plan.generatedAt, orders: [po] }, settings, today, firmed).length) return { events: [], result: null };
			return firmRecord(ctx, po, {});
		}
	};
}

/**
 * Firms the planned orders of `plan` that the settings put in the planner's hands today. `plan` is the
 * stored plan (loadPlanSnapshot); `today` is the factory's date.
 */
export async function autoLink(rt: Runtime, plan: PlanSnapshot, settings: CategorySettings, today: string): Promise<AutoLinkResult> {
	const out: AutoLinkResult = { firmed: [], skipped: [], failed: [] };
	const candidates = autoCandidates(plan, settings, today, await firmedDocuments(rt.db, plan.orders.map((o) => o.id)));
	for (const po of candidates) {
		try {
			const { result } = await rt.events.transact((tx) => decide(rt, tx, autoFirm(po.id, plan, settings, today), {}, PLANNER_ACTOR, rt.clock.now(), AUTO_LINK_SOURCE));
			if (result) out.firmed.push(result);
			else out.skipped.push(po.id);
		} catch (err) {
			const e = asAppError(err);
			if (!(e instanceof AppError)) throw e;
			const issue = (e.details.issues as { code?: string; message: string }[] | undefined)?.[0];
			out.failed.push({ plannedOrderId: po.id, code: issue?.code ?? e.code, message: issue?.message ?? e.message });
			rt.log.warn({ plannedOrderId: po.id, code: issue?.code ?? e.code }, `automatic firming of ${po.id} refused: ${issue?.message ?? e.message}`);
		}
		// A plan may firm hundreds at once: requests get their turn between them.
		await yieldToEventLoop();
	}
	return out;
}

/**
 * The after-plan step: reads the settings, and when a category is in `auto`, the stored plan's planned
 * orders that can qualify, then firms them. Nothing is read beyond the settings while every category
 * only suggests (the default).
 */
export async function autoLinkAfterPlan(rt: Runtime, now: Date = rt.clock.now()): Promise<AutoLinkResult> {
	const settings = await loadCategorySettings(rt.db);
	const widest = widestAutoWindow(settings);
	if (!anyAuto(settings) || widest === null) return { firmed: [], skipped: [], failed: [] };
	const today = factoryDate(now, rt.config.timeZone);
	const plan = await loadPlanSnapshot(rt.db, addDays(today, widest));
	if (!plan) return { firmed: [], skipped: [], failed: [] };
	return autoLink(rt, plan, settings, today);
}

export interface AutoLinker {
	/** The runtime to firm with, once it is built (requests before it wait for it). */
	attach(rt: Runtime): void;
	/** A plan was stored: link soon (coalesced with a run already waiting). */
	request(): void;
	/** Waits until no run is going or waiting. */
	settle(): Promise<void>;
	stop(): Promise<void>;
}

/** One linker per node, made while the runtime is built (its commit listener is registered before the runtime exists). */
export function createAutoLinker(): AutoLinker {
	let rt: Runtime | null = null;
	let queue: Promise<void> = Promise.resolve();
	let waiting = false;
	let early = false;
	let stopped = false;
	const linker: AutoLinker = {
		attach(runtime) {
			rt = runtime;
			if (early) linker.request();
		},
		request() {
			if (stopped || waiting) return;
			if (!rt) {
				early = true;
				return;
			}
			const runtime = rt;
			waiting = true;
			queue = queue.then(async () => {
				waiting = false;
				if (stopped) return;
				try {
					const out = await autoLinkAfterPlan(runtime);
					if (out.firmed.length || out.failed.length) runtime.log.info({ firmed: out.firmed.length, failed: out.failed.length }, 'planned orders firmed automatically');
				} catch (err) {
					runtime.log.error({ err }, 'automatic firming of planned orders failed');
				}
			});
		},
		async settle() {
			// A run may ask for another while it goes: wait until the queue stays as it is.
			for (let q = queue; ; q = queue) {
				await q;
				if (q === queue) return;
			}
		},
		async stop() {
			stopped = true;
			await queue;
		}
	};
	return linker;
}

/** Asks the linker for a run after each commit of this node that stored a plan or changed the linkage settings (a category turned to auto firms what is due at once, not at the next plan). */
export function autoLinkOnCommit(linker: AutoLinker): CommittedListener {
	return (events) => {
		if (events.some((e) => e.type === 'plan.generated' || e.type === 'planning_category.saved')) linker.request();
	};
}
