// Plan-to-order linkage on plans the planning run stores: firming a stored planned order by command,
// the next plan counting the new document as supply, a stale planned order refused, and the planner
// firming by itself after a run (on the plan's commit) within its category's window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemPlan, planHeader } from '../../../server/planning/workbench.queries.ts';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { listPlannedOrders } from '../../../server/planning/plan.queries.ts';
import { firmPlannedOrder, savePlanningCategory } from '../../../server/planning/linkage.commands.ts';
import { servedDemands } from '../../../server/planning/linkage.queries.ts';
import { listEvents } from '../../../server/events/read.ts';
import { AppError } from '../../../server/errors.ts';

// Today is 2026-12-07 in the factory (Asia/Shanghai); settings saved later in the day win.
let now = new Date('2026-12-07T09:00:00+08:00');
const later = () => (now = new Date(now.getTime() + 60_000));
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
let t: TestRuntime;

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => now } });
	await execute(t.rt, saveCustomer, { customerId: 'C-HZ', name: '杭州骑行' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-NB', name: '宁波钢材' }, admin);
	await execute(t.rt, saveItem, { itemId: 'BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 300, makeOrBuy: 'make', leadTimeDays: 2, category: 'bikes' }, admin);
	await execute(t.rt, saveItem, { itemId: 'TUBE', name: 'Tube', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 4, category: 'metal' }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'BIKE', lines: [{ childItemId: 'TUBE', qtyPer: 2 }] }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-NB', itemId: 'TUBE', price: 12, leadTimeDays: 4 }, admin);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BIKE', qty: 40, requestedDate: '2026-12-21' }] }, admin);
}, 120_000);
afterAll(async () => t?.close());

async function fails(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, code: issue?.code ?? err.code, path: issue?.path };
}

/** A plan run, then the auto step it leads to (the linker this node's plan commit asked for). */
async function plan() {
	await t.rt.planning.regenerate();
	await t.rt.autoLink.settle();
	return (await listPlannedOrders(t.rt.db)).plannedOrders;
}

describe(`linkage on stored plans (${backendLabel})`, { timeout: 120_000 }, () => {
	it('leaves every planned order to the planner while the categories suggest', async () => {
		const orders = await plan();
		expect(orders.map((o) => [o.id, o.kind, o.qty, o.releaseDate, o.dueDate])).toEqual([
			['PLN-TUBE-20261219', 'buy', 80, '2026-12-15', '2026-12-19'],
			['PLN-BIKE-20261221', 'make', 40, '2026-12-19', '2026-12-21']
		]);
		expect(await listEvents(t.rt.db, { types: ['requisition.created', 'production_order.created'], limit: 10 })).toEqual([]);
	});

	it('firms the planned bikes into a draft production order for the sales line; the next plan counts it', async () => {
		expect(await execute(t.rt, firmPlannedOrder, { plannedOrderId: 'PLN-BIKE-20261221' }, planner)).toMatchObject({ kind: 'make', productionOrderId: 'MO-202600001', status: 'created' });
		const mo = (await t.rt.db.query("select status, pegs from production_orders where production_order_id = 'MO-202600001'")).rows[0];
		expect(mo).toEqual({ status: 'created', pegs: [{ qty: 40, demand: { kind: 'sales_order_line', orderId: 'SO-1', lineId: '10' }, needDate: '2026-12-21' }] });
		const orders = await plan();
		expect(orders.map((o) => o.id)).toEqual(['PLN-TUBE-20261219']);
		// the tubes now serve the production order, which serves the sales line
		expect(orders[0].pegs.map((p) => p.demand)).toEqual([{ kind: 'production_order', id: 'MO-202600001' }]);
	});

	it('refuses to firm the bikes again: the plan no longer has that planned order, and nothing is written', async () => {
		const before = (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
		expect(await fails(execute(t.rt, firmPlannedOrder, { plannedOrderId: 'PLN-BIKE-20261221' }, planner))).toEqual({ status: 409, code: 'ERR_PLANNED_ORDER_UNKNOWN', path: 'plannedOrderId' });
		expect((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n).toBe(before);
	});

	it('firms the tubes by itself once metal is automatic and their release is within the window', async () => {
		await execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'auto', windowDays: 7 }, planner);
		// released 2026-12-15: eight days away, outside a week
		expect((await plan()).map((o) => o.id)).toEqual(['PLN-TUBE-20261219']);
		later();
		await execute(t.rt, savePlanningCategory, { category: 'metal', mode: 'auto', windowDays: 8 }, planner);
		// The settings change alone firms what is now due, on the stored plan: no plan run needed.
		await t.rt.autoLink.settle();
		const [e] = await listEvents(t.rt.db, { types: ['requisition.created'], limit: 10 });
		expect([e.actor, e.data.requisitionId, e.data.supplierId, e.data.qty, e.data.neededBy, e.data.autoApproved, e.data.plannedOrderId]).toEqual([
			'system:planner',
			'PR-202600001',
			'S-NB',
			80,
			'2026-12-19',
			true,
			'PLN-TUBE-20261219'
		]);
		expect((await servedDemands(t.rt.db, 'requisition', 'PR-202600001'))?.demands).toMatchObject([{ kind: 'sales_order_line', orderId: 'SO-1', lineId: '10', customerName: '杭州骑行' }]);
		// the next run counts the approved requisition as supply: nothing more is planned or firmed
		expect(await plan()).toEqual([]);
		expect(await listEvents(t.rt.db, { types: ['requisition.created'], limit: 10 })).toHaveLength(1);
	});

	it('makes bikes by itself once their category is automatic, and buys their tubes in the same run, as system:planner', async () => {
		later();
		await execute(t.rt, savePlanningCategory, { category: 'bikes', mode: 'auto', windowDays: 10 }, planner);
		later();
		await execute(t.rt, createSalesOrder, { orderId: 'SO-2', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: '2026-12-16' }] }, admin);
		await plan();
		const [mo] = await listEvents(t.rt.db, { types: ['production_order.created'], desc: true, limit: 1 });
		expect([mo.actor, mo.source, mo.data.productionOrderId, mo.data.qty, mo.data.dueDate, mo.data.plannedOrderId, mo.data.pegs]).toEqual([
			'system:planner',
			'planning',
			'MO-202600002',
			5,
			'2026-12-16',
			'PLN-BIKE-20261216',
			[{ qty: 5, demand: { kind: 'sales_order_line', orderId: 'SO-2', lineId: '10' }, needDate: '2026-12-16' }]
		]);
		// the tubes release on 2026-12-10, within metal's window: pegged to the bikes' planned order as stored
		const [pr] = await listEvents(t.rt.db, { types: ['requisition.created'], desc: true, limit: 1 });
		expect([pr.actor, pr.data.requisitionId, pr.data.qty, pr.data.pegs]).toEqual([
			'system:planner',
			'PR-202600002',
			10,
			[{ qty: 10, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261216' }, needDate: '2026-12-14' }]
		]);
		// followed upward through the production order firmed from that planned order
		expect((await servedDemands(t.rt.db, 'requisition', 'PR-202600002'))?.demands.map((d) => (d.kind === 'sales_order_line' ? d.orderId : d.kind))).toEqual(['SO-2']);
		expect(await plan()).toEqual([]);
	});

	it('raises a requisition above the limit once: pending, it is not supply, and the plan proposing it again is left alone', async () => {
		later();
		await execute(t.rt, createSalesOrder, { orderId: 'SO-3', customerId: 'C-HZ', lines: [{ lineId: '10', itemId: 'BIKE', qty: 300, requestedDate: '2026-12-14' }] }, admin);
		await plan();
		const [pr] = await listEvents(t.rt.db, { types: ['requisition.created'], desc: true, limit: 1 });
		expect([pr.data.requisitionId, pr.data.qty, pr.data.autoApproved, pr.data.ruleId, pr.data.plannedOrderId]).toEqual(['PR-202600003', 600, false, 'MANAGER', 'PLN-TUBE-20261212']);
		// the next plan proposes the tubes again (a pending requisition is no supply); nothing more is raised
		expect((await plan()).map((o) => [o.id, o.qty])).toEqual([['PLN-TUBE-20261212', 600]]);
		expect(await plan()).toHaveLength(1);
		expect((await listEvents(t.rt.db, { types: ['requisition.created'], limit: 10 })).map((e) => e.data.requisitionId)).toEqual(['PR-202600001', 'PR-202600002', 'PR-202600003']);
		// A planner cannot order it twice by hand either; the workbench says what it waits for.
		expect(await fails(execute(t.rt, firmPlannedOrder, { plannedOrderId: 'PLN-TUBE-20261212' }, planner))).toEqual({ status: 409, code: 'ERR_PLANNED_ORDER_PENDING', path: 'plannedOrderId' });
		const tubes = await itemPlan(t.rt.db, 'TUBE', await planHeader(t.rt.db));
		expect(tubes?.plannedOrders.map((o) => [o.id, o.firmedAs])).toEqual([['PLN-TUBE-20261212', { kind: 'requisition', id: 'PR-202600003', status: 'pending' }]]);
	});
});
