// The simulated factory, one simulated hour at a time: the sweeps (demand.ts, shopfloor.ts,
// purchasing.ts) read the state as the hour begins and decide what each person does in it; the actions
// run as commands by those people, the independent ones of an hour in one transaction (executeEach),
// the firming of planned orders chained (each takes the next document number). Nothing is refused on
// purpose: a refusal means the simulator misjudged the state, and is counted and logged.
import type { Runtime } from '../../server/runtime.ts';
import { executeEach, type Step, type StepOutcome } from '../../server/commands/command.ts';
import type { AppError } from '../../server/errors.ts';
import { factoryDate } from '../../server/shared/factory-date.ts';
import { onHandAt } from '../../server/inventory/stock-levels.queries.ts';
import { DEFAULT_LOCATION } from '../../server/inventory/schemas.ts';
import { openPurchaseLines, type OpenPurchaseLine } from '../../server/purchasing/open-lines.queries.ts';
import type { SimProfile } from './profile.ts';
import { loadFactory, type SimFactory } from './factory.ts';
import { actors, SIMULATOR_SOURCE, systemStandIn } from './actors.ts';
import { defaultProfile } from './behaviour.ts';
import { factoryHolidays, isOfficeDay, localHour, type Action, type HourContext, type Memory, type Timeline } from './context.ts';
import { orderArrivals, promises, shipping } from './demand.ts';
import { shopFloor } from './shopfloor.ts';
import { approvals, followUp, inspections, placeOrders, plannerFirms, receiving } from './purchasing.ts';

export interface SimStats {
	/** Simulated hours run. */
	hours: number;
	/** Commands that went through, in all and per command. */
	commands: number;
	byCommand: Record<string, number>;
	/** Commands refused (the simulator misjudged the state), per "command code". */
	refused: number;
	refusals: Record<string, number>;
}

export interface HourActions {
	/** Firming: each sees the ones before it. */
	chained: Action[];
	/** Everything else, independent of one another. */
	each: Action[];
}

export interface Simulation {
	readonly factory: SimFactory;
	readonly stats: SimStats;
	/** What happens in the simulated hour [from, to), decided from the state now. */
	decide(from: number, to: number): Promise<HourActions>;
	/** Runs actions as commands in one transaction; `stamped`: at their own times (else at the clock's now). */
	run(actions: Action[], opts: { chained?: boolean; stamped: boolean }): Promise<void>;
	/** Counts a simulated hour as done. */
	hourDone(): void;
}

export interface SimulationOptions {
	seed: number;
	profile?: SimProfile;
	timeline: Timeline;
}

export function emptyStats(): SimStats {
	return { hours: 0, commands: 0, byCommand: {}, refused: 0, refusals: {} };
}

/** Reads the factory and gets ready to simulate it. */
export async function openSimulation(rt: Runtime, opts: SimulationOptions): Promise<Simulation> {
	const f = await loadFactory(rt.db);
	const base = opts.profile ?? defaultProfile(f.products.length);
	const profile = { ...base, ordersPerDay: base.ordersPerDay, rushShare: base.rushShare };
	const who = actors(f, opts.seed);
	const holidays = factoryHolidays(f);
	const memory: Memory = { downtime: f.downtime, orderNumbers: new Map(), promiseDue: 0, promiseLooked: -Infinity };
	const stats = emptyStats();
	const timeZone = rt.config.timeZone;

	async function decide(from: number, to: number): Promise<HourActions> {
		const { date, hour } = localHour(from, timeZone);
		const out: HourActions = { chained: [], each: [] };
		let stock: Promise<Map<string, number>> | null = null;
		const c: HourContext = {
			rt,
			f,
			profile,
			seed: opts.seed,
			timeZone,
			timeline: opts.timeline,
			from,
			to,
			date,
			hour,
			officeDay: isOfficeDay(date, holidays),
			holidays,
			today: factoryDate(rt.clock.now(), timeZone),
			actors: who,
			memory,
			stock: () => (stock ??= onHandAt(rt.db, DEFAULT_LOCATION)),
			act: (a) => void out.each.push(a),
			chain: (a) => void out.chained.push(a)
		};
		await orderArrivals(c);
		await promises(c);
		await shipping(c);
		await shopFloor(c);
		await plannerFirms(c);
		await approvals(c);
		await placeOrders(c);
		let open: OpenPurchaseLine[] = [];
		if (c.officeDay && [9, 10, 11, 14, 15, 16].includes(hour)) open = await openPurchaseLines(rt.db);
		await followUp(c, open);
		await receiving(c, open);
		await inspections(c);
		const byTime = (a: Action, b: Action) => a.at - b.at;
		out.each.sort(byTime);
		out.chained.sort(byTime);
		return out;
	}

	function tally(actions: Action[], outcomes: StepOutcome[]): void {
		outcomes.forEach((o, i) => {
			const name = actions[i].command.name;
			if (o.ok) {
				stats.commands++;
				stats.byCommand[name] = (stats.byCommand[name] ?? 0) + 1;
				return;
			}
			const err = o.error as AppError;
			const issue = (err.details?.issues as { code?: string; message: string; path: string }[] | undefined)?.[0];
			const code = issue?.code ?? err.code;
			const key = `${name} ${code}`;
			stats.refused++;
			stats.refusals[key] = (stats.refusals[key] ?? 0) + 1;
			rt.log.warn({ command: name, code, path: issue?.path, actor: actions[i].actor.name, input: actions[i].input }, `simulated ${name} refused: ${issue?.message ?? err.message}`);
		});
	}

	async function run(actions: Action[], o: { chained?: boolean; stamped: boolean }): Promise<void> {
		if (!actions.length) return;
		const steps: Step[] = actions.map((a) => ({ command: a.command, input: a.input, actor: a.actor, ...(o.stamped ? { at: new Date(a.at) } : {}) }));
		const outcomes = await executeEach(rt, steps, systemStandIn('viewer'), SIMULATOR_SOURCE, { chained: o.chained });
		tally(actions, outcomes);
	}

	return { factory: f, stats, decide, run, hourDone: () => void stats.hours++ };
}

