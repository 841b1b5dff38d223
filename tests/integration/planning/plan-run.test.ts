import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { confirmPurchaseOrder, delayPurchaseOrder, placePurchaseOrder, receiveGoods, saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { createProductionOrder, replaceRouting, saveWorkCenter } from '../../../server/production/commands.ts';
import { listExceptions, listPlannedOrders, type PlannedOrderView } from '../../../server/planning/plan.queries.ts';
import { loadPlanInput } from '../../../server/planning/inputs.queries.ts';
import { planCalendar } from '../../../server/planning/calendar.ts';
import { netChangeSettled } from '../../support/net-change.ts';
import type { Queryable } from '../../../server/db/db.ts';

// Today is 2026-12-07 in the factory (Asia/Shanghai): bucket 0.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

const item = (itemId: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number, more: Record<string, unknown> = {}) =>
	execute(t.rt, saveItem, { itemId, name: itemId, kind: makeOrBuy === 'buy' ? 'material' : 'product', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays, ...more }, admin);

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	for (const s of ['S-CHEAP', 'S-FAST']) await execute(t.rt, saveSupplier, { supplierId: s, name: s }, admin);
	// BIKE ← FRAME (← 3 TUBE) + 2 WHEEL: three levels below the sales order.
	await item('BIKE', 'make', 2);
	await item('FRAME', 'make', 3);
	await item('TUBE', 'buy', 4);
	await item('WHEEL', 'buy', 1);
	await execute(t.rt, replaceBom, { parentItemId: 'BIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }, { childItemId: 'WHEEL', qtyPer: 2 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'FRAME', lines: [{ childItemId: 'TUBE', qtyPer: 3 }] }, admin);
	// The cheaper supplier is preferred: its lead time (5) and MOQ (12) plan WHEEL, not the item's 1 day.
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-FAST', itemId: 'WHEEL', price: 12, leadTimeDays: 2 }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-CHEAP', itemId: 'WHEEL', price: 10, leadTimeDays: 5, moq: 12 }, admin);
	await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: '2026-12-21' }] }, admin);
	// The reaction follows the log after commit: let it take the setup in before the first regenerative
	// run, or a later net change would still be asked for by the setup's events.
	await netChangeSettled(t.rt);
}, 120_000);
afterAll(async () => t?.close());

/** Everything a plan stores, as comparable rows. */
async function snapshot(q: Queryable) {
	const rows = async (sql: string) => (await q.query(sql)).rows;
	return {
		orders: await rows(`select id, item_id, kind, qty::float8 as qty, release_date::text as r, due_date::text as d from planned_orders order by id`),
		pegs: await rows(
			`select supply_kind, supply_id, supply_line_id, seq, item_id, qty::float8 as qty, demand_kind, demand_id, demand_line_id, need_date::text as n
			from plan_pegs order by supply_kind, supply_id, supply_line_id, seq`
		),
		exceptions: await rows(`select id, item_id, kind, ref_kind, ref_id, ref_line_id, planned_order_id, date::text as d, days::float8 as days, qty::float8 as qty from plan_exceptions order by id`),
		records: await rows(`select item_id, low_level_code, record from plan_records order by item_id`)
	};
}

async function generated(): Promise<Record<string, unknown>[]> {
	const r = await t.rt.db.query<{ data: Record<string, unknown> }>(`select data from events where type = 'plan.generated' order by tx, seq`);
	return r.rows.map((x) => x.data);
}

const orderOf = (orders: PlannedOrderView[], itemId: string) => orders.filter((o) => o.itemId === itemId);

/** Net change once the reaction has taken in every planning input committed so far. */
async function netChange() {
	await netChangeSettled(t.rt);
	return t.rt.planning.netChange();
}

describe(`planning over the live data (${backendLabel})`, { timeout: 120_000 }, () => {
	it('loads the input: preferred supplier terms, dated demand in the factory calendar', async () => {
		const input = await loadPlanInput({ q: t.rt.db, calendar: planCalendar(NOW, 'Asia/Shanghai', 120), timeZone: 'Asia/Shanghai' });
		expect(input.buckets).toBe(120);
		expect(input.items.find((i) => i.id === 'WHEEL')).toEqual({ id: 'WHEEL', kind: 'buy', leadTime: 5, onHand: 0, safetyStock: 0, lotSizing: { rule: 'LFL', min: 12 } });
		expect(input.items.find((i) => i.id === 'BIKE')).toMatchObject({ kind: 'make', leadTime: 2 });
		expect(input.demands).toEqual([{ itemId: 'BIKE', bucket: 14, qty: 5, source: { kind: 'sales_order_line', orderId: 'SO-1', lineId: '10' } }]);
	});

	it('plans a sales order into planned orders pegged to its line through every BOM level', async () => {
		const run = await t.rt.planning.regenerate('test');
		expect(run).toMatchObject({ mode: 'regenerative', outcome: 'stored', items: 4, plannedOrders: 4 });
		const { planId, plannedOrders } = await listPlannedOrders(t.rt.db);
		expect(planId).toBe(run.planId);
		const [bike] = orderOf(plannedOrders, 'BIKE');
		expect(bike).toMatchObject({ id: 'PLN-BIKE-20261221', kind: 'make', qty: 5, releaseDate: '2026-12-19', dueDate: '2026-12-21', surplus: 0 });
		expect(bike.pegs).toEqual([{ qty: 5, demand: { kind: 'sales_order_line', orderId: 'SO-1', lineId: '10' }, needDate: '2026-12-21' }]);
		const [frame] = orderOf(plannedOrders, 'FRAME');
		expect(frame).toMatchObject({ id: 'PLN-FRAME-20261219', qty: 5, releaseDate: '2026-12-16' });
		expect(frame.pegs).toEqual([{ qty: 5, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261221' }, needDate: '2026-12-19' }]);
		const [wheel] = orderOf(plannedOrders, 'WHEEL');
		// 10 needed, the supplier's minimum is 12: 2 are surplus.
		expect(wheel).toMatchObject({ kind: 'buy', qty: 12, releaseDate: '2026-12-14', dueDate: '2026-12-19', surplus: 2 });
		const [tube] = orderOf(plannedOrders, 'TUBE');
		expect(tube).toMatchObject({ qty: 15, releaseDate: '2026-12-12', dueDate: '2026-12-16' });

		// Following pegs upward ends at the sales order line.
		const byId = new Map(plannedOrders.map((o) => [o.id, o]));
		let at: PlannedOrderView | undefined = tube;
		const path: string[] = [];
		while (at) {
			path.push(at.id);
			const d = at.pegs[0].demand;
			if (d.kind === 'planned_order') at = byId.get(d.id);
			else {
				path.push(d.kind === 'sales_order_line' ? `${d.orderId}/${d.lineId}` : d.kind);
				at = undefined;
			}
		}
		expect(path).toEqual(['PLN-TUBE-20261216', 'PLN-FRAME-20261219', 'PLN-BIKE-20261221', 'SO-1/10']);
		expect((await generated()).at(-1)).toMatchObject({ planId: run.planId, mode: 'regenerative', trigger: 'test', items: 4, plannedOrders: 4, exceptions: 0 });
		const state = (await t.rt.db.query<{ start: string; buckets: number }>(`select start_date::text as start, buckets from plan_state`)).rows[0];
		expect(state).toEqual({ start: '2026-12-07', buckets: 120 });
	});

	it('replans only what a new order changed, and the result equals a regenerative run', async () => {
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-2', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 3, requestedDate: '2026-12-28' }] }, admin);
		const net = await netChange();
		expect(net).toMatchObject({ mode: 'net_change', outcome: 'stored', trigger: 'sales_order.created', items: 4, plannedOrders: 8 });
		const afterNet = await snapshot(t.rt.db);
		expect(afterNet.orders.map((o) => o.id)).toContain('PLN-BIKE-20261228');

		const regen = await t.rt.planning.regenerate('test');
		expect(regen.mode).toBe('regenerative');
		expect(await snapshot(t.rt.db)).toEqual(afterNet);
	});

	it('replans the items below a change only, and nothing when no input changed', async () => {
		// Stock of a bought component: only WHEEL's own plan moves.
		await execute(t.rt, adjustStock, { itemId: 'WHEEL', locationId: 'MAIN', qty: 4, reasonCode: 'OPENING' }, admin);
		const net = await netChange();
		expect(net).toMatchObject({ mode: 'net_change', items: 1, outcome: 'stored' });
		const afterNet = await snapshot(t.rt.db);
		await t.rt.planning.regenerate('test');
		expect(await snapshot(t.rt.db)).toEqual(afterNet);

		const before = (await generated()).length;
		expect(await t.rt.planning.netChange()).toMatchObject({ outcome: 'unchanged', items: 0 });
		expect((await generated()).length).toBe(before);
	});

	it('counts a production order as supply, and what it still needs of its components as demand', async () => {
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-1', itemId: 'FRAME', qty: 5, dueDate: '2026-12-19' }, admin);
		await netChange();
		const { plannedOrders } = await listPlannedOrders(t.rt.db);
		// MO-1 covers the frames of SO-1; its tubes are needed at its start (due less FRAME's 3 days).
		expect(orderOf(plannedOrders, 'FRAME').map((o) => o.dueDate)).toEqual(['2026-12-26']);
		const tubes = orderOf(plannedOrders, 'TUBE');
		expect(tubes[0]).toMatchObject({ dueDate: '2026-12-16', qty: 15 });
		expect(tubes[0].pegs).toEqual([{ qty: 15, demand: { kind: 'production_order', id: 'MO-1' }, needDate: '2026-12-16' }]);
		const pegs = await t.rt.db.query(`select demand_kind, demand_id, qty::float8 as qty from plan_pegs where supply_kind = 'production_order' and supply_id = 'MO-1'`);
		expect(pegs.rows).toEqual([{ demand_kind: 'planned_order', demand_id: 'PLN-BIKE-20261221', qty: 5 }]);
	});

	it('asks to expedite a purchase order line delayed past its need, with a stable id', async () => {
		// Bells take 10 days to buy: a need in 5 days can only be met by the order placed already.
		await item('BELL', 'buy', 10);
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-3', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BELL', qty: 5, requestedDate: '2026-12-12' }] }, admin);
		await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: 'PO-1', supplierId: 'S-CHEAP', lines: [{ lineId: '1', itemId: 'BELL', qty: 5, unitPrice: 3, expectedDate: '2026-12-12' }] }, admin);
		await netChange();
		expect((await listExceptions(t.rt.db, 'en', { itemId: 'BELL' })).exceptions).toEqual([]);
		await execute(t.rt, delayPurchaseOrder, { allowPastDates: true, poId: 'PO-1', lineId: '1', expectedDate: '2026-12-15', reasonCode: 'LOGISTICS' }, admin);
		const net = await netChange();
		expect(net).toMatchObject({ mode: 'net_change', trigger: 'purchase_order.delayed', items: 1 });
		const { exceptions } = await listExceptions(t.rt.db, 'en', { itemId: 'BELL' });
		expect(exceptions).toEqual([
			{
				id: expect.stringMatching(/^EXC-/),
				kind: 'expedite',
				itemId: 'BELL',
				ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' },
				date: '2026-12-12',
				days: 3,
				message: 'Expedite purchase order PO-1 line 1 (BELL) by 3 days: needed on 2026-12-12'
			}
		]);
		const zh = (await listExceptions(t.rt.db, 'zh-CN', { itemId: 'BELL' })).exceptions[0];
		expect(zh.message).toBe('采购单 PO-1 第 1 行（BELL）需提前 3 天，于 2026-12-12 到货');
		// The id stays while the message is about the same order line.
		await execute(t.rt, delayPurchaseOrder, { allowPastDates: true, poId: 'PO-1', lineId: '1', expectedDate: '2026-12-16', reasonCode: 'LOGISTICS' }, admin);
		await netChange();
		const again = (await listExceptions(t.rt.db, 'en', { itemId: 'BELL' })).exceptions;
		expect(again.map((e) => [e.id, e.kind, e.days])).toEqual([[exceptions[0].id, 'expedite', 4]]);
		// Later than a new order could come (10 days from today): the engine plans one, past due, and
		// calls the line short until it comes; the delayed line is then not needed.
		await execute(t.rt, delayPurchaseOrder, { allowPastDates: true, poId: 'PO-1', lineId: '1', expectedDate: '2026-12-20', reasonCode: 'LOGISTICS' }, admin);
		await netChange();
		const late = (await listExceptions(t.rt.db, 'en', { itemId: 'BELL' })).exceptions;
		expect(late.map((e) => [e.kind, e.ref?.id])).toEqual([
			['past_due', 'PLN-BELL-20261212'],
			['shortage', 'PLN-BELL-20261212'],
			['cancel', 'PO-1']
		]);
		expect(late[0].message).toBe('Planned order PLN-BELL-20261212 (BELL, 5) should have been released on 2026-12-02, 5 days ago');
		const afterNet = await snapshot(t.rt.db);
		await t.rt.planning.regenerate('test');
		expect(await snapshot(t.rt.db)).toEqual(afterNet);
	});

	it('marks the sales order lines the plan expects late, keeps when they first were, and clears them', async () => {
		const risks = async () =>
			(await t.rt.db.query(`select order_id, line_id, due_date::text as due, expected_date::text as expected, days_late, since from sales_order_line_risks order by order_id, line_id`)).rows;
		const [bell] = await risks();
		expect(bell).toMatchObject({ order_id: 'SO-3', line_id: '10', due: '2026-12-12' });
		const atRisk = (await t.rt.db.query<{ data: Record<string, unknown> }>(`select data from events where type = 'sales_order_line.at_risk' order by tx, seq`)).rows.map((r) => r.data);
		expect(atRisk[0]).toMatchObject({ orderId: 'SO-3', lineId: '10', dueDate: '2026-12-12', expectedDate: '2026-12-15', daysLate: 3 });
		expect(atRisk.at(-1)).toMatchObject({ orderId: 'SO-3', lineId: '10', expectedDate: bell.expected });
		expect(new Date(bell.since as string).toISOString()).toBe(NOW.toISOString());

		// Confirmed for the day it is needed: on time again.
		await execute(t.rt, confirmPurchaseOrder, { poId: 'PO-1', lines: [{ lineId: '1', confirmedDate: '2026-12-11' }] }, admin);
		await netChange();
		expect((await risks()).filter((r) => r.order_id === 'SO-3')).toEqual([]);
		const cleared = await t.rt.db.query(`select data from events where type = 'sales_order_line.risk_cleared'`);
		expect(cleared.rows).toEqual([{ data: { orderId: 'SO-3', lineId: '10' } }]);
	});

	it('counts goods waiting in QC from the day after receipt, and a receipt that should have arrived as past due', async () => {
		await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: 'PO-2', supplierId: 'S-CHEAP', lines: [{ lineId: '1', itemId: 'WHEEL', qty: 20, unitPrice: 10, expectedDate: '2026-12-03' }] }, admin);
		await execute(t.rt, receiveGoods, { poId: 'PO-2', lineId: '1', qty: 8 }, admin);
		await netChange();
		const input = await loadPlanInput({ q: t.rt.db, calendar: planCalendar(NOW, 'Asia/Shanghai', 120), timeZone: 'Asia/Shanghai' });
		expect(input.receipts.filter((r) => r.itemId === 'WHEEL')).toEqual([
			{ itemId: 'WHEEL', bucket: -4, qty: 12, ref: { kind: 'purchase_order', id: 'PO-2', lineId: '1' } },
			{ itemId: 'WHEEL', bucket: 1, qty: 8, ref: { kind: 'inspection', id: 'PO-2/1' } }
		]);
		const pegs = await t.rt.db.query(`select supply_id, supply_line_id from plan_pegs where supply_kind = 'inspection'`);
		expect(pegs.rows).toEqual([{ supply_id: 'PO-2', supply_line_id: '1' }]);
		const { exceptions } = await listExceptions(t.rt.db, 'en', { itemId: 'WHEEL', kind: 'past_due' });
		expect(exceptions).toMatchObject([{ ref: { kind: 'purchase_order', id: 'PO-2', lineId: '1' }, date: '2026-12-03', days: 4 }]);
	});

	it('takes shipped quantities off the demand', async () => {
		await execute(t.rt, adjustStock, { itemId: 'BIKE', locationId: 'MAIN', qty: 5, reasonCode: 'OPENING' }, admin);
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '10', qty: 5 }, admin);
		await netChange();
		const bikes = orderOf((await listPlannedOrders(t.rt.db, { itemId: 'BIKE' })).plannedOrders, 'BIKE');
		expect(bikes.map((o) => o.pegs.map((p) => p.demand))).toEqual([[{ kind: 'sales_order_line', orderId: 'SO-2', lineId: '10' }]]);
		const afterNet = await snapshot(t.rt.db);
		await t.rt.planning.regenerate('test');
		expect(await snapshot(t.rt.db)).toEqual(afterNet);
	});

	it("loads a routed item's processing time in days of its work centres' shifts (for supply risks)", async () => {
		await execute(t.rt, saveWorkCenter, { workCenterId: 'WC-8H', name: '八小时', calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] } }, admin);
		await execute(t.rt, saveWorkCenter, { workCenterId: 'WC-16H', name: '两班', calendar: { shifts: [{ start: '06:00', end: '14:00' }, { start: '14:00', end: '22:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] } }, admin);
		await execute(t.rt, saveItem, { itemId: 'GEAR', name: 'Gear', kind: 'semi', uom: 'pcs', unitCost: 1, makeOrBuy: 'make', leadTimeDays: 3 }, admin);
		await execute(t.rt, replaceRouting, { itemId: 'GEAR', operations: [{ seq: 10, workCenterId: 'WC-8H', setupMinutes: 48, runMinutesPerUnit: 4.8 }, { seq: 20, workCenterId: 'WC-16H', setupMinutes: 96, runMinutesPerUnit: 9.6 }] }, admin);
		const input = await loadPlanInput({ q: t.rt.db, calendar: planCalendar(NOW, 'Asia/Shanghai', 120), timeZone: 'Asia/Shanghai' });
		// 48 of 480 minutes and 96 of 960: 0.2 days of setups; 4.8/480 + 9.6/960 = 0.02 days a unit.
		const gear = input.items.find((i) => i.id === 'GEAR')!;
		expect(gear.processing!.setupDays).toBeCloseTo(0.2, 9);
		expect(gear.processing!.runDaysPerUnit).toBeCloseTo(0.02, 9);
		// Without a routing, no processing time: risks count the lead time.
		expect(input.items.find((i) => i.id === 'BIKE')).not.toHaveProperty('processing');
	});

});
