// Commands: the one way pages, the REST API and imports change state. A command validates its input
// (zod: field-level issues), checks the actor's roles, reads what it needs and decides — all in one
// transaction with the events it emits and their projections. Nothing is written unless all succeed.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { AppError, type ErrorCode, type ErrorParams, type ParamsArg } from '../errors.ts';
import { issueCode, presentAt } from '../events/issue-codes.ts';
import { hasAnyRole, type Role } from '../auth/roles.ts';
import type { ValidEvent } from '../events/envelope.ts';
import { EventRejected } from '../events/projectors.ts';
import type { Runtime } from '../runtime.ts';
import { branded } from '../brand.ts';
import type { SharedLimiter } from '../auth/shared-limits.ts';
import type { Config } from '../config.ts';

/** Who runs a command: a signed-in user, an API token, or the system itself. */
export interface Actor {
	kind: 'user' | 'token' | 'system';
	id: string;
	/** What the event log records as actor: "user:zhang.wei", "token:ERP", "system". */
	name: string;
	roles: readonly string[];
	/** A user's department; narrows some records to theirs (server/auth/scope.ts). */
	department?: string | null;
}

export interface CommandContext {
	tx: Queryable;
	actor: Actor;
	now: Date;
	/** The node's validated configuration (allowed webhook hosts, the sealing key…). */
	config: Config;
	/** Limits across nodes; counts survive the transaction's rollback (server/auth/shared-limits.ts). */
	limiter?: SharedLimiter;
}

export interface Emitted {
	type: string;
	data: Record<string, unknown>;
}

export interface Command<I, R> {
	/** Stable name, e.g. "item.save". */
	name: string;
	input: z.ZodType<I>;
	/** Roles that may run it (admin always may). */
	roles: readonly Role[];
	run(ctx: CommandContext, input: I): Promise<{ events: Emitted[]; result: R }>;
}

/**
 * A business rule the input breaks, on a field: 409 with the field's path, the rule's code and its
 * parameters (typed by the catalogue in server/errors.ts: a code's parameters must be passed).
 */
const CommandRejectedBrand = branded('CommandRejected');

export class CommandRejected<C extends ErrorCode = ErrorCode> extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return CommandRejectedBrand.is(value);
	}

	readonly params: ErrorParams<C>;

	constructor(
		readonly code: C,
		readonly path: string,
		message: string,
		...params: ParamsArg<C>
	) {
		super(message);
		this.params = (params[0] ?? {}) as ErrorParams<C>;
		CommandRejectedBrand.mark(this);
		this.name = 'CommandRejected';
	}
}

/** A field problem as the API answers it: `code` and `params` from the catalogue, `message` for people. */
export interface Issue {
	index: number;
	path: string;
	message: string;
	code?: ErrorCode;
	params?: Record<string, unknown>;
}

const UNSEEN = Symbol('unseen');

/** zod's issues with their catalogue codes; given the input, a missing value is told from a wrong one. */
export function zodIssues(error: z.ZodError, index = 0, input: unknown = UNSEEN): Issue[] {
	return error.issues.flatMap((i) => {
		const { code, params } = issueCode(i, input === UNSEEN || presentAt(input, i.path));
		return i.code === 'unrecognized_keys'
			? i.keys.map((k) => ({ index, path: [...i.path, k].map(String).join('.'), message: 'is not a known field', code, params }))
			: [{ index, path: i.path.map(String).join('.'), message: i.message, code, params }];
	});
}

/** Roles, then input: what every command checks before it touches the database. */
export function admit<I, R>(cmd: Command<I, R>, raw: unknown, actor: Actor): I {
	if (!hasAnyRole(actor.roles, cmd.roles)) {
		throw new AppError('ERR_FORBIDDEN', `${cmd.name} needs one of the roles: ${['admin', ...cmd.roles].join(', ')}`);
	}
	const parsed = cmd.input.safeParse(raw);
	if (!parsed.success) throw new AppError('ERR_VALIDATION', `invalid input for ${cmd.name}`, { issues: zodIssues(parsed.error, 0, raw) });
	return parsed.data;
}

/** Runs an admitted command inside a transaction; its events, checked by their schemas, come back as envelopes. */
export async function decide<I, R>(
	rt: Runtime,
	tx: Queryable,
	cmd: Command<I, R>,
	input: I,
	actor: Actor,
	now: Date,
	source: string
): Promise<{ events: ValidEvent[]; result: R }> {
	const { events, result } = await cmd.run({ tx, actor, now, config: rt.config, limiter: rt.limiter }, input);
	const envelopes: ValidEvent[] = events.map((e) => {
		// Commands emit catalogue events like any sender: the same schemas check them.
		const def = rt.catalogue.get(e.type);
		if (!def) throw new Error(`${cmd.name} emitted unknown event type ${e.type}`);
		const data = def.schema.safeParse(e.data);
		if (!data.success) throw new AppError('ERR_VALIDATION', `invalid input for ${cmd.name}`, { issues: zodIssues(data.error, 0, e.data) });
		return { id: randomUUID(), type: e.type, occurredAt: now.toISOString(), source, actor: actor.name, data: data.data };
	});
	return { events: envelopes, result };
}

/** Business-rule refusals (from the command or from a projector guard) as the 409 the API answers. */
export function asAppError(err: unknown): unknown {
	if (err instanceof CommandRejected) {
		return new AppError('ERR_REJECTED', err.message, { issues: [{ index: 0, path: err.path, message: err.message, code: err.code, params: err.params }] });
	}
	if (err instanceof EventRejected) {
		// The command's input is the event's data: its paths are the same, without "data.".
		return new AppError('ERR_REJECTED', err.message, {
			issues: [{ index: 0, path: err.path.replace(/^data\./, ''), message: err.message, code: err.code, params: err.params }]
		});
	}
	return err;
}

export async function execute<I, R>(rt: Runtime, cmd: Command<I, R>, raw: unknown, actor: Actor, source = 'liandong'): Promise<R> {
	const input = admit(cmd, raw, actor);
	const now = rt.clock.now();
	try {
		const out = await rt.events.transact((tx) => decide(rt, tx, cmd, input, actor, now, source));
		return out.result;
	} catch (err) {
		throw asAppError(err);
	}
}

/** One command of a series run as one (executeAll, executeEach). */
export interface Step<I = unknown, R = unknown> {
	command: Command<I, R>;
	input: unknown;
	/** The step's input paths as the caller's (a form that built this input from its own fields). */
	path?: (path: string) => string;
	/** Who runs this step, when not the series' actor (a simulated hour: each step by its own person). */
	actor?: Actor;
	/** When this step happens (its events' occurredAt), when not the clock's now as the series starts. */
	at?: Date;
	/**
	 * The input made from the results of the earlier steps, instead of `input` (executeAll only): a
	 * step about a document an earlier step created under a number assigned as it ran. Admitted when
	 * its turn comes, after the earlier steps ran.
	 */
	inputFrom?: (earlier: readonly unknown[]) => unknown;
}

/** A refusal from the `index`-th command of a series: its issues say which one (`index`), at the caller's paths. */
function fromStep(err: unknown, index: number, step: Step): unknown {
	const app = asAppError(err);
	if (!(app instanceof AppError) || !Array.isArray(app.details.issues)) return app;
	const path = step.path ?? ((p: string) => p);
	const issues = (app.details.issues as Issue[]).map((i) => ({ ...i, index, path: path(i.path) }));
	return new AppError(app.code, app.message, { ...app.details, issues });
}

/**
 * Several commands as one, for a form that does two things at once (enter an order and promise its
 * lines): every input is admitted first, then the commands run in order in one transaction, each
 * seeing what the earlier ones wrote; all of it commits or none. Issues carry the command's index.
 */
export async function executeAll(rt: Runtime, steps: readonly Step[], actor: Actor, source = 'liandong', opts: ExecuteAllOptions = {}): Promise<unknown[]> {
	const inputs = steps.map((s, i) => {
		try {
			return s.inputFrom ? undefined : admit(s.command, s.input, s.actor ?? actor);
		} catch (err) {
			throw fromStep(err, i, s);
		}
	});
	const now = rt.clock.now();
	return rt.events.steps(async (tx, append) => {
		const results: unknown[] = [];
		const batch: ValidEvent[] = [];
		/** Which step emitted each event of the batch, to name it when a guard refuses one. */
		const stepOf = new Map<string, number>();
		for (const [i, s] of steps.entries()) {
			try {
				const input = s.inputFrom ? admit(s.command, s.inputFrom(results), s.actor ?? actor) : inputs[i];
				const { events, result } = await decide(rt, tx, s.command, input, s.actor ?? actor, s.at ?? now, source);
				if (opts.independent) {
					for (const e of events) stepOf.set(e.id, i);
					batch.push(...events);
				} else await append(events);
				results.push(result);
			} catch (err) {
				throw fromStep(err, i, s);
			}
		}
		if (batch.length) {
			try {
				await append(batch);
			} catch (err) {
				const i = err instanceof EventRejected ? stepOf.get(err.eventId) : undefined;
				throw i === undefined ? asAppError(err) : fromStep(err, i, steps[i]);
			}
		}
		return { commit: true, result: results };
	});
}

export interface ExecuteAllOptions {
	/**
	 * The steps never read what another step of the series writes (a list of master records, each
	 * checked only against what was there before): all are decided first and their events appended as
	 * one batch, as the ingest API appends one — the projector guards see every event, and the series
	 * still commits whole or not at all; only faster.
	 */
	independent?: boolean;
}

/** What became of one step of executeEach: its result, or the error that refused it (as execute would throw it). */
export type StepOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** A refusal of one step: a business rule or bad input, answered per step; anything else fails the series. */
function refusalOf(err: unknown, index: number, step: Step): unknown | null {
	const e = fromStep(err, index, step);
	return e instanceof AppError ? e : null;
}

/**
 * Steps that do not depend on one another, as one transaction: each is admitted and decided on the
 * state as the series found it, a refused step is answered as refused and leaves the others standing,
 * and the events of the accepted steps are appended together, so projections and KPI sums run once per
 * event type instead of once per step. For many small writes on different records (a simulated hour of
 * a factory); steps that must see each other's writes belong in executeAll. When the appended events
 * break a rule together that none broke alone (two shipments taking the same stock), the events are
 * appended again step by step, and the steps whose events are refused then are answered as refused.
 * `chained`: each step's events are appended before the next step decides, so later steps see earlier
 * ones (numbered documents: each takes the next free number), still refusing steps one by one.
 */
export async function executeEach(rt: Runtime, steps: readonly Step[], actor: Actor, source = 'liandong', opts: { chained?: boolean } = {}): Promise<StepOutcome[]> {
	const outcomes: (StepOutcome | null)[] = steps.map(() => null);
	const inputs = steps.map((s, i) => {
		try {
			return admit(s.command, s.input, s.actor ?? actor);
		} catch (err) {
			const refused = refusalOf(err, i, s);
			if (refused === null) throw err;
			outcomes[i] = { ok: false, error: refused };
			return undefined;
		}
	});
	const now = rt.clock.now();
	await rt.events.steps(async (tx, append) => {
		const decided: { index: number; events: ValidEvent[]; result: unknown }[] = [];
		for (const [i, s] of steps.entries()) {
			if (outcomes[i]) continue;
			if (opts.chained) await tx.query('savepoint execute_step');
			try {
				const { events, result } = await decide(rt, tx, s.command, inputs[i], s.actor ?? actor, s.at ?? now, source);
				if (opts.chained) {
					await append(events);
					await tx.query('release savepoint execute_step');
					outcomes[i] = { ok: true, result };
				} else decided.push({ index: i, events, result });
			} catch (err) {
				const refused = refusalOf(err, i, s);
				if (refused === null) throw err;
				if (opts.chained) await tx.query('rollback to savepoint execute_step');
				outcomes[i] = { ok: false, error: refused };
			}
		}
		if (opts.chained || !decided.some((d) => d.events.length)) {
			for (const d of decided) outcomes[d.index] = { ok: true, result: d.result };
			return { commit: true, result: null };
		}
		await tx.query('savepoint execute_each');
		try {
			await append(decided.flatMap((d) => d.events));
			await tx.query('release savepoint execute_each');
		} catch (err) {
			if (!(err instanceof EventRejected)) throw err;
			await tx.query('rollback to savepoint execute_each');
			for (const d of decided) {
				await tx.query('savepoint execute_step');
				try {
					await append(d.events);
					await tx.query('release savepoint execute_step');
				} catch (stepErr) {
					const refused = stepErr instanceof EventRejected ? refusalOf(stepErr, d.index, steps[d.index]) : null;
					if (refused === null) throw stepErr;
					await tx.query('rollback to savepoint execute_step');
					outcomes[d.index] = { ok: false, error: refused };
				}
			}
		}
		for (const d of decided) outcomes[d.index] ??= { ok: true, result: d.result };
		return { commit: true, result: null };
	});
	return outcomes as StepOutcome[];
}

export const systemActor: Actor = { kind: 'system', id: 'system', name: 'system', roles: ['admin'] };
