// The sales side of the simulated factory: customer orders arriving (Poisson, with a daily and weekly
// rhythm, now and then a rush order), the sales desk promising them with the planning's promise, and
// the warehouse shipping what is due and in stock.
import { createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../server/sales/commands.ts';
import { openOrderLines, type OpenOrderLine } from '../../server/sales/open-lines.queries.ts';
import { lastOrderNumber } from '../../server/sales/order-numbers.queries.ts';
import { answerPromises } from '../../server/planning/promise.queries.ts';
import { salesScope, inScope } from '../../server/auth/scope.ts';
import { addDays } from '../../server/shared/factory-date.ts';
import { isoWeekday } from '../../server/planning/capacity.ts';
import type { Command } from '../../server/commands/command.ts';
import { into, HOUR, MINUTE, type HourContext } from './context.ts';
import { stream } from './rng.ts';
import type { SimCustomer, SimUser } from './factory.ts';
import { customValues } from './custom.ts';

const cmd = <I, R>(c: Command<I, R>) => c as unknown as Command<never, unknown>;

/** Relative order intake per weekday, Monday first: Monday to Friday average 1. */
const WEEKDAY = [1.15, 1.1, 1.0, 1.0, 0.75, 0.12, 0.04];
/** Share of a day's orders per hour of the day: the office hours, a lunch dip, a few at night (EDI). */
const HOURS = (() => {
	const raw = [1, 1, 1, 1, 1, 1, 2, 6, 22, 34, 36, 30, 14, 24, 33, 33, 27, 18, 9, 5, 3, 2, 1, 1];
	const total = raw.reduce((a, b) => a + b, 0);
	return raw.map((x) => x / total);
})();
/** Intake on a factory holiday, as a share of a normal day's. */
const HOLIDAY = 0.1;

const DEFAULT_QTY = { min: 10, max: 120 };
/** Chance that an order has a second line, and that one with two has a third. */
const SECOND_LINE = 0.35;
const THIRD_LINE = 0.3;
/** Lines per customer order on average (with at least three products to choose from). */
export const MEAN_LINES_PER_ORDER = 1 + SECOND_LINE * (1 + THIRD_LINE);
const DEFAULT_LEAD = { min: 10, max: 28 };
const DEFAULT_RUSH_LEAD = { min: 2, max: 5 };
/** Lines shipped this many days before they are due (customers take goods a little early). */
const SHIP_AHEAD_DAYS = 2;

/** The mean number of orders arriving in the hour. */
export function arrivalRate(c: HourContext): number {
	const dayWeight = c.officeDay || isoWeekday(c.date) > 5 ? WEEKDAY[isoWeekday(c.date) - 1] : HOLIDAY;
	return c.profile.ordersPerDay * dayWeight * HOURS[c.hour] * ((c.to - c.from) / HOUR);
}

/** The department a customer belongs to, when its record says (a no-code field). */
function customerDepartment(cust: SimCustomer): string | null {
	for (const key of ['department', 'salesDepartment', 'dept']) {
		const v = cust.custom[key];
		if (typeof v === 'string' && v) return v;
	}
	return null;
}

function roundQty(q: number): number {
	const step = q >= 50 ? 10 : 5;
	return Math.max(step, Math.round(q / step) * step);
}

/** A weekday near `date`: a Saturday becomes the Friday before, a Sunday the Monday after. */
function weekday(date: string): string {
	const wd = isoWeekday(date);
	return wd === 6 ? addDays(date, -1) : wd === 7 ? addDays(date, 1) : date;
}

async function nextOrderId(c: HourContext, date: string): Promise<string> {
	const prefix = `SO-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-`;
	let n = c.memory.orderNumbers.get(prefix);
	if (n === undefined) n = await lastOrderNumber(c.rt.db, prefix);
	c.memory.orderNumbers.set(prefix, ++n);
	return prefix + String(n).padStart(3, '0');
}

/** Customer orders arriving in the hour. */
export async function orderArrivals(c: HourContext): Promise<void> {
	const { f, profile } = c;
	if (!f.products.length || !f.customers.length) return;
	const r = stream(c.seed, 'orders', c.from);
	const n = r.poisson(arrivalRate(c));
	const customerWeights = f.customers.map((x) => profile.customers?.[x.customerId] ?? 1);
	const productWeights = f.products.map((p) => profile.products?.[p.itemId] ?? 1);
	const qtyRange = profile.orderQty ?? DEFAULT_QTY;
	const arrivals = Array.from({ length: n }, () => c.from + r.next() * (c.to - c.from)).sort((a, b) => a - b);
	for (const at of arrivals) {
		const customer = f.customers[r.weighted(customerWeights)];
		const rush = r.chance(profile.rushShare);
		const lead = rush ? (profile.rushLeadDays ?? DEFAULT_RUSH_LEAD) : (profile.leadDays ?? DEFAULT_LEAD);
		const requestedDate = weekday(addDays(c.today, r.int(lead.min, lead.max)));
		const count = Math.min(f.products.length, 1 + (r.chance(SECOND_LINE) ? 1 + (r.chance(THIRD_LINE) ? 1 : 0) : 0));
		const weights = [...productWeights];
		const lines = [];
		for (let i = 0; i < count; i++) {
			const p = r.weighted(weights);
			weights[p] = 0;
			const qty = roundQty((qtyRange.min + r.next() * (qtyRange.max - qtyRange.min)) * (rush ? 0.5 : 1));
			lines.push({ lineId: String((i + 1) * 10), itemId: f.products[p].itemId, qty, requestedDate, priority: rush ? 1 : 5 });
		}
		const dept = customerDepartment(customer);
		const actor = c.actors.prefer('sales', customer.customerId, (u: SimUser) => dept !== null && u.department === dept);
		const orderId = await nextOrderId(c, c.date);
		const custom = customValues(f, 'sales_order', c.seed, orderId, c.today);
		c.act({ at, actor, command: cmd(createSalesOrder), input: { orderId, customerId: customer.customerId, lines, ...(custom ? { custom } : {}) } });
		c.memory.promiseDue = Math.min(c.memory.promiseDue, at + responseHours(c.seed, orderId) * HOUR);
	}
}

/** Hours between the sales desk's looks for orders it did not enter itself. */
const LOOK_EVERY_HOURS = 4;

/** Hours the sales desk takes to promise an order: mostly within the working day. */
function responseHours(seed: number, orderId: string): number {
	return Math.min(30, 0.3 + stream(seed, 'response', orderId).exp(2.5));
}

/** Orders not yet promised whose time has come: promised line by line with the planning's promise. */
export async function promises(c: HourContext): Promise<void> {
	if (!c.officeDay || c.hour < 8 || c.hour > 18) return;
	// The desk looks when one of its own orders is due, and every few hours for orders entered elsewhere.
	if (c.memory.promiseDue >= c.to && c.from - c.memory.promiseLooked < LOOK_EVERY_HOURS * HOUR) return;
	c.memory.promiseLooked = c.from;
	c.memory.promiseDue = Infinity;
	const open = await openOrderLines(c.rt.db, { unpromised: true });
	const byOrder = new Map<string, OpenOrderLine[]>();
	for (const l of open) if (l.promisedDate === null) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), l]);
	const due = new Map<string, number>();
	for (const [orderId, ls] of byOrder) {
		const entered = c.timeline.toSim(Date.parse(ls[0].orderedAt));
		due.set(orderId, entered + responseHours(c.seed, orderId) * HOUR);
	}
	// What planning says for every line answered this hour, read once (the state does not change before the hour's commands run).
	const asked = [...byOrder].filter(([orderId]) => due.get(orderId)! < c.to).flatMap(([, ls]) => ls);
	const requests = asked.map((l) => ({ itemId: l.itemId, qty: Math.max(1e-6, l.qty - l.shippedQty), requestedDate: l.requestedDate }));
	const answers = new Map((await answerPromises(c.rt.db, requests, c.rt.clock.now(), c.timeZone)).map((a, i) => [asked[i], a]));
	for (const [orderId, ls] of byOrder) {
		const at = due.get(orderId)!;
		if (at >= c.to) {
			c.memory.promiseDue = Math.min(c.memory.promiseDue, at);
			continue;
		}
		const r = stream(c.seed, 'promise', orderId);
		const promised = [];
		for (const l of ls) {
			const answer = answers.get(l)!;
			let date = answer.date < l.requestedDate ? l.requestedDate : answer.date;
			// Now and then the customer insists and sales promise the requested date a few days short of what planning says.
			if (date > l.requestedDate && date <= addDays(l.requestedDate, 3) && r.chance(0.35)) date = l.requestedDate;
			promised.push({ lineId: l.lineId, promisedDate: date });
		}
		const dept = ls[0].department;
		const actor = c.actors.pick('sales', ls[0].customerId, (u) => inScope(salesScope(u), dept));
		c.act({ at: Math.max(c.from, Math.min(at, c.to - MINUTE)), actor, command: cmd(promiseSalesOrder), input: { orderId, lines: promised } });
	}
}

/** The warehouse ships lines due soon from stock (morning and afternoon; in the evening what is due today): in full when it can, the part it has for lines already late. */
export async function shipping(c: HourContext): Promise<void> {
	if (!c.officeDay || (c.hour !== 10 && c.hour !== 15 && c.hour !== 19)) return;
	// The evening truck takes only what is due today or late.
	const until = c.hour === 19 ? c.today : addDays(c.today, SHIP_AHEAD_DAYS);
	const open = (await openOrderLines(c.rt.db))
		.map((l) => ({ ...l, due: l.promisedDate ?? l.requestedDate }))
		.filter((l) => l.due <= until)
		.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.priority - b.priority || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : a.lineId < b.lineId ? -1 : 1)));
	if (!open.length) return;
	const stock = await c.stock();
	let minute = 5;
	for (const l of open) {
		const want = Math.round((l.qty - l.shippedQty) * 1e6) / 1e6;
		const have = stock.get(l.itemId) ?? 0;
		let qty = 0;
		if (have >= want) qty = want;
		else if (l.due < c.today && have >= want * 0.3) qty = Math.floor(have);
		if (qty <= 0) continue;
		stock.set(l.itemId, have - qty);
		const actor = c.actors.pick('warehouse', l.orderId);
		c.act({ at: into(c, (minute += 2)), actor, command: cmd(shipSalesOrderLine), input: { orderId: l.orderId, lineId: l.lineId, qty } });
	}
}
