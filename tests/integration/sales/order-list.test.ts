import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { listOrders, orderListQuery, type OrderSummary } from '../../../server/sales/order-list.queries.ts';
import { LINE_STATUSES } from '../../../server/sales/line-status.ts';
import { isActive } from '../../../server/sales/order-status.ts';

// The list filters, sorts and pages in SQL; the statuses it shows come from the pure derivation. These
// tests check that the SQL filters find exactly the orders the derivation labels so, on orders whose
// lines cover every fact the derivation looks at (quantities, shipments, cancellations, requested
// and promised dates around today, production orders released or completed for them).

let t: TestRuntime;
const TODAY = '2026-11-25';
const clock = { now: new Date(`${TODAY}T08:00:00Z`), timeZone: 'Asia/Shanghai' };
const everyone = { name: 'user:admin', scope: null };

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

const DATES = ['2026-11-20', '2026-11-24', '2026-11-25', '2026-11-26', '2026-12-10', null];

beforeAll(async () => {
	t = await openTestRuntime();
	const rnd = random(7);
	const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const orders: unknown[][] = [];
	const lines: unknown[][] = [];
	const production: unknown[][] = [];
	for (let o = 0; o < 160; o++) {
		const orderId = `SO-${String(o).padStart(3, '0')}`;
		orders.push([orderId, pick(['C-1', 'C-2']), new Date(Date.UTC(2026, 10, 1) + o * 3_600_000).toISOString(), o % 3 ? 'user:wang' : 'user:li']);
		const n = 1 + Math.floor(rnd() * 3);
		for (let l = 1; l <= n; l++) {
			const qty = pick([10, 10, 10, 0]);
			const shipped = pick([0, 0, 4, 10, 12]);
			const requested = pick(DATES);
			const promised = rnd() < 0.3 ? pick(DATES) : null;
			const cancelled = rnd() < 0.12 ? '2026-11-10T00:00:00Z' : null;
			lines.push([orderId, String(l), 'BIKE', qty, requested, promised, shipped, cancelled]);
			const made = pick(['none', 'none', 'released', 'in_progress', 'completed', 'completed-short']);
			if (made !== 'none') {
				const status = made === 'completed-short' ? 'completed' : made;
				const good = made === 'completed-short' ? 1 : made === 'completed' ? qty : 0;
				production.push([`PO-${orderId}-${l}`, qty || 1, status, orderId, String(l), good]);
			}
		}
	}
	await t.rt.db.query(
		`insert into sales_orders (order_id, customer_id, ordered_at, entered_by, version_at, version_id)
		select x->>0, x->>1, (x->>2)::timestamptz, x->>3, (x->>2)::timestamptz, gen_random_uuid() from jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(orders)]
	);
	await t.rt.db.query(
		`insert into sales_order_lines (order_id, line_id, item_id, qty, requested_date, promised_date, shipped_qty, cancelled_at)
		select x->>0, x->>1, x->>2, (x->>3)::numeric, (x->>4)::date, (x->>5)::date, (x->>6)::numeric, (x->>7)::timestamptz
		from jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(lines)]
	);
	// The rows are written directly, so the orders' progress is recomputed here as the batch projector
	// does after every batch of events (server/sales/progress.ts); the last test checks that projector.
	await t.rt.db.query('select sales_orders_progress(array(select order_id from sales_orders order by order_id))');
	await t.rt.db.query(
		`insert into production_orders (production_order_id, item_id, qty, due_date, status, sales_order_id, sales_line_id, created_at, good_qty)
		select x->>0, 'BIKE', (x->>1)::numeric, '2026-12-01', x->>2, x->>3, x->>4, now(), (x->>5)::numeric from jsonb_array_elements($1::jsonb) x`,
		[JSON.stringify(production)]
	);
}, 60_000);
afterAll(async () => t?.close());

async function all(params: Record<string, string>, reader = everyone): Promise<{ orders: OrderSummary[]; total: number }> {
	const out: OrderSummary[] = [];
	let total = 0;
	for (let page = 1; ; page++) {
		const r = await listOrders(t.rt.db, orderListQuery.parse({ ...params, page: String(page), pageSize: '25' }), clock, reader);
		out.push(...r.orders);
		total = r.total;
		if (r.orders.length < 25) break;
	}
	return { orders: out, total };
}

describe(`sales order list in SQL (${backendLabel})`, () => {
	it('finds, for every status filter, exactly the orders whose derived status it names', async () => {
		const everything = (await all({ sort: 'orderId', dir: 'asc' })).orders;
		expect(everything).toHaveLength(160);
		const seen = new Set(everything.map((o) => o.status));
		// The data set exercises every status the derivation knows.
		expect([...seen].sort()).toEqual([...LINE_STATUSES].sort());
		for (const status of [...LINE_STATUSES, 'active'] as const) {
			const want = everything.filter((o) => (status === 'active' ? isActive(o.status) : o.status === status)).map((o) => o.orderId);
			const got = await all({ status, sort: 'orderId', dir: 'asc' });
			expect({ status, ids: got.orders.map((o) => o.orderId) }).toEqual({ status, ids: want });
			expect(got.total).toBe(want.length);
		}
	});

	it('pages "my active orders" newest first, as the landing page asks', async () => {
		const everything = (await all({ sort: 'orderedAt', dir: 'desc' })).orders;
		const mine = await all({ mine: '1', status: 'active' }, { name: 'user:li', scope: null });
		const want = everything.filter((o) => isActive(o.status)).map((o) => o.orderId);
		const li = new Set((await t.rt.db.query<{ order_id: string }>(`select order_id from sales_orders where entered_by = 'user:li'`)).rows.map((r) => r.order_id));
		expect(mine.orders.map((o) => o.orderId)).toEqual(want.filter((id) => li.has(id)));
		expect(mine.total).toBe(mine.orders.length);
	});

	it('sorts by the earliest due date of what is still to ship, finished orders last', async () => {
		const got = (await all({ sort: 'due', dir: 'asc' })).orders;
		const dues = got.map((o) => o.earliestDue);
		const firstNull = dues.indexOf(null);
		expect(firstNull).toBeGreaterThan(0);
		expect(dues.slice(firstNull).every((d) => d === null)).toBe(true);
		const dated = dues.slice(0, firstNull) as string[];
		expect(dated).toEqual([...dated].sort());
	});
});

describe(`what each order still owes, kept after every batch (${backendLabel})`, () => {
	interface LineRow {
		order_id: string;
		qty: number | null;
		shipped: number;
		cancelled: boolean;
		due: string | null;
	}
	/** The columns as the lines say they should be, derived here in JavaScript from the lines alone. */
	async function expected(): Promise<Map<string, { open: number; openDue: string | null; earliestDue: string | null }>> {
		const orders = (await t.rt.db.query<{ order_id: string }>(`select order_id from sales_orders where order_id like 'SX-%'`)).rows;
		const lines = (await t.rt.db.query<LineRow>(
			`select order_id, qty::float8 as qty, shipped_qty::float8 as shipped, cancelled_at is not null as cancelled,
				to_char(coalesce(promised_date, requested_date), 'YYYY-MM-DD') as due from sales_order_lines where order_id like 'SX-%'`
		)).rows;
		const out = new Map(orders.map((o) => [o.order_id, { open: 0, openDue: null as string | null, earliestDue: null as string | null }]));
		const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
		for (const l of lines) {
			const o = out.get(l.order_id);
			const shippedInFull = (l.qty ?? 0) > 0 && l.shipped >= (l.qty ?? 0);
			if (!o || l.cancelled || shippedInFull) continue;
			o.open++;
			o.openDue = earlier(o.openDue, l.due);
			if (l.shipped < (l.qty ?? 0)) o.earliestDue = earlier(o.earliestDue, l.due);
		}
		return out;
	}
	async function stored() {
		const r = await t.rt.db.query<{ order_id: string; open: number; open_due: string | null; earliest_due: string | null }>(
			`select order_id, open_lines as open, to_char(open_due, 'YYYY-MM-DD') as open_due, to_char(earliest_due, 'YYYY-MM-DD') as earliest_due
			from sales_orders where order_id like 'SX-%'`
		);
		return new Map(r.rows.map((o) => [o.order_id, { open: o.open, openDue: o.open_due, earliestDue: o.earliest_due }]));
	}

	let minute = 0;
	const event = (type: string, data: Record<string, unknown>): RawEvent => ({
		id: randomUUID(),
		type,
		occurredAt: new Date(Date.parse('2026-11-20T00:00:00Z') + ++minute * 60_000).toISOString(),
		source: 'erp',
		actor: 'user:li',
		data
	});
	const order = (orderId: string, lines: [string, number, string][]) =>
		event('sales_order.created', { orderId, customerId: 'C-1', lines: lines.map(([lineId, qty, requestedDate]) => ({ lineId, itemId: 'ITEM-1', qty, requestedDate })) });
	const ship = (orderId: string, lineId: string, qty: number) => event('shipment.shipped', { orderId, lineId, qty, itemId: 'ITEM-1' });

	/** Appends one batch, then the stored columns must equal what the lines say. */
	async function batch(...events: RawEvent[]) {
		const v = validateBatch(t.rt.catalogue, { events });
		if (!v.ok) throw new Error(JSON.stringify(v.issues));
		await t.rt.append(v.events);
		const want = await expected();
		expect(await stored()).toEqual(want);
		return want;
	}

	it('follows every kind of event that writes lines, many orders per batch, and an order that arrives after its shipment', async () => {
		await appendMasterData(t.rt);
		// A shipment before its order: the line first, then the order fills it in.
		await batch(ship('SX-9', '10', 2));
		const six = ['SX-1', 'SX-2', 'SX-3', 'SX-4', 'SX-5', 'SX-6'];
		let want = await batch(
			...six.map((id) => order(id, [['10', 10, '2026-11-26'], ['20', 5, '2026-12-10']])),
			order('SX-9', [['10', 2, '2026-11-24'], ['20', 5, '2026-11-22']])
		);
		expect(want.get('SX-9')).toEqual({ open: 1, openDue: '2026-11-22', earliestDue: '2026-11-22' });
		expect(want.get('SX-1')).toEqual({ open: 2, openDue: '2026-11-26', earliestDue: '2026-11-26' });
		// Ship in full and in part, cancel, promise: one batch.
		want = await batch(
			ship('SX-1', '10', 10),
			ship('SX-2', '10', 4),
			event('sales_order.cancelled', { orderId: 'SX-3', reasonCode: 'CUSTOMER_CANCELLED', lineIds: ['10'] }),
			event('sales_order.promised', { orderId: 'SX-4', lines: [{ lineId: '20', promisedDate: '2026-11-21' }] })
		);
		expect(want.get('SX-1')).toEqual({ open: 1, openDue: '2026-12-10', earliestDue: '2026-12-10' });
		expect(want.get('SX-4')).toEqual({ open: 2, openDue: '2026-11-21', earliestDue: '2026-11-21' });
		// A change of quantity below what was shipped, and a newer version of an order without its second line.
		want = await batch(
			event('sales_order.changed', { orderId: 'SX-2', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '10', qty: 4 }] }),
			order('SX-5', [['10', 10, '2026-11-26']])
		);
		expect(want.get('SX-2')).toEqual({ open: 1, openDue: '2026-12-10', earliestDue: '2026-12-10' });
		expect(want.get('SX-5')).toEqual({ open: 1, openDue: '2026-11-26', earliestDue: '2026-11-26' });
		// The whole order cancelled.
		want = await batch(event('sales_order.cancelled', { orderId: 'SX-6', reasonCode: 'CUSTOMER_CANCELLED' }));
		expect(want.get('SX-6')).toEqual({ open: 0, openDue: null, earliestDue: null });

		// And the list's filters still find exactly the orders the derivation labels so.
		const everything = (await all({ sort: 'orderId', dir: 'asc' })).orders;
		for (const status of ['active', 'late'] as const) {
			const ids = everything.filter((o) => (status === 'active' ? isActive(o.status) : o.status === status)).map((o) => o.orderId);
			expect({ status, ids: (await all({ status, sort: 'orderId', dir: 'asc' })).orders.map((o) => o.orderId) }).toEqual({ status, ids });
		}
	});
});
