// The shop floor of the simulated factory, hour by hour: machines break down and are repaired, the
// supervisor releases orders as their start comes, each work centre takes the next operation by due
// date (the first only when its components are there: issued by the warehouse, or left to backflush),
// operators report good and scrap when an operation ends and at the end of each shift, and finished
// orders are completed. Progress is worked time on the work centre's calendar, less its stops.
import { componentQty } from '../../server/shared/bom-quantity.ts';
import { addDays } from '../../server/shared/factory-date.ts';
import { inScope, shopFloorScope } from '../../server/auth/scope.ts';
import { openProductionOrders, workCenterStates, type DispatchOperation, type DispatchOrder, type WorkCenterState } from '../../server/production/dispatch.queries.ts';
import {
	cancelProductionOrder,
	changeWorkCenterStatus,
	completeProductionOrder,
	releaseProductionOrder,
	reportProduction,
	startOperation
} from '../../server/production/commands.ts';
import { issueStock } from '../../server/inventory/commands.ts';
import { DEFAULT_LOCATION } from '../../server/inventory/schemas.ts';
import type { Actor, Command } from '../../server/commands/command.ts';
import { DAY, HOUR, into, MINUTE, type HourContext } from './context.ts';
import { actualRunMinutes, repairHours, scrapQty, workCenterBehaviour } from './behaviour.ts';
import { stream } from './rng.ts';
import type { SimWorkCenter } from './factory.ts';
import { afterWorking, firstWorking, shiftEndsBetween, weeklyMinutes, workedMinutes, type Interval } from './worktime.ts';

const cmd = <I, R>(c: Command<I, R>) => c as unknown as Command<never, unknown>;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const EPS = 1e-6;
const FOREVER = Number.MAX_SAFE_INTEGER;

/** A reason of the list, the preferred one when it is active. */
function reason(c: HourContext, list: string, preferred: string, key: string): string | null {
	const codes = c.f.reasons.get(list) ?? [];
	if (codes.includes(preferred)) return preferred;
	return codes.length ? stream(c.seed, 'reason', list, key).pick(codes) : null;
}

function operator(c: HourContext, wc: SimWorkCenter | undefined, key: string): Actor {
	return c.actors.pick('production', wc?.workCenterId ?? key, (u) => inScope(shopFloorScope(u), wc?.department));
}

function supervisor(c: HourContext, key: string): Actor {
	return c.actors.prefer('production', key, (u) => shopFloorScope(u) === null);
}

function stopsOf(c: HourContext, wc: string): Interval[] {
	let list = c.memory.downtime.get(wc);
	if (!list) c.memory.downtime.set(wc, (list = []));
	return list;
}

/** Machines breaking down in the hour (by their behaviour's rate over shift time) and stopped ones repaired. */
function breakdowns(c: HourContext, states: WorkCenterState[]): void {
	for (const row of states) {
		const wc = c.f.workCenters.get(row.workCenterId);
		if (!wc) continue;
		const b = workCenterBehaviour(c.profile, wc.workCenterId);
		const stops = stopsOf(c, wc.workCenterId);
		if (row.status !== 'up') {
			// Stopped: repaired after the time this stop takes (known when the simulator stopped it).
			const downAt = row.statusAt ? c.timeline.toSim(Date.parse(row.statusAt)) : c.from;
			let open = stops.find((s) => s[1] === FOREVER || (s[0] <= downAt + MINUTE && s[1] > downAt));
			if (!open) stops.push((open = [downAt, FOREVER]));
			const upAt = open[1] === FOREVER ? open[0] + repairHours(c.seed, wc.workCenterId, open[0], b) * HOUR : open[1];
			stops[stops.indexOf(open)] = [open[0], upAt];
			if (upAt < c.to) c.act({ at: Math.max(c.from, upAt), actor: operator(c, wc, 'repair'), command: cmd(changeWorkCenterStatus), input: { workCenterId: wc.workCenterId, status: 'up' } });
			continue;
		}
		if (b.breakdownsPerWeek <= 0) continue;
		const shift = workedMinutes(wc.calendar, c.from, c.to, c.timeZone);
		const week = weeklyMinutes(wc.calendar);
		if (shift <= 0 || week <= 0) continue;
		const r = stream(c.seed, 'breakdown', wc.workCenterId, c.from);
		if (!r.chance((b.breakdownsPerWeek * shift) / week)) continue;
		const downAt = afterWorking(wc.calendar, c.from, r.next() * shift, c.to, c.timeZone);
		const why = reason(c, 'wc_stop', 'BREAKDOWN', wc.workCenterId);
		if (downAt === null || why === null) continue;
		const upAt = downAt + repairHours(c.seed, wc.workCenterId, downAt, b) * HOUR;
		stops.push([downAt, upAt]);
		c.act({ at: downAt, actor: operator(c, wc, 'breakdown'), command: cmd(changeWorkCenterStatus), input: { workCenterId: wc.workCenterId, status: 'down', reasonCode: why } });
		if (upAt < c.to) c.act({ at: upAt, actor: operator(c, wc, 'repair'), command: cmd(changeWorkCenterStatus), input: { workCenterId: wc.workCenterId, status: 'up' } });
	}
}

/** Days before an order's planned start (due date less the item's lead time) the supervisor releases it. */
const RELEASE_AHEAD_DAYS = 5;

/** The supervisor releases orders whose planned start is near: the shop floor may start them as soon as their components are there. */
function releases(c: HourContext, orders: DispatchOrder[]): void {
	if (c.hour < 7 || c.hour > 17) return;
	let minute = 2;
	for (const o of orders) {
		if (o.status !== 'created') continue;
		const lead = Math.ceil(c.f.items.get(o.itemId)?.leadTimeDays ?? 0);
		if (addDays(o.dueDate, -lead) > addDays(c.today, RELEASE_AHEAD_DAYS)) continue;
		c.act({ at: into(c, (minute += 1)), actor: supervisor(c, o.productionOrderId), command: cmd(releaseProductionOrder), input: { productionOrderId: o.productionOrderId } });
	}
}

/** Components for `qty` of the order's item, as backflush or an issue takes them. */
function components(c: HourContext, itemId: string, qty: number): Needs {
	return (c.f.bom.get(itemId) ?? []).map((l) => ({ itemId: l.child, qty: round6(componentQty(qty, l.qty, l.scrapPct)) })).filter((x) => x.qty > 0);
}

type Needs = { itemId: string; qty: number }[];

/**
 * Components that started orders will still backflush, per order: set aside from the hour's stock so
 * that other orders do not start on them (the plan counts them as free once the order has reported its
 * good quantity, but the backflush at completion takes them all the same).
 */
type Reserved = Map<string, Map<string, number>>;

function reservations(c: HourContext, orders: DispatchOrder[]): Reserved {
	const out: Reserved = new Map();
	for (const o of orders) {
		const first = o.operations[0];
		const started = first ? first.startedAt !== null || first.goodQty + first.scrapQty > 0 : o.status === 'in_progress';
		const backflush = c.f.items.get(o.itemId)?.backflush;
		if (!started || (backflush !== 'operation' && backflush !== 'completion')) continue;
		const last = o.operations.at(-1);
		const qty = backflush === 'completion' ? o.qty : o.qty - (last ? last.goodQty + last.scrapQty : o.goodQty + o.scrapQty);
		if (qty > EPS) out.set(o.productionOrderId, new Map(components(c, o.itemId, qty).map((n) => [n.itemId, n.qty])));
	}
	return out;
}

/** Takes `needs` from the order's own reservation, the rest from the hour's stock, when all of it is there. */
function take(stock: Map<string, number>, needs: Needs, own?: Map<string, number>): boolean {
	const fromStock = needs.map((n) => ({ itemId: n.itemId, own: Math.min(n.qty, own?.get(n.itemId) ?? 0), rest: n.qty - Math.min(n.qty, own?.get(n.itemId) ?? 0) }));
	if (fromStock.some((n) => n.rest > EPS && (stock.get(n.itemId) ?? 0) < n.rest - EPS)) return false;
	for (const n of fromStock) {
		if (n.own > 0) own!.set(n.itemId, own!.get(n.itemId)! - n.own);
		if (n.rest > 0) stock.set(n.itemId, (stock.get(n.itemId) ?? 0) - n.rest);
	}
	return true;
}

interface OpState {
	order: DispatchOrder;
	op: DispatchOperation;
	index: number;
	/** Units the operation is to process: the order's quantity, or the good units of the one before. */
	input: number;
	/** Good and scrap reported so far (the operation is done when they reach its input), and good alone. */
	reported: number;
	good: number;
	last: boolean;
}

/** Where each open order stands: its current operation (running or next to start), or finished. */
function orderStates(orders: DispatchOrder[]): { running: OpState[]; ready: OpState[]; finished: DispatchOrder[] } {
	const running: OpState[] = [];
	const ready: OpState[] = [];
	const finished: DispatchOrder[] = [];
	for (const o of orders) {
		if (o.status !== 'released' && o.status !== 'in_progress') continue;
		if (!o.operations.length) continue;
		let input = o.qty;
		let current: OpState | null = null;
		for (const [index, op] of o.operations.entries()) {
			const reported = op.goodQty + op.scrapQty;
			const started = op.startedAt !== null || reported > 0;
			if (started && reported >= input - EPS) {
				input = op.goodQty;
				continue;
			}
			current = { order: o, op, index, input, reported, good: op.goodQty, last: index === o.operations.length - 1 };
			// Nothing good came to this operation: the order is done with what it has.
			if (input > EPS) (started ? running : ready).push(current);
			break;
		}
		if (!current || input <= EPS) finished.push(o);
	}
	return { running, ready, finished };
}

/** A report of `n` units of a running operation at `at`, with scrap by the work centre's behaviour. */
async function report(c: HourContext, s: OpState, n: number, at: number, reserved: Reserved): Promise<boolean> {
	const wc = c.f.workCenters.get(s.op.workCenterId);
	const item = c.f.items.get(s.order.itemId);
	const drawn = scrapQty(c.seed, s.order.productionOrderId, s.op.seq, s.reported, n, workCenterBehaviour(c.profile, s.op.workCenterId));
	const why = drawn.scrap > 0 ? reason(c, 'scrap', 'OPERATOR', `${s.order.productionOrderId}/${s.op.seq}`) : null;
	const scrap = why ? drawn.scrap : 0;
	let madeUp = drawn.madeUp || scrap === 0;
	if (s.last && item?.backflush === 'operation') {
		// The backflush takes components for good and scrap: without enough for more, the scrap is not made up.
		const stock = await c.stock();
		const own = reserved.get(s.order.productionOrderId);
		if (!madeUp || !take(stock, components(c, s.order.itemId, n + scrap), own)) {
			madeUp = false;
			if (!take(stock, components(c, s.order.itemId, n), own)) return false;
		}
	}
	const good = round6(n - (madeUp ? 0 : scrap));
	if (good <= EPS && scrap <= 0) return false;
	const input: Record<string, unknown> = { productionOrderId: s.order.productionOrderId, operationSeq: s.op.seq, goodQty: good };
	if (why) Object.assign(input, { scrapQty: scrap, reasonCode: why });
	c.act({ at, actor: operator(c, wc, s.order.productionOrderId), command: cmd(reportProduction), input });
	return true;
}

/** Minutes an operation takes for `input` units, at its work centre's speed. */
const workOf = (c: HourContext, op: DispatchOperation, input: number) => op.setupMinutes + actualRunMinutes(c.profile, op.workCenterId, op.runMinutesPerUnit) * input;

/** Running operations report when they end (or what they made by a shift's end); free work centres start the next. */
async function operations(c: HourContext, orders: DispatchOrder[], states: Map<string, WorkCenterState>, reserved: Reserved): Promise<void> {
	const { running, ready } = orderStates(orders);
	const freeAt = new Map<string, number>();
	const touched = new Set<string>();
	for (const s of running) {
		const wc = c.f.workCenters.get(s.op.workCenterId);
		freeAt.set(s.op.workCenterId, FOREVER);
		if (!wc) continue;
		touched.add(s.order.productionOrderId);
		const stops = stopsOf(c, wc.workCenterId);
		const started = s.op.startedAt ? c.timeline.toSim(Date.parse(s.op.startedAt)) : c.from;
		const finish = afterWorking(wc.calendar, started, workOf(c, s.op, s.input), c.to, c.timeZone, stops);
		if (finish !== null) {
			const n = round6(s.input - s.good);
			if (n > EPS && (await report(c, s, n, Math.max(c.from, finish), reserved))) freeAt.set(wc.workCenterId, Math.max(c.from, finish));
			continue;
		}
		// Still running: what was made by the end of a shift is reported then.
		const end = shiftEndsBetween(wc.calendar, c.from, c.to, c.timeZone).at(-1);
		if (end === undefined || s.op.runMinutesPerUnit <= 0) continue;
		const made = Math.min(s.input, Math.floor((workedMinutes(wc.calendar, started, end, c.timeZone, stops) - s.op.setupMinutes) / actualRunMinutes(c.profile, s.op.workCenterId, s.op.runMinutesPerUnit)));
		if (made - s.good >= 1) await report(c, s, round6(made - s.good), end - MINUTE, reserved);
	}
	// Components go to the orders due first, whether or not their work centre is free now: an order
	// due later never starts on what an earlier one waits for.
	const kits = new Map<string, Needs>();
	const stock = await c.stock();
	for (const s of [...ready].filter((x) => x.index === 0).sort((a, b) => (a.order.dueDate < b.order.dueDate ? -1 : a.order.dueDate > b.order.dueDate ? 1 : a.order.productionOrderId < b.order.productionOrderId ? -1 : 1))) {
		const needs = components(c, s.order.itemId, s.order.qty);
		if (take(stock, needs)) kits.set(s.order.productionOrderId, needs);
	}
	// Free work centres take the next operation: the most urgent order first.
	const queues = new Map<string, OpState[]>();
	for (const s of ready) queues.set(s.op.workCenterId, [...(queues.get(s.op.workCenterId) ?? []), s]);
	for (const [wcId, queue] of [...queues].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const wc = c.f.workCenters.get(wcId);
		const state = states.get(wcId);
		if (!wc || !state) continue;
		let t = freeAt.get(wcId) ?? c.from;
		const stops = stopsOf(c, wcId);
		// A stop the simulator does not know the end of (someone stopped it by hand) keeps it idle.
		if (state.status !== 'up' && !stops.some((s) => s[0] <= c.from && s[1] > c.from && s[1] !== FOREVER)) continue;
		for (const s of queue) {
			if (t >= c.to) break;
			if (touched.has(s.order.productionOrderId)) continue;
			const startAt = firstWorking(wc.calendar, t, c.to, c.timeZone, stops);
			if (startAt === null) break;
			if (s.index === 0 && !kit(c, s, startAt, kits, reserved)) continue;
			touched.add(s.order.productionOrderId);
			c.act({ at: startAt, actor: operator(c, wc, s.order.productionOrderId), command: cmd(startOperation), input: { productionOrderId: s.order.productionOrderId, seq: s.op.seq } });
			const finish = afterWorking(wc.calendar, startAt, workOf(c, s.op, s.input), c.to, c.timeZone, stops);
			if (finish === null) break;
			if (!(await report(c, { ...s, reported: 0, good: 0 }, round6(s.input), Math.max(finish, startAt + MINUTE), reserved))) break;
			t = Math.max(finish, startAt + MINUTE);
		}
	}
}

/** Before the first operation: the components allocated to the order are issued now, unless backflushed later. */
function kit(c: HourContext, s: OpState, at: number, kits: Map<string, Needs>, reserved: Reserved): boolean {
	const item = c.f.items.get(s.order.itemId);
	const needs = kits.get(s.order.productionOrderId);
	if (!needs) return false;
	if (item?.backflush === 'operation' || item?.backflush === 'completion') {
		// Backflushed later: set aside for the order from now on.
		reserved.set(s.order.productionOrderId, new Map(needs.map((n) => [n.itemId, n.qty])));
		return true;
	}
	const actor = c.actors.pick('warehouse', s.order.productionOrderId);
	for (const n of needs) {
		c.act({ at: Math.max(c.from, at - MINUTE), actor, command: cmd(issueStock), input: { itemId: n.itemId, locationId: DEFAULT_LOCATION, qty: n.qty, productionOrderId: s.order.productionOrderId } });
	}
	return true;
}

/** Orders without a routing: made within the item's lead time after release, reported in one go. */
async function unrouted(c: HourContext, orders: DispatchOrder[], reserved: Reserved): Promise<void> {
	for (const o of orders) {
		if ((o.status !== 'released' && o.status !== 'in_progress') || o.operations.length || o.goodQty + o.scrapQty >= o.qty - EPS) continue;
		const released = o.releasedAt ? c.timeline.toSim(Date.parse(o.releasedAt)) : c.from;
		const done = released + Math.max(0.25, c.f.items.get(o.itemId)?.leadTimeDays ?? 1) * DAY;
		if (done >= c.to) continue;
		const item = c.f.items.get(o.itemId);
		const n = round6(o.qty - o.goodQty - o.scrapQty);
		if (item?.backflush === 'operation' && !take(await c.stock(), components(c, o.itemId, n), reserved.get(o.productionOrderId))) continue;
		c.act({ at: Math.max(c.from, done), actor: supervisor(c, o.productionOrderId), command: cmd(reportProduction), input: { productionOrderId: o.productionOrderId, goodQty: n } });
	}
}

/** Orders whose last operation is done: completed into stock, or cancelled when nothing good came out. */
async function completions(c: HourContext, orders: DispatchOrder[], reserved: Reserved): Promise<void> {
	const { finished } = orderStates(orders);
	const unroutedDone = orders.filter((o) => (o.status === 'in_progress' || o.status === 'released') && !o.operations.length && o.goodQty + o.scrapQty >= o.qty - EPS);
	let minute = 3;
	for (const o of [...finished, ...unroutedDone]) {
		const at = into(c, (minute += 1));
		if (o.goodQty <= EPS) {
			const why = reason(c, 'order_cancel', 'CANNOT_DELIVER', o.productionOrderId);
			if (why) c.act({ at, actor: c.actors.pick('planner', o.productionOrderId), command: cmd(cancelProductionOrder), input: { productionOrderId: o.productionOrderId, reasonCode: why, note: 'nothing good came out' } });
			continue;
		}
		if (c.f.items.get(o.itemId)?.backflush === 'completion' && !take(await c.stock(), components(c, o.itemId, o.goodQty + o.scrapQty), reserved.get(o.productionOrderId))) continue;
		c.act({ at, actor: supervisor(c, o.productionOrderId), command: cmd(completeProductionOrder), input: { productionOrderId: o.productionOrderId } });
	}
}

/** Whether anything can happen on the shop floor in the hour: a shift runs, or the supervisor is in. */
function busyHour(c: HourContext): boolean {
	if (c.hour >= 7 && c.hour <= 17) return true;
	return [...c.f.workCenters.values()].some((w) => workedMinutes(w.calendar, c.from, c.to, c.timeZone) > 0);
}

/** One hour of the shop floor. */
export async function shopFloor(c: HourContext): Promise<void> {
	if (!busyHour(c)) return;
	const states = await workCenterStates(c.rt.db);
	breakdowns(c, states);
	const orders = await openProductionOrders(c.rt.db);
	const reserved = reservations(c, orders);
	const stock = await c.stock();
	for (const own of reserved.values()) for (const [item, qty] of own) stock.set(item, (stock.get(item) ?? 0) - qty);
	await completions(c, orders, reserved);
	releases(c, orders);
	await operations(c, orders, new Map(states.map((s) => [s.workCenterId, s])), reserved);
	await unrouted(c, orders, reserved);
}
