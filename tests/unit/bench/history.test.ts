// The benchmark data sets: the sizes of each at a scale, every event valid for the catalogue, every
// reference to something known and made earlier (no shipment beyond what is open or in stock, no report
// on an order not released), the rates of the mix exact, and the same data for the same seed.
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../server/runtime.ts';
import { validateEvent } from '../../../server/events/validate.ts';
import { countByType, DAY_MS, READING_TYPE, type BenchEvent } from '../../../seed/bench/events.ts';
import { daysOf, firstEvents, kpiSet, KPI_DAYS, KPI_ORDERS_PER_DAY, MIX, mixSet, readingsSet, readsSet, setupOf, STREAM_EVENTS_PER_DAY, type BenchSet } from '../../../seed/bench/sets.ts';

const TODAY = '2026-12-07';
const catalogue = buildCatalogue();

function allEvents(set: BenchSet): BenchEvent[] {
	return [...setupOf(set), ...[...daysOf(set)].flatMap((d) => d.events)];
}

/**
 * Replays events as the event log's rules would judge them, in order: what each names is known and
 * was made at least `settleMs` earlier (the setup counts as made long ago), and no quantity goes
 * beyond what is open, received or in stock. Answers the first broken rule, or null.
 */
function firstBrokenRule(setup: BenchEvent[], history: BenchEvent[], settleMs = 0): string | null {
	const made = new Map<string, number>();
	const items = new Map<string, { kind: string; make: string }>();
	const known = new Set<string>();
	const lines = new Map<string, { itemId: string; qty: number; shipped: number; cancelled: boolean }>();
	const poLines = new Map<string, { qty: number; received: number; inspected: number; itemId: string }>();
	const reqs = new Map<string, { status: string }>();
	const mos = new Map<string, { status: string; good: number; itemId: string; released: number }>();
	const stock = new Map<string, number>();
	const old = (key: string, at: number) => (made.get(key) ?? Infinity) <= at - settleMs;
	let index = 0;
	for (const e of [...setup, ...history]) {
		const setupEvent = index++ < setup.length;
		const at = setupEvent ? -Infinity : Date.parse(e.occurredAt);
		const d = e.data as Record<string, any>;
		const fail = (why: string) => `${e.type} ${e.occurredAt} ${JSON.stringify(d)}: ${why}`;
		switch (e.type) {
			case 'customer.upserted':
				known.add('c' + d.customerId);
				break;
			case 'supplier.upserted':
				known.add('s' + d.supplierId);
				break;
			case 'item.upserted':
				items.set(d.itemId, { kind: d.kind, make: d.makeOrBuy });
				break;
			case 'work_center.upserted':
				known.add('w' + d.workCenterId);
				break;
			case 'bom.replaced':
				if (!items.has(d.parentItemId) || d.lines.some((l: { childItemId: string }) => !items.has(l.childItemId))) return fail('unknown item');
				break;
			case 'routing.replaced':
				if (!items.has(d.itemId) || d.operations.some((o: { workCenterId: string }) => !known.has('w' + o.workCenterId))) return fail('unknown item or work centre');
				break;
			case 'supplier_item.upserted':
				if (!items.has(d.itemId) || !known.has('s' + d.supplierId)) return fail('unknown item or supplier');
				break;
			case 'stock.adjusted':
				if (!items.has(d.itemId)) return fail('unknown item');
				stock.set(d.itemId, (stock.get(d.itemId) ?? 0) + d.qty);
				break;
			case 'sales_order.created':
				if (!known.has('c' + d.customerId)) return fail('unknown customer');
				if (made.has('so' + d.orderId)) return fail('order made twice');
				made.set('so' + d.orderId, at);
				for (const l of d.lines) {
					if (items.get(l.itemId)?.kind !== 'product') return fail('not a known product');
					lines.set(`${d.orderId}/${l.lineId}`, { itemId: l.itemId, qty: l.qty, shipped: 0, cancelled: false });
				}
				break;
			case 'sales_order.promised':
				if (!old('so' + d.orderId, at)) return fail('order unknown or too young');
				for (const l of d.lines) if (!lines.has(`${d.orderId}/${l.lineId}`)) return fail('unknown line');
				break;
			case 'sales_order.cancelled':
				if (!old('so' + d.orderId, at)) return fail('order unknown or too young');
				for (const id of d.lineIds) {
					const line = lines.get(`${d.orderId}/${id}`);
					if (!line || line.cancelled || line.shipped >= line.qty) return fail('line not open');
					line.cancelled = true;
				}
				break;
			case 'shipment.shipped': {
				const line = lines.get(`${d.orderId}/${d.lineId}`);
				if (!line || !old('so' + d.orderId, at)) return fail('order unknown or too young');
				if (line.cancelled || line.shipped + d.qty > line.qty) return fail('more than is open');
				const have = stock.get(line.itemId) ?? 0;
				if (have < d.qty) return fail(`only ${have} in stock`);
				stock.set(line.itemId, have - d.qty);
				line.shipped += d.qty;
				break;
			}
			case 'purchase_order.placed':
				if (!known.has('s' + d.supplierId)) return fail('unknown supplier');
				made.set('po' + d.poId, at);
				for (const l of d.lines) {
					if (items.get(l.itemId)?.make !== 'buy') return fail('not a known material');
					if (l.requisitionId) {
						const req = reqs.get(l.requisitionId);
						if (req?.status !== 'approved' || !old('rq' + l.requisitionId, at)) return fail('requisition not approved');
						req.status = 'ordered';
					}
					poLines.set(`${d.poId}/${l.lineId}`, { qty: l.qty, received: 0, inspected: 0, itemId: l.itemId });
				}
				break;
			case 'goods.received': {
				const line = poLines.get(`${d.poId}/${d.lineId}`);
				if (!line || !old('po' + d.poId, at)) return fail('order unknown or too young');
				if (line.received + d.qty > line.qty) return fail('more than ordered');
				line.received += d.qty;
				break;
			}
			case 'inspection.recorded': {
				const line = poLines.get(`${d.poId}/${d.lineId}`);
				if (!line || line.inspected + d.acceptedQty + d.rejectedQty > line.received) return fail('more than received');
				line.inspected += d.acceptedQty + d.rejectedQty;
				stock.set(line.itemId, (stock.get(line.itemId) ?? 0) + d.acceptedQty);
				break;
			}
			case 'requisition.created':
				if (items.get(d.itemId)?.make !== 'buy' || !known.has('s' + d.supplierId)) return fail('unknown material or supplier');
				reqs.set(d.requisitionId, { status: d.autoApproved ? 'approved' : 'pending' });
				made.set('rq' + d.requisitionId, at);
				break;
			case 'requisition.approved':
			case 'requisition.rejected': {
				const req = reqs.get(d.requisitionId);
				if (req?.status !== 'pending' || !old('rq' + d.requisitionId, at)) return fail('not a pending requisition');
				req.status = e.type === 'requisition.approved' ? 'approved' : 'rejected';
				made.set('rq' + d.requisitionId, at);
				break;
			}
			case 'production_order.created':
				if (items.get(d.itemId)?.make !== 'make') return fail('not a made item');
				mos.set(d.productionOrderId, { status: 'created', good: 0, itemId: d.itemId, released: Infinity });
				made.set('mo' + d.productionOrderId, at);
				break;
			case 'production_order.released': {
				const mo = mos.get(d.productionOrderId);
				if (!old('mo' + d.productionOrderId, at)) return fail('order unknown or too young');
				if (mo?.status !== 'created') return fail('not a created order');
				mo.status = 'released';
				made.set('mo' + d.productionOrderId, at);
				break;
			}
			case 'production.reported': {
				const mo = mos.get(d.productionOrderId);
				if (mo?.status !== 'released' || !old('mo' + d.productionOrderId, at)) return fail('not a released order');
				mo.good += d.goodQty;
				break;
			}
			case 'production_order.completed': {
				const mo = mos.get(d.productionOrderId);
				if (mo?.status !== 'released' || mo.good <= 0) return fail('nothing reported on a released order');
				mo.status = 'completed';
				stock.set(mo.itemId, (stock.get(mo.itemId) ?? 0) + mo.good);
				break;
			}
			case READING_TYPE:
				if (!known.has('w' + d.workCenterId) && setup.length) return fail('unknown work centre');
				break;
			default:
				return fail('not a type of the benchmark data');
		}
	}
	return null;
}

function invalid(events: BenchEvent[]): string[] {
	return events.flatMap((e, i) => {
		const v = validateEvent(catalogue, e, i);
		return Array.isArray(v) ? [`${e.type} ${v.map((x) => `${x.path}: ${x.message}`).join('; ')}`] : [];
	});
}

const inOrder = (events: BenchEvent[]) => events.every((e, i) => i === 0 || events[i - 1].occurredAt <= e.occurredAt);

describe('benchmark data: reads', () => {
	const set = readsSet(0.01, TODAY);
	const setup = setupOf(set);
	const days = [...daysOf(set)];
	const history = days.flatMap((d) => d.events);

	it('has the 1% sizes: lines, items, partners, requisitions, production orders, events', () => {
		const c = countByType([...setup, ...history]);
		const lines = history.filter((e) => e.type === 'sales_order.created').reduce((n, e) => n + (e.data.lines as unknown[]).length, 0);
		const poLines = history.filter((e) => e.type === 'purchase_order.placed').reduce((n, e) => n + (e.data.lines as unknown[]).length, 0);
		expect(lines).toBe(set.sizes.salesOrderLines);
		expect(lines).toBe(1_000);
		expect(poLines).toBe(200);
		expect(c['item.upserted']).toBe(100);
		expect(c['requisition.created']).toBe(50);
		expect(c['production_order.created']).toBe(100);
		expect(c['customer.upserted']).toBe(3 * 20);
		expect(c['supplier.upserted']).toBe(2 * 5);
		expect(setup.length + history.length).toBe(10_000);
		expect(c[READING_TYPE]).toBeGreaterThan(6_000);
	});

	it('covers the 730 days before today, in time order, orders entered by the sales users in turn', () => {
		expect(days).toHaveLength(730);
		expect(days.at(-1)!.date).toBe('2026-12-06');
		expect(inOrder(history)).toBe(true);
		expect(history.at(-1)!.occurredAt < '2026-12-06T16:00:00.000Z').toBe(true);
		const actors = countByType(history.filter((e) => e.type === 'sales_order.created').map((e) => ({ ...e, type: e.actor! })));
		expect(Object.keys(actors)).toHaveLength(10);
		expect(actors['user:bench']).toBe(25);
	});

	it('is valid for the catalogue and breaks no rule of the event log', () => {
		expect(invalid([...setup, ...history])).toEqual([]);
		expect(firstBrokenRule(setup, history, 60 * 60_000)).toBeNull();
	});

	it('is judged by a replay that does catch a broken rule', () => {
		const ship = history.findIndex((e) => e.type === 'shipment.shipped');
		const over = history.map((e, i) => (i === ship ? { ...e, data: { ...e.data, qty: 1_000_000 } } : e));
		expect(firstBrokenRule(setup, over)).toMatch(/more than is open/);
		const early = history.findIndex((e) => e.type === 'production.reported');
		expect(firstBrokenRule(setup, [history[early], ...history])).toMatch(/not a released order/);
		expect(firstBrokenRule(setup, history, 400 * DAY_MS)).toMatch(/too young/);
	});

	it('leaves work in every state: open and late lines, pending requisitions, orders not finished', () => {
		const shipped = new Set(history.filter((e) => e.type === 'shipment.shipped').map((e) => `${e.data.orderId}/${e.data.lineId}`));
		const cancelled = history.filter((e) => e.type === 'sales_order.cancelled').length;
		// 2% of the lines are to be cancelled; the last ones may be due after today.
		expect(cancelled).toBeGreaterThanOrEqual(17);
		expect(cancelled).toBeLessThanOrEqual(20);
		expect(shipped.size).toBeLessThan(1_000 - cancelled);
		const decided = new Set(history.filter((e) => e.type === 'requisition.approved' || e.type === 'requisition.rejected').map((e) => e.data.requisitionId));
		expect(decided.size).toBeGreaterThan(0);
		const completed = history.filter((e) => e.type === 'production_order.completed').length;
		expect(completed).toBeGreaterThan(80);
		expect(completed).toBeLessThan(100);
	});
});

describe('benchmark data: kpi', () => {
	it('has 90 days of 40 orders at scale 0.01, 3 in 4 promised and 3 in 4 shipped, every event in the log', () => {
		const set = kpiSet(0.01);
		const days = [...daysOf(set)];
		const history = days.flatMap((d) => d.events);
		for (const d of days.slice(0, KPI_DAYS)) expect(d.events.filter((e) => e.type === 'sales_order.created')).toHaveLength(KPI_ORDERS_PER_DAY * 0.01);
		expect(days.length).toBeGreaterThan(KPI_DAYS); // the tail: shipments after the 90 days
		expect(countByType(history)).toEqual({ 'sales_order.created': 3_600, 'sales_order.promised': 2_700, 'shipment.shipped': 2_700 });
		expect(inOrder(history)).toBe(true);
		expect(invalid([...setupOf(set), ...history])).toEqual([]);
		expect(firstBrokenRule(setupOf(set), history, 5 * 60_000)).toBeNull();
		// Shipped from a day before to a day after the due date (the promised date, else the requested one).
		const due = new Map<string, string>();
		for (const e of history) {
			if (e.type === 'sales_order.created') due.set(e.data.orderId as string, (e.data.lines as { requestedDate: string }[])[0].requestedDate);
			if (e.type === 'sales_order.promised') due.set(e.data.orderId as string, (e.data.lines as { promisedDate: string }[])[0].promisedDate);
		}
		for (const e of history.filter((x) => x.type === 'shipment.shipped')) {
			const days = (Date.parse(e.occurredAt) - Date.parse(`${due.get(e.data.orderId as string)}T00:00:00+08:00`)) / DAY_MS;
			expect(days).toBeGreaterThanOrEqual(-1);
			expect(days).toBeLessThan(2);
		}
	});
});

describe('benchmark data: the plant stream and telemetry', () => {
	it('keeps the shares of MIX exactly, day by day, on its opening book', () => {
		const set = mixSet(0.05, 2 * STREAM_EVENTS_PER_DAY);
		const days = [...daysOf(set)];
		for (const d of days) {
			const c = countByType(d.events);
			expect(c).toEqual(Object.fromEntries(MIX.map(([type, share]) => [type, Math.round(share * STREAM_EVENTS_PER_DAY)])));
		}
		const history = days.flatMap((d) => d.events);
		expect(inOrder(history)).toBe(true);
		expect(invalid([...setupOf(set), ...history])).toEqual([]);
		// Nothing names a document younger than a day: with 2 concurrent senders of 1,000-event batches it is committed.
		expect(firstBrokenRule(setupOf(set), history, DAY_MS)).toBeNull();
	});

	it('gives the first n events, and telemetry alone for the readings', () => {
		expect(firstEvents(mixSet(0.01, 1_500), 1_500)).toHaveLength(1_500);
		const readings = firstEvents(readingsSet(0.01, 3_000), 3_000);
		expect(new Set(readings.map((e) => e.type))).toEqual(new Set([READING_TYPE]));
		expect(invalid(readings)).toEqual([]);
		expect(() => firstEvents(readingsSet(0.01, 10), 50_000)).toThrow(/history has/);
		// The ingest benchmark stores both side by side: no id twice.
		const mix = firstEvents(mixSet(0.01, 3_000), 3_000);
		expect(new Set([...mix, ...readings, ...setupOf(mixSet(0.01, 3_000))].map((e) => e.id)).size).toBe(mix.length + readings.length + setupOf(mixSet(0.01, 3_000)).length);
	});
});

describe('benchmark data: determinism', () => {
	it('gives the same events, ids included, for the same seed, and others for another seed', () => {
		const a = allEvents(readsSet(0.005, TODAY, 11));
		expect(allEvents(readsSet(0.005, TODAY, 11))).toEqual(a);
		const b = allEvents(readsSet(0.005, TODAY, 12));
		expect(b.map((e) => e.id)).not.toEqual(a.map((e) => e.id));
		expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
		expect(firstEvents(mixSet(0.01, 3_000, 4), 3_000)).toEqual(firstEvents(mixSet(0.01, 3_000, 4), 3_000));
		expect(allEvents(kpiSet(0.002, 4))).toEqual(allEvents(kpiSet(0.002, 4)));
	});
});
