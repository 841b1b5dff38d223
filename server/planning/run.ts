// Plan runs over the live data: load the input (inputs.queries.ts), plan (mrp.ts, pure), store
// (store.ts) and append `plan.generated` — with the events of the after-plan steps (sales order line
// risks…) — in one short transaction. A node keeps its last plan and input in memory: a net change
// reloads the input, finds the items whose input changed by comparing per-item fingerprints, and
// replans those (and everything below them); without a plan of its own that is still the stored one
// (a restart, another node ran last, a new day) it runs regeneratively. Runs of one node follow one
// another; between nodes the stored plan_state decides (see the migration *_planning_runs).
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { Catalogue } from '../events/catalogue.ts';
import type { EventLog } from '../events/append.ts';
import type { ValidEvent } from '../events/envelope.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Emitted } from '../commands/command.ts';
import { planCalendar, type PlanCalendar } from './calendar.ts';
import { DEMAND_PROVIDERS, demandKey, loadPlanInput, refKey, type DemandProvider, type LoadedInput } from './inputs.queries.ts';
import { planNetChange, planRegenerative } from './mrp.ts';
import { readPlanState, storePlan } from './store.ts';
import type { PlanMode } from './schemas.ts';
import type { Plan, PlanInput, PlanOptions } from './types.ts';
import { yieldToEventLoop } from '../shared/yield.ts';

/** The live plan's engine options (types.ts): late receipts are used, and expedited, before new orders. */
export const LIVE_PLAN_OPTIONS: PlanOptions = { useLaterReceiptsFirst: true };

export interface AfterPlanContext {
	/** The transaction that stores the plan: what a step reads here it reads as the plan leaves it. */
	tx: Queryable;
	plan: Plan;
	input: PlanInput;
	calendar: PlanCalendar;
	now: Date;
	mode: PlanMode;
	/** The items this run planned (all for a regenerative run). */
	items: readonly string[];
}

/** A step after each stored plan; the events it answers are appended with `plan.generated`. */
export type AfterPlanStep = (ctx: AfterPlanContext) => Promise<Emitted[] | void>;

export interface PlanRun {
	/** The plan stored (or left standing); null while nothing was ever planned. */
	planId: string | null;
	mode: PlanMode;
	trigger?: string;
	/** Items planned by this run. */
	items: number;
	plannedOrders: number;
	exceptions: number;
	ms: number;
	/**
	 * stored: the plan is stored; unchanged: nothing the plan reads had changed (or there is nothing
	 * to plan), the stored plan stands; superseded: a newer plan was stored meanwhile (another node), this one was dropped.
	 */
	outcome: 'stored' | 'unchanged' | 'superseded';
}

export interface PlannerDeps {
	db: Db;
	events: EventLog;
	catalogue: Catalogue;
	clock: Clock;
	log: Logger;
	timeZone: string;
	horizonDays: number;
	steps?: readonly AfterPlanStep[];
	demandProviders?: readonly DemandProvider[];
	/** Runs ask for themselves (debounced after input events, and when a request waits too long). */
	auto: boolean;
	/** Quiet time before a requested run (default 200 ms); a run starts at most `maxWaitMs` after the first request (default 1 s). */
	quietMs?: number;
	maxWaitMs?: number;
	/** How often a node looks for requests nobody has planned (default 10 s), and how old they must be (default 30 s). */
	pollMs?: number;
	staleMs?: number;
}

export interface Planner {
	/** Plans every item now (after the run going, if any). */
	regenerate(trigger?: string): Promise<PlanRun>;
	/** Replans what changed since this node's last plan (regeneratively when it has none that is current). */
	netChange(trigger?: string): Promise<PlanRun>;
	/** Input events were committed (the net-change reaction): a net change follows soon when automatic. */
	request(types: readonly string[]): void;
	/**
	 * Holds automatic runs while something else decides when to plan (a simulation stepping the clock
	 * through past days plans once per simulated day): requests are kept, not run, until every hold is
	 * released; the last release asks for one run when requests came meanwhile. Runs asked for by name
	 * (regenerate, netChange) still run.
	 */
	hold(): () => void;
	/** Whether this node has planned since it started. */
	hasPlan(): boolean;
	/** Runs a requested run now instead of after its quiet time, and waits until no run is going. */
	settle(): Promise<void>;
	stop(): Promise<void>;
}

/** Per item, everything of the input the item's own planning reads, as one string. */
export function fingerprints(input: PlanInput): Map<string, string> {
	const parts = new Map<string, unknown[]>(input.items.map((i) => [i.id, [i]]));
	const add = (itemId: string, x: unknown) => parts.get(itemId)?.push(x);
	for (const l of input.bom) add(l.parent, ['bom', l.child, l.qty, l.scrapPct ?? 0]);
	for (const d of input.demands) add(d.itemId, ['d', d.bucket, d.qty, demandKey(d)]);
	for (const r of input.receipts) add(r.itemId, ['r', r.bucket, r.qty, refKey(r.ref)]);
	return new Map([...parts].map(([id, p]) => [id, JSON.stringify(p)]));
}

/** Items whose fingerprint differs, appeared or went away. */
export function changedItems(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
	const out: string[] = [];
	for (const [id, fp] of after) if (before.get(id) !== fp) out.push(id);
	for (const id of before.keys()) if (!after.has(id)) out.push(id);
	return out;
}

/**
 * Items whose stored rows a net change must rewrite: any of their parts (record, planned orders,
 * receipt uses, on-hand pegs, exceptions) is a new value — the engine shares what it did not change
 * with the previous plan and never changes either — or they are gone.
 */
export function replannedItems(prev: Plan, next: Plan): string[] {
	const maps = (p: Plan) => [p.records, p.plannedOrders, p.receiptUses, p.onHandPegs, p.exceptions] as Map<string, unknown>[];
	const before = maps(prev);
	const after = maps(next);
	const out = new Set<string>();
	for (let m = 0; m < after.length; m++) {
		for (const [id, v] of after[m]) if (before[m].get(id) !== v) out.add(id);
		for (const id of before[m].keys()) if (!after[m].has(id)) out.add(id);
	}
	return [...out];
}

interface Memory {
	planId: string;
	calendar: PlanCalendar;
	plan: Plan;
	fingerprints: Map<string, string>;
}

/** Another node's plan is the stored one now: this node's memory is no base for a net change. */
class Superseded extends Error {}

async function requestVersion(q: Queryable): Promise<number> {
	const r = await q.query<{ v: number }>('select version::float8 as v from plan_requests where id = 1');
	return r.rows[0]?.v ?? 0;
}

/**
 * Bumps the request version: inside the transaction that moves the net-change reaction past input
 * events. Its time is the database's (how long a request waits is real time, not business time).
 */
export async function requestPlan(q: Queryable): Promise<void> {
	await q.query(
		`insert into plan_requests (id, version, requested_at) values (1, 1, now())
		on conflict (id) do update set version = plan_requests.version + 1, requested_at = excluded.requested_at`
	);
}

/**
 * Plan stores follow one another across nodes: each holds the plan_requests row until it commits
 * (the row exists from the first store on, so two first stores cannot pass each other either).
 */
async function lockPlan(tx: Queryable): Promise<void> {
	await tx.query(`insert into plan_requests (id, version, requested_at) values (1, 0, now()) on conflict (id) do nothing`);
	await tx.query(`select 1 from plan_requests where id = 1 for update`);
}

const countOf = <T>(m: Map<string, T[]>) => {
	let n = 0;
	for (const v of m.values()) n += v.length;
	return n;
};

export function createPlanner(deps: PlannerDeps): Planner {
	const quietMs = deps.quietMs ?? 200;
	const maxWaitMs = deps.maxWaitMs ?? 1000;
	const steps = deps.steps ?? [];
	const providers = deps.demandProviders ?? DEMAND_PROVIDERS;
	let memory: Memory | null = null;
	let queue: Promise<unknown> = Promise.resolve();
	let timer: NodeJS.Timeout | null = null;
	let firstRequest: number | null = null;
	let requested = new Set<string>();
	let stopped = false;
	let holds = 0;

	function envelope(e: Emitted, now: Date): ValidEvent {
		const def = deps.catalogue.get(e.type);
		if (!def) throw new Error(`a plan step emitted unknown event type ${e.type}`);
		const data = def.schema.parse(e.data);
		return { id: randomUUID(), type: e.type, occurredAt: now.toISOString(), source: 'liandong', actor: 'system', data };
	}

	async function run(mode: PlanMode, asked: string | undefined): Promise<PlanRun> {
		const started = performance.now();
		// Requests so far are answered by this run: it reads the input after their events committed.
		const requestedTypes = takeTrigger();
		const trigger = asked ?? requestedTypes;
		const now = deps.clock.now();
		const calendar = planCalendar(now, deps.timeZone, deps.horizonDays);
		// Read before the input: a request that comes later asks for another run, which will see it.
		const version = await requestVersion(deps.db);
		const input: LoadedInput = await loadPlanInput({ q: deps.db, calendar, timeZone: deps.timeZone }, providers);
		// Reading the input, planning and storing each take a while on a plant: requests get their turn between.
		await yieldToEventLoop();
		const fps = fingerprints(input);
		const base = memory;
		// A factory without items has nothing to plan: no plan until the first item comes.
		if (!input.items.length && !(await readPlanState(deps.db))) {
			return { planId: null, mode, trigger, items: 0, plannedOrders: 0, exceptions: 0, ms: Math.round(performance.now() - started), outcome: 'unchanged' };
		}
		if (mode === 'net_change') {
			const state = await readPlanState(deps.db);
			const current = base && state && state.planId === base.planId && base.calendar.startDate === calendar.startDate && base.calendar.buckets === calendar.buckets;
			if (!current) mode = 'regenerative';
		}
		let plan: Plan;
		let items: string[];
		if (mode === 'net_change') {
			const changed = changedItems(base!.fingerprints, fps);
			if (!changed.length) {
				const stored = await deps.db.transaction(async (tx) => {
					await lockPlan(tx);
					const state = await readPlanState(tx);
					if (!state || state.planId !== base!.planId) return false;
					if (state.inputVersion < version) await tx.query('update plan_state set input_version = $1 where id = 1', [version]);
					return true;
				});
				if (!stored) return run('regenerative', trigger);
				return { planId: base!.planId, mode, trigger, items: 0, plannedOrders: countOf(base!.plan.plannedOrders), exceptions: countOf(base!.plan.exceptions), ms: Math.round(performance.now() - started), outcome: 'unchanged' };
			}
			plan = planNetChange(base!.plan, input, changed, LIVE_PLAN_OPTIONS);
			items = replannedItems(base!.plan, plan);
		} else {
			plan = planRegenerative(input, LIVE_PLAN_OPTIONS);
			items = plan.order;
		}
		await yieldToEventLoop();

		const planId = randomUUID();
		const plannedOrders = countOf(plan.plannedOrders);
		const exceptions = countOf(plan.exceptions);
		let outcome: PlanRun['outcome'] = 'stored';
		let standing: string | null = null;
		let ms = 0;
		try {
			await deps.events.transact(async (tx) => {
				await lockPlan(tx);
				const state = await readPlanState(tx);
				if (state && state.inputVersion > version) {
					outcome = 'superseded';
					standing = state.planId;
					return { events: [], result: null };
				}
				if (mode === 'net_change' && state?.planId !== base!.planId) throw new Superseded();
				await storePlan(tx, plan, {
					planId,
					mode,
					generatedAt: now,
					calendar,
					inputVersion: version,
					items: mode === 'net_change' ? items : undefined,
					inspections: input.inspections
				});
				await yieldToEventLoop();
				const emitted: ValidEvent[] = [];
				for (const step of steps) emitted.push(...(await runStep(tx, step, { tx, plan, input, calendar, now, mode, items })));
				ms = Math.round(performance.now() - started);
				const generated = { planId, mode, ...(trigger ? { trigger: trigger.slice(0, 500) } : {}), items: items.length, plannedOrders, exceptions, ms };
				return { events: [...emitted, envelope({ type: 'plan.generated', data: generated }, now)], result: null };
			});
		} catch (err) {
			if (err instanceof Superseded) return run('regenerative', trigger);
			throw err;
		}
		if (outcome === 'stored') memory = { planId, calendar, plan, fingerprints: fps };
		return { planId: outcome === 'stored' ? planId : standing, mode, trigger, items: items.length, plannedOrders, exceptions, ms, outcome };
	}

	/**
	 * A step that fails (or answers an event its schema refuses) is logged and left out: the plan is
	 * stored all the same. A savepoint keeps its writes from outliving it.
	 */
	async function runStep(tx: Queryable, step: AfterPlanStep, ctx: AfterPlanContext): Promise<ValidEvent[]> {
		await tx.query('savepoint plan_step');
		try {
			const events = ((await step(ctx)) ?? []).map((e) => envelope(e, ctx.now));
			await tx.query('release savepoint plan_step');
			return events;
		} catch (err) {
			await tx.query('rollback to savepoint plan_step');
			deps.log.error({ err }, 'an after-plan step failed; the plan is stored without its events');
			return [];
		}
	}

	/** One run at a time on this node, in the order asked. */
	function enqueue(mode: PlanMode, trigger: string | undefined): Promise<PlanRun> {
		const next = queue.then(() => run(mode, trigger));
		queue = next.catch(() => undefined);
		return next;
	}

	function takeTrigger(): string | undefined {
		const types = [...requested].sort();
		requested = new Set();
		return types.length ? types.join(',') : undefined;
	}

	function fire(): Promise<PlanRun> {
		if (timer) clearTimeout(timer);
		timer = null;
		firstRequest = null;
		return enqueue('net_change', undefined);
	}

	function schedule(): void {
		if (stopped || holds > 0) return;
		const now = Date.now();
		firstRequest ??= now;
		if (timer) clearTimeout(timer);
		timer = setTimeout(
			() => void fire().catch((err) => deps.log.error({ err }, 'net change planning failed')),
			Math.max(0, Math.min(now + quietMs, firstRequest + maxWaitMs) - now)
		);
		timer.unref();
	}

	// A request no node has planned for a while (its reaction's node went away, a run failed): plan it here.
	let poll: NodeJS.Timeout | null = null;
	if (deps.auto) {
		poll = setInterval(() => {
			if (timer || stopped || holds > 0) return;
			void (async () => {
				const r = await deps.db.query<{ waiting: boolean }>(
					`select r.version > coalesce(s.input_version, -1) and r.requested_at < now() - make_interval(secs => $1) as waiting
					from plan_requests r left join plan_state s on s.id = 1 where r.id = 1`,
					[(deps.staleMs ?? 30_000) / 1000]
				);
				if (r.rows[0]?.waiting && !timer) schedule();
			})().catch((err) => deps.log.warn({ err }, 'looking for plan requests failed'));
		}, deps.pollMs ?? 10_000);
		poll.unref();
	}

	return {
		regenerate: (trigger) => enqueue('regenerative', trigger),
		netChange: (trigger) => enqueue('net_change', trigger),
		request(types) {
			for (const t of types) requested.add(t);
			if (deps.auto) schedule();
		},
		hold() {
			holds++;
			if (timer) clearTimeout(timer);
			timer = null;
			firstRequest = null;
			let released = false;
			return () => {
				if (released) return;
				released = true;
				holds--;
				if (holds === 0 && requested.size && deps.auto) schedule();
			};
		},
		hasPlan: () => memory !== null,
		async settle() {
			if (timer) await fire().catch(() => undefined);
			await queue;
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			if (poll) clearInterval(poll);
			timer = null;
			await queue;
		}
	};
}
