// Promise dates for a new order line (ATP/CTP), shown to sales while they type the order. Pure: plain
// data in (promise.queries.ts loads it), plain data out, today is an argument. It never writes and
// never reserves: two people asking at once get the same answer, and the order they save is planned
// by the next MRP run like any other.
//
// The answer is the earliest of three, the cheapest on a tie, never before the requested date:
//   stock  free stock now covers the quantity: today (or the requested date).
//   atp    free supply — stock and planned or existing receipts no demand is pegged to, as the last plan
//          left them — adds up to the quantity on day D.
//   ctp    make (or buy) the shortfall: the earliest day T by which free supply plus what can still be
//          made covers it. Made items explode their BOM (multi-level, scrap) against the components'
//          free supply; what is short is bought (preferred supplier's lead time, else the item's) or
//          made in turn. Making takes the item's lead time and must find room for its routing's minutes
//          at its work centres (rough-cut, capacity.ts) between its components' arrival and T.
// T is found by a search over days with a feasibility check (everything needed by T can be had),
// which shares components and capacity across the whole explosion; the check one day earlier says
// what binds (a lead time, a full work centre), and the reasons say it in words.
import { addDays, dayNumber } from '../shared/factory-date.ts';
import { componentQty } from '../shared/bom-quantity.ts';
import { calendarMinutes, freeMinutes, type BookedLoad, type ShiftCalendar } from './capacity.ts';
import { reasonMessage, type Lang, type PromiseReasonCode, type ReasonParamsByCode, type SupplyKind } from './promise-messages.ts';
import type { BomLine } from './types.ts';

export type { Lang, PromiseReasonCode, SupplyKind };

export interface PromiseRef {
	kind: string;
	id: string;
	lineId?: string;
}

/** A quantity no demand is pegged to: free to promise from `date` on (on or before today: now). */
export interface FreeSupply {
	itemId: string;
	qty: number;
	date: string;
	supply: SupplyKind;
	ref?: PromiseRef;
}

export interface PromiseItem {
	itemId: string;
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	/** Bought items: the preferred supplier (the cheapest offer) and its lead time. */
	supplier?: { supplierId: string; leadTimeDays: number };
}

/** A supplier's offer for an item (supplier_items). */
export interface SupplierOffer {
	supplierId: string;
	price: number;
	leadTimeDays: number;
}

/** The preferred supplier of a bought item: the cheapest offer; on a tie the quicker, then the first by code. */
export function preferredSupplier(offers: readonly SupplierOffer[]): SupplierOffer | undefined {
	return [...offers].sort((a, b) => a.price - b.price || a.leadTimeDays - b.leadTimeDays || (a.supplierId < b.supplierId ? -1 : 1))[0];
}

export interface RoutingStep {
	seq: number;
	workCenterId: string;
	setupMinutes: number;
	runMinutesPerUnit: number;
}

export interface PromiseWorkCenter {
	workCenterId: string;
	calendar: ShiftCalendar;
	status: string;
}

export interface PromiseRequest {
	itemId: string;
	qty: number;
	requestedDate?: string;
}

export interface PromiseInput {
	/** The factory's date (YYYY-MM-DD): day 0. */
	today: string;
	request: PromiseRequest;
	/** The plan the free supply comes from; null when no plan has run (then: stock and lead times). */
	plan: { generatedAt: string } | null;
	/** The requested item and everything below it. */
	items: readonly PromiseItem[];
	bom: readonly BomLine[];
	free: readonly FreeSupply[];
	routings: readonly { itemId: string; operations: readonly RoutingStep[] }[];
	workCenters: readonly PromiseWorkCenter[];
	/** Minutes open production orders still need at those work centres. */
	booked: readonly BookedLoad[];
	/** Days searched before giving up (default 730). */
	horizonDays?: number;
}

export type Basis = 'stock' | 'atp' | 'ctp';

// ---- reasons: a stable code with parameters, worded in English here (promise-messages.ts says them
// in the reader's language) ----

type P = Record<string, string | number>;

export interface PromiseReason {
	code: PromiseReasonCode;
	message: string;
	params: P;
	itemId?: string;
	ref?: PromiseRef;
	date?: string;
}

export interface PromiseAnswer {
	date: string;
	basis: Basis;
	reasons: PromiseReason[];
}

function reason<C extends PromiseReasonCode>(
	today: string,
	code: C,
	params: ReasonParamsByCode[C],
	extra: { itemId?: string; ref?: PromiseRef; date?: string } = {}
): PromiseReason {
	const clean = Object.fromEntries(Object.entries(params as Record<string, unknown>).filter(([, v]) => v !== undefined)) as P;
	return { code, message: reasonMessage(code, params, 'en', today), params: clean, ...extra };
}

/** The answer with its reasons said in `lang`. */
export function inLanguage(answer: PromiseAnswer, lang: Lang, today: string): PromiseAnswer {
	if (lang === 'en') return answer;
	return { ...answer, reasons: answer.reasons.map((r) => ({ ...r, message: reasonMessage(r.code, r.params as never, lang, today) })) };
}

// ---- the engine ----

const EPS = 1e-9;
const DEFAULT_HORIZON = 730;
const MAX_REASONS = 12;
const MAX_DEPTH = 64;

interface Slot {
	day: number;
	qty: number;
	source: FreeSupply;
}

type Step =
	| { kind: 'free'; itemId: string; level: number; day: number; source: FreeSupply }
	| { kind: 'buy'; itemId: string; level: number; qty: number; day: number; orderBy: number; days: number; supplierId?: string }
	| { kind: 'make'; itemId: string; level: number; qty: number; day: number; start: number; days: number; workCenters: string[] };

type Cause =
	| { kind: 'lead_time'; itemId: string; level: number; days: number; supplierId?: string }
	| { kind: 'capacity'; itemId: string; workCenterId: string; minutes: number }
	| { kind: 'unknown_item'; itemId: string };

interface Model {
	items: Map<string, PromiseItem>;
	children: Map<string, BomLine[]>;
	routings: Map<string, RoutingStep[]>;
	/** Free supply per item, by day ascending. */
	free: Map<string, Slot[]>;
	/** Free minutes per work centre and day, and the calendar's minutes (0: a day off). */
	capacity: Map<string, number[]>;
	shiftMinutes: Map<string, number[]>;
	horizon: number;
}

const ceilDays = (d: number) => Math.max(0, Math.ceil(d - EPS));

function leadTimeOf(item: PromiseItem): { days: number; supplierId?: string } {
	if (item.makeOrBuy === 'buy' && item.supplier) return { days: ceilDays(item.supplier.leadTimeDays), supplierId: item.supplier.supplierId };
	return { days: ceilDays(item.leadTimeDays) };
}

/** Whether everything needed for `qty` of the item by day `by` can be had; the steps taken, or what stops it. */
function check(model: Model, itemId: string, qty: number, by: number): { steps: Step[]; cause: Cause | null } {
	const taken = new Map<Slot, number>();
	const used = new Map<string, number[]>();
	const steps: Step[] = [];
	const capacity = (wc: string): number[] | undefined => {
		let arr = used.get(wc);
		if (!arr) {
			const base = model.capacity.get(wc);
			if (!base) return undefined;
			arr = base.slice();
			used.set(wc, arr);
		}
		return arr;
	};

	function need(id: string, n: number, day: number, level: number): Cause | null {
		let rest = n;
		// Latest free supply first: earlier supply stays for whatever is needed earlier.
		const slots = model.free.get(id) ?? [];
		for (let i = slots.length - 1; i >= 0 && rest > EPS; i--) {
			const s = slots[i];
			if (s.day > day) continue;
			const left = s.qty - (taken.get(s) ?? 0);
			if (left <= EPS) continue;
			const take = Math.min(left, rest);
			taken.set(s, (taken.get(s) ?? 0) + take);
			rest -= take;
			steps.push({ kind: 'free', itemId: id, level, day: s.day, source: s.source });
		}
		if (rest <= EPS) return null;
		const item = model.items.get(id);
		if (!item) return { kind: 'unknown_item', itemId: id };
		const lead = leadTimeOf(item);
		if (day - lead.days < 0) return { kind: 'lead_time', itemId: id, level, days: lead.days, supplierId: lead.supplierId };
		if (item.makeOrBuy === 'buy' || level >= MAX_DEPTH) {
			steps.push({ kind: 'buy', itemId: id, level, qty: rest, day, orderBy: day - lead.days, days: lead.days, supplierId: lead.supplierId });
			return null;
		}
		// Operations backwards from the day before `day`: the last one ends then at the latest, each
		// earlier one ends on or before the day the next one starts (rough-cut: days, not hours).
		let end = day;
		let first = day;
		const workCenters: string[] = [];
		const ops = model.routings.get(id) ?? [];
		for (let i = ops.length - 1; i >= 0; i--) {
			const op = ops[i];
			const minutes = op.setupMinutes + op.runMinutesPerUnit * rest;
			const free = capacity(op.workCenterId);
			if (!(minutes > EPS) || !free) continue;
			let left = minutes;
			let d = end - 1;
			for (; d >= 0; d--) {
				const use = Math.min(free[d] ?? 0, left);
				free[d] -= use;
				left -= use;
				if (left <= EPS) break;
			}
			if (left > EPS) return { kind: 'capacity', itemId: id, workCenterId: op.workCenterId, minutes };
			workCenters.push(op.workCenterId);
			end = d + 1;
			first = Math.min(first, d);
		}
		const start = Math.min(day - lead.days, first);
		steps.push({ kind: 'make', itemId: id, level, qty: rest, day, start, days: lead.days, workCenters });
		for (const line of model.children.get(id) ?? []) {
			const cause = need(line.child, componentQty(rest, line.qty, line.scrapPct), start, level + 1);
			if (cause) return cause;
		}
		return null;
	}

	const cause = need(itemId, qty, by, 0);
	return { steps, cause };
}

/**
 * Work-centre minutes worked out once for several promises made from one read (answerPromises): the
 * same day, calendars and booked load, so the same free and shift minutes per work centre and horizon.
 * Never for inputs read apart.
 */
export type CapacityMemo = Map<string, { free: number[]; shift: number[] }>;

function buildModel(input: PromiseInput, horizon: number, memo: CapacityMemo = new Map()): Model {
	const items = new Map(input.items.map((i) => [i.itemId, i]));
	const children = new Map<string, BomLine[]>();
	for (const line of input.bom) {
		const list = children.get(line.parent) ?? [];
		list.push(line);
		children.set(line.parent, list);
	}
	const routings = new Map(input.routings.map((r) => [r.itemId, [...r.operations].sort((a, b) => a.seq - b.seq)]));
	const start = dayNumber(input.today);
	const free = new Map<string, Slot[]>();
	for (const f of input.free) {
		if (!(f.qty > EPS)) continue;
		const list = free.get(f.itemId) ?? [];
		list.push({ day: Math.max(0, dayNumber(f.date) - start), qty: f.qty, source: f });
		free.set(f.itemId, list);
	}
	for (const list of free.values()) list.sort((a, b) => a.day - b.day);
	const booked = new Map<string, BookedLoad[]>();
	for (const b of input.booked) {
		const list = booked.get(b.workCenterId) ?? [];
		list.push(b);
		booked.set(b.workCenterId, list);
	}
	// Read only from here on (check() works on copies).
	const minutes = input.workCenters.map((w) => {
		const key = `${w.workCenterId}\u0000${horizon}`;
		let m = memo.get(key);
		if (!m) {
			m = { free: freeMinutes(w.calendar, booked.get(w.workCenterId) ?? [], input.today, horizon + 1), shift: calendarMinutes(w.calendar, input.today, horizon + 1) };
			memo.set(key, m);
		}
		return [w.workCenterId, m] as const;
	});
	const capacity = new Map(minutes.map(([id, m]) => [id, m.free]));
	const shiftMinutes = new Map(minutes.map(([id, m]) => [id, m.shift]));
	return { items, children, routings, free, capacity, shiftMinutes, horizon };
}

/** The first day on which the cumulative free supply of the item reaches `qty`, or null. */
function atpDay(slots: readonly Slot[], qty: number): number | null {
	let sum = 0;
	for (const s of slots) {
		sum += s.qty;
		if (sum >= qty - EPS) return s.day;
	}
	return null;
}

/** The earliest day on which the check passes, searching up to `hi` (which passes, or is the horizon). */
function earliestDay(ok: (day: number) => boolean, hi: number): number | null {
	if (ok(0)) return 0;
	// Widening steps, then halving: the check is monotone in the day (more time never hurts).
	let lo = 0;
	let probe = 1;
	while (probe < hi && !ok(probe)) {
		lo = probe;
		probe *= 2;
	}
	let top = Math.min(probe, hi);
	if (top === hi && !ok(hi)) return null;
	while (top - lo > 1) {
		const mid = (lo + top) >> 1;
		if (ok(mid)) top = mid;
		else lo = mid;
	}
	return top;
}

/** The promise date, its basis and its reasons for `qty` of an item asked for on `requestedDate`. */
export function promise(input: PromiseInput, memo?: CapacityMemo): PromiseAnswer {
	const { today, request } = input;
	const horizon = input.horizonDays ?? DEFAULT_HORIZON;
	const model = buildModel(input, horizon, memo);
	const at = (day: number) => addDays(today, day);
	const requestedDay = request.requestedDate ? Math.max(0, dayNumber(request.requestedDate) - dayNumber(today)) : 0;
	const reasons: PromiseReason[] = [];
	if (!input.plan) reasons.push(reason(today, 'PROMISE_NO_PLAN', {}));
	const finish = (day: number, basis: Basis): PromiseAnswer => {
		if (requestedDay > day) reasons.push(reason(today, 'PROMISE_REQUESTED', { date: at(requestedDay) }, { date: at(requestedDay) }));
		return { date: at(Math.max(day, requestedDay)), basis, reasons: reasons.slice(0, MAX_REASONS) };
	};

	const slots = model.free.get(request.itemId) ?? [];
	const stockNow = slots.filter((s) => s.day === 0 && s.source.supply === 'stock').reduce((sum, s) => sum + s.qty, 0);
	if (stockNow >= request.qty - EPS) {
		reasons.push(reason(today, 'PROMISE_STOCK', { itemId: request.itemId, qty: stockNow }, { itemId: request.itemId }));
		return finish(0, 'stock');
	}

	const atp = atpDay(slots, request.qty);
	const ok = (day: number) => check(model, request.itemId, request.qty, day).cause === null;
	const ctp = earliestDay(ok, atp ?? horizon);
	if (atp !== null && Math.max(atp, requestedDay) <= Math.max(ctp ?? atp, requestedDay)) {
		let sum = 0;
		for (const s of slots) {
			if (sum >= request.qty - EPS) break;
			sum += s.qty;
			reasons.push(freeReason(today, s));
		}
		return finish(atp, 'atp');
	}
	if (ctp === null) {
		reasons.push(reason(today, 'PROMISE_HORIZON', { days: horizon }));
		const last = check(model, request.itemId, request.qty, horizon);
		if (last.cause) reasons.push(...causeReasons(model, today, last.cause, horizon, []));
		return finish(horizon, 'ctp');
	}
	const made = check(model, request.itemId, request.qty, ctp);
	if (ctp > 0) {
		const before = check(model, request.itemId, request.qty, ctp - 1);
		if (before.cause) reasons.push(...causeReasons(model, today, before.cause, ctp, made.steps));
	}
	reasons.push(...stepReasons(today, made.steps));
	const down = new Set(made.steps.flatMap((s) => (s.kind === 'make' ? s.workCenters : [])));
	for (const w of input.workCenters) {
		if (down.has(w.workCenterId) && w.status !== 'up') {
			reasons.push(reason(today, 'PROMISE_WC_DOWN', { workCenterId: w.workCenterId, status: w.status }, { ref: { kind: 'work_center', id: w.workCenterId } }));
		}
	}
	return finish(ctp, 'ctp');
}

function freeReason(today: string, s: Slot): PromiseReason {
	const f = s.source;
	const date = addDays(today, s.day);
	if (f.supply === 'stock' && s.day === 0) return reason(today, 'PROMISE_STOCK', { itemId: f.itemId, qty: f.qty }, { itemId: f.itemId, date });
	return reason(
		today,
		'PROMISE_FREE',
		{ itemId: f.itemId, qty: f.qty, date, supply: f.supply, supplyId: f.ref?.id },
		{ itemId: f.itemId, date, ...(f.ref ? { ref: f.ref } : {}) }
	);
}

/** What stops an earlier date, in words; `day` is the promise day found, `steps` how it is met. */
function causeReasons(model: Model, today: string, cause: Cause, day: number, steps: readonly Step[]): PromiseReason[] {
	const at = (d: number) => addDays(today, d);
	switch (cause.kind) {
		case 'lead_time':
			return [
				reason(
					today,
					'PROMISE_LEAD_TIME',
					{ itemId: cause.itemId, days: cause.days, level: cause.level, supplierId: cause.supplierId },
					{ itemId: cause.itemId, ...(cause.supplierId ? { ref: { kind: 'supplier', id: cause.supplierId } } : {}) }
				)
			];
		case 'capacity': {
			const ref = { kind: 'work_center', id: cause.workCenterId };
			const made = steps.find((s) => s.kind === 'make' && s.itemId === cause.itemId);
			const out: PromiseReason[] = [];
			const full = fullUntil(model.capacity.get(cause.workCenterId) ?? [], model.shiftMinutes.get(cause.workCenterId) ?? []);
			if (full !== null) out.push(reason(today, 'PROMISE_WC_FULL', { workCenterId: cause.workCenterId, date: at(full) }, { ref, date: at(full) }));
			const date = at(made?.day ?? day);
			out.push(reason(today, 'PROMISE_CAPACITY', { workCenterId: cause.workCenterId, itemId: cause.itemId, minutes: cause.minutes, date }, { itemId: cause.itemId, ref, date }));
			return out;
		}
		case 'unknown_item':
			return [];
	}
}

/**
 * The last working day of the run of days without free minutes that starts today (days off inside the
 * run do not end it), or null when the first working day has room.
 */
function fullUntil(free: readonly number[], shifts: readonly number[]): number | null {
	let last: number | null = null;
	for (let d = 0; d < free.length && free[d] <= EPS; d++) if ((shifts[d] ?? 0) > 0) last = d;
	return last;
}

function stepReasons(today: string, steps: readonly Step[]): PromiseReason[] {
	const at = (d: number) => addDays(today, d);
	const out: PromiseReason[] = [];
	const seen = new Set<FreeSupply>();
	for (const s of steps) {
		if (s.kind === 'free') {
			if (seen.has(s.source)) continue;
			seen.add(s.source);
			out.push(freeReason(today, { day: s.day, qty: s.source.qty, source: s.source }));
		} else if (s.kind === 'buy') {
			out.push(
				reason(
					today,
					'PROMISE_BUY',
					{ itemId: s.itemId, qty: s.qty, orderBy: at(s.orderBy), days: s.days, supplierId: s.supplierId },
					{ itemId: s.itemId, date: at(s.day), ...(s.supplierId ? { ref: { kind: 'supplier', id: s.supplierId } } : {}) }
				)
			);
		} else {
			out.push(reason(today, 'PROMISE_MAKE', { itemId: s.itemId, qty: s.qty, start: at(s.start), days: s.days }, { itemId: s.itemId, date: at(s.day) }));
		}
	}
	return out;
}
