// Automatic linkage on a real database: category settings as events, firming a planned order into a
// requisition (through the approval rules) or a draft production order, both carrying the plan's
// pegs, and the planner's auto step within its window. Planned orders come from the plan run's
// tables; until the run writes them here, firming is exercised on planned orders handed to it
// (firmRecord / autoLink take the plan as data), and the command's loader on an empty plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { asAppError, decide, execute, type Actor, type Command } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { replaceRouting, saveWorkCenter } from '../../../server/production/commands.ts';
import { firmPlannedOrder, firmRecord, savePlanningCategory, type FirmResult } from '../../../server/planning/linkage.commands.ts';
import { autoLink, autoLinkAfterPlan } from '../../../server/planning/linkage-auto.ts';
import { listCategorySettings, loadCategorySettings, servedDemands } from '../../../server/planning/linkage.queries.ts';
import type { FirmChoice, PlannedOrderRecord, PlanSnapshot } from '../../../server/planning/linkage.ts';
import { listEvents } from '../../../server/events/read.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
let now = new Date('2026-12-01T01:00:00.000Z'); // 09:00 in Shanghai
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
const buyer: Actor = { kind: 'user', id: 'b', name: 'user:sun.buyer', roles: ['purchasing'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:wang.sales', roles: ['sales'] };
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => now } });
	await execute(t.rt, saveCustomer, { customerId: 'C-HZ', name: '杭州骑行' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-NB', name: '宁波钢材' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-SZ', name: '苏州钢管' }, admin);
	await execute(t.rt, saveItem, { itemId: 'BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 300, makeOrBuy: 'make', leadTimeDays: 2, category: 'bikes' }, admin);
	await execute(t.rt, saveItem, { itemId: 'TUBE', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 7, category: 'metal' }, admin);
	await execute(t.rt, saveItem, { itemId: 'BOLT', name: 'Bolt', kind: 'material', uom: 'pcs', unitCost: 0.5, makeOrBuy: 'buy', leadTimeDays: 3 }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'BIKE', lines: [{ childItemId: 'TUBE', qtyPer: 2 }, { childItemId: 'BOLT', qtyPer: 8 }] }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-NB', itemId: 'TUBE', price: 12, leadTimeDays: 7 }, buyer);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-SZ', itemId: 'TUBE', price: 12, leadTimeDays: 5 }, buyer);
	await execute(t.rt, saveWorkCenter, { workCenterId: 'ASSY', name: '总装', calendar }, planner);
	await execute(t.rt, replaceRouting, { itemId: 'BIKE', operations: [{ seq: 10, workCenterId: 'ASSY', setupMinutes: 10, runMinutesPerUnit: 20 }] }, planner);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BIKE', qty: 40, requestedDate: '2026-12-14' }, { lineId: '20', itemId: 'BIKE', qty: 10, requestedDate: '2026-12-15' }] }, admin);
});
afterAll(async () => t?.close());

async function fails(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string; params?: unknown }[] | undefined)?.[0];
	return { status: err.status, code: issue?.code ?? err.code, path: issue?.path, params: issue?.params };
}

const eventCount = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;

/** Firms a planned order handed over as data, in one transaction, as the command does after loading it. */
async function firm(po: PlannedOrderRecord, actor: Actor, choice: FirmChoice = {}): Promise<FirmResult> {
	const cmd: Command<FirmChoice, FirmResult> = { name: 'planned_order.firm', input: null as never, roles: ['planner', 'purchasing'], run: (ctx) => firmRecord(ctx, po, choice) };
	try {
		const out = await t.rt.events.transact((tx) => decide(t.rt, tx, cmd, choice, actor, now, 'ui'));
		return out.result;
	} catch (err) {
		throw asAppError(err);
	}
}

const bikeOrder: PlannedOrderRecord = {
	id: 'PLN-BIKE-20261212',
	itemId: 'BIKE',
	category: 'bikes',
	kind: 'make',
	qty: 50,
	releaseDate: '2026-12-10',
	dueDate: '2026-12-12',
	pegs: [
		{ qty: 40, demand: { kind: 'sales_order_line', orderId: 'SO-1', lineId: '10' }, needDate: '2026-12-14' },
		{ qty: 10, demand: { kind: 'sales_order_line', orderId: 'SO-1', lineId: '20' }, needDate: '2026-12-15' }
	]
};
const tubeOrder: PlannedOrderRecord = {
	id: 'PLN-TUBE-20261210',
	itemId: 'TUBE',
	category: 'metal',
	kind: 'buy',
	qty: 100,
	releaseDate: '2026-12-03',
	dueDate: '2026-12-10',
	pegs: [{ qty: 100, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261212' }, needDate: '2026-12-10' }]
};

describe(`category settings (${backendLabel})`, () => {
	it('starts with every category suggesting, with a window of 7 days', async () => {
		const rows = await listCategorySettings(t.rt.db);
		expect(rows.map((r) => [r.category, r.mode, r.windowDays, r.saved, r.items])).toEqual([
			[null, 'suggest', 7, false, 1],
			['bikes', 'suggest', 7, false, 1],
			['metal', 'suggest', 7, false, 1]
		]);
	});

	it('saves a category and the default row as events, planners and admins only', async () => {
		expect(await execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'auto' }, planner)).toEqual({ category: 'metal', mode: 'auto', windowDays: 7 });
		await execute(t.rt, savePlanningCategory, { mode: 'suggest', windowDays: 3 }, admin);
		const [e] = await listEvents(t.rt.db, { types: ['planning_category.saved'], desc: true, limit: 1 });
		expect([e.actor, e.data]).toEqual(['user:admin', { mode: 'suggest', windowDays: 3 }]);
		const s = await loadCategorySettings(t.rt.db);
		expect([s.fallback, s.byCategory.get('metal')]).toEqual([{ mode: 'suggest', windowDays: 3 }, { mode: 'auto', windowDays: 7 }]);
		const rows = await listCategorySettings(t.rt.db);
		expect(rows.find((r) => r.category === 'bikes')).toMatchObject({ mode: 'suggest', windowDays: 3, saved: false });
		expect(rows.find((r) => r.category === 'metal')).toMatchObject({ saved: true, updatedBy: 'user:li.planner' });
		expect((await fails(execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'suggest' }, sales))).status).toBe(403);
		expect((await fails(execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'suggest' }, buyer))).status).toBe(403);
	});

	it('refuses a bad mode or window on its field, writing nothing', async () => {
		const before = await eventCount();
		expect(await fails(execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'sometimes' }, planner))).toMatchObject({ status: 400, path: 'mode' });
		expect(await fails(execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'auto', windowDays: 400 }, planner))).toMatchObject({ status: 400, path: 'windowDays', code: 'ERR_TOO_BIG' });
		expect(await eventCount()).toBe(before);
	});
});

describe(`firming a planned order (${backendLabel})`, () => {
	it('refuses a planned order the plan no longer has, writing nothing', async () => {
		const before = await eventCount();
		expect(await fails(execute(t.rt, firmPlannedOrder, { plannedOrderId: 'PLN-TUBE-20261210' }, planner))).toEqual({
			status: 409,
			code: 'ERR_PLANNED_ORDER_UNKNOWN',
			path: 'plannedOrderId',
			params: { plannedOrderId: 'PLN-TUBE-20261210' }
		});
		expect(await fails(execute(t.rt, firmPlannedOrder, { plannedOrderId: 'PLN-TUBE-20261210' }, sales))).toMatchObject({ status: 403 });
		expect(await eventCount()).toBe(before);
	});

	it('makes a draft production order due on the due date, carrying its pegs', async () => {
		expect(await firm(bikeOrder, planner)).toEqual({ plannedOrderId: 'PLN-BIKE-20261212', kind: 'make', productionOrderId: 'MO-202600001', status: 'created', operations: 1 });
		const mo = (await t.rt.db.query('select status, qty::float8 as qty, to_char(due_date, \'YYYY-MM-DD\') as due, planned_order_id as po, pegs from production_orders where production_order_id = $1', ['MO-202600001'])).rows[0];
		expect(mo).toEqual({ status: 'created', qty: 50, due: '2026-12-12', po: 'PLN-BIKE-20261212', pegs: bikeOrder.pegs });
		const [e] = await listEvents(t.rt.db, { types: ['production_order.created'], desc: true, limit: 1 });
		expect(e).toMatchObject({ actor: 'user:li.planner', data: { productionOrderId: 'MO-202600001', plannedOrderId: 'PLN-BIKE-20261212', pegs: bikeOrder.pegs } });
		expect(await servedDemands(t.rt.db, 'production_order', 'MO-202600001')).toEqual({
			plannedOrderId: 'PLN-BIKE-20261212',
			demands: [
				{ kind: 'sales_order_line', orderId: 'SO-1', lineId: '10', customerId: 'C-HZ', customerName: '杭州骑行', requestedDate: '2026-12-14' },
				{ kind: 'sales_order_line', orderId: 'SO-1', lineId: '20', customerId: 'C-HZ', customerName: '杭州骑行', requestedDate: '2026-12-15' }
			]
		});
	});

	it('lets buyers firm purchases but not production', async () => {
		const before = await eventCount();
		expect(await fails(firm({ ...bikeOrder, id: 'PLN-BIKE-20261219' }, buyer))).toMatchObject({ status: 403, code: 'ERR_FORBIDDEN' });
		expect(await eventCount()).toBe(before);
	});

	it('raises a requisition from the cheapest, quickest supplier, approved at once under the limit, serving the parent’s customer orders', async () => {
		const r = await firm(tubeOrder, buyer);
		expect(r).toEqual({ plannedOrderId: 'PLN-TUBE-20261210', kind: 'buy', requisitionId: 'PR-202600001', status: 'approved', ruleId: 'AUTO_UNDER_5000', amount: 1200 });
		const req = (await t.rt.db.query("select supplier_id as s, to_char(needed_by, 'YYYY-MM-DD') as needed, status, requested_by as by, requester_role as role, pegs from requisitions where requisition_id = 'PR-202600001'")).rows[0];
		expect(req).toEqual({ s: 'S-SZ', needed: '2026-12-10', status: 'approved', by: 'user:sun.buyer', role: 'purchasing', pegs: tubeOrder.pegs });
		// the parent planned order became MO-202600001: the peg is followed through it to the sales order lines
		expect((await servedDemands(t.rt.db, 'requisition', 'PR-202600001'))?.demands.map((d) => (d.kind === 'sales_order_line' ? `${d.orderId}/${d.lineId}` : d.kind))).toEqual(['SO-1/10', 'SO-1/20']);
	});

	it('sends a requisition above the limit through the approval steps, like one made by hand', async () => {
		const r = await firm({ ...tubeOrder, id: 'PLN-TUBE-20261217', dueDate: '2026-12-17' }, planner, { qty: 500, date: '2026-12-16' });
		expect(r).toMatchObject({ kind: 'buy', requisitionId: 'PR-202600002', status: 'pending', ruleId: 'MANAGER', amount: 6000 });
		const req = (await t.rt.db.query("select qty::float8 as qty, to_char(needed_by, 'YYYY-MM-DD') as needed, status, steps from requisitions where requisition_id = 'PR-202600002'")).rows[0];
		expect(req).toEqual({ qty: 500, needed: '2026-12-16', status: 'pending', steps: [{ role: 'manager' }] });
	});

	it('prices a requisition for an item without supplier terms at its cost, with no supplier', async () => {
		const r = await firm({ ...tubeOrder, id: 'PLN-BOLT-20261208', itemId: 'BOLT', category: null, qty: 400, pegs: [{ qty: 400, demand: { kind: 'safety_stock' } }] }, planner);
		expect(r).toMatchObject({ requisitionId: 'PR-202600003', status: 'approved', amount: 200 });
		expect((await t.rt.db.query("select supplier_id from requisitions where requisition_id = 'PR-202600003'")).rows[0]).toEqual({ supplier_id: null });
		expect((await servedDemands(t.rt.db, 'requisition', 'PR-202600003'))?.demands).toEqual([{ kind: 'safety_stock' }]);
	});

	it('refuses, on the planned order, a production order for an item now bought', async () => {
		const before = await eventCount();
		expect(await fails(firm({ ...bikeOrder, id: 'PLN-TUBE-X', itemId: 'TUBE' }, planner))).toMatchObject({ status: 409, code: 'ERR_ITEM_IS_BOUGHT', path: 'plannedOrderId' });
		expect(await eventCount()).toBe(before);
	});
});

describe(`the planner firms by itself (${backendLabel})`, () => {
	// Plans the run stored are in linkage-run.test.ts; here the stored plan is empty.
	const plan = (): PlanSnapshot => ({
		generatedAt: new Date(now.getTime() - 60_000).toISOString(),
		orders: [
			{ ...tubeOrder, id: 'PLN-TUBE-20261206', releaseDate: '2026-11-29', dueDate: '2026-12-06', qty: 50 },
			{ ...bikeOrder, id: 'PLN-BIKE-20261205', releaseDate: '2026-12-03', dueDate: '2026-12-05' }
		]
	});

	it('does nothing while the settings only suggest, or before any plan ran', async () => {
		const suggesting = { ...(await loadCategorySettings(t.rt.db)), byCategory: new Map() };
		expect(await autoLink(t.rt, plan(), suggesting, '2026-12-01')).toEqual({ firmed: [], skipped: [], failed: [] });
		expect(await autoLinkAfterPlan(t.rt)).toEqual({ firmed: [], skipped: [], failed: [] }); // metal is auto, but no plan is stored
	});

	it('leaves alone planned orders the stored plan no longer has (a newer plan dropped them), writing nothing', async () => {
		const before = await eventCount();
		const auto = { byCategory: new Map([['metal', { mode: 'auto' as const, windowDays: 7 }], ['bikes', { mode: 'auto' as const, windowDays: 7 }]]), fallback: { mode: 'suggest' as const, windowDays: 7 } };
		expect(await autoLink(t.rt, plan(), auto, '2026-12-01')).toEqual({ firmed: [], skipped: ['PLN-TUBE-20261206', 'PLN-BIKE-20261205'], failed: [] });
		expect(await eventCount()).toBe(before);
	});
});
