// Department and ownership rules (server/auth/scope.ts) as commands, lists and record reads see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder } from '../../../server/sales/commands.ts';
import { getSalesOrder } from '../../../server/sales/queries.ts';
import { createProductionOrder, releaseProductionOrder, replaceRouting, reportProduction, saveWorkCenter, startOperation } from '../../../server/production/commands.ts';
import { approveRequisition, createRequisition, saveApprovalRule } from '../../../server/purchasing/commands.ts';
import { listOrders, orderListQuery } from '../../../server/sales/order-list.queries.ts';
import { AppError } from '../../../server/errors.ts';
import { salesScope } from '../../../server/auth/scope.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const east: Actor = { kind: 'user', id: 'e', name: 'user:east.sales', roles: ['sales'], department: 'EAST' };
const west: Actor = { kind: 'user', id: 'w', name: 'user:west.sales', roles: ['sales'], department: 'WEST' };
const anySales: Actor = { kind: 'user', id: 'n', name: 'user:solo.sales', roles: ['sales'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'], department: 'PLAN' };
const planner2: Actor = { kind: 'user', id: 'p2', name: 'user:he.planner', roles: ['planner'] };
const ws1: Actor = { kind: 'user', id: 'o1', name: 'user:op.one', roles: ['production'], department: 'WS1' };
const TODAY = '2026-11-25';
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5] };
const line = (lineId: string) => ({ lineId, itemId: 'CHAIR', qty: 5, requestedDate: '2026-12-10' });

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: 'Customer' }, admin);
	await execute(t.rt, saveItem, { itemId: 'CHAIR', name: 'Chair', kind: 'product', uom: 'pcs', unitCost: 50, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(t.rt, saveItem, { itemId: 'WOOD', name: 'Wood', kind: 'material', uom: 'kg', unitCost: 100, makeOrBuy: 'buy', leadTimeDays: 5, category: 'timber' }, admin);
	await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-E', customerId: 'C-1', lines: [line('1')] }, east);
	await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-W', customerId: 'C-1', lines: [line('1')] }, west);
	await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-N', customerId: 'C-1', lines: [line('1')] }, anySales);
});
afterAll(async () => t?.close());

async function fails(p: Promise<unknown>): Promise<{ status: number; path?: string; code: string }> {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path, code: issue?.code ?? err.code };
}

const eventCount = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
const listed = async (actor: Actor, mine = false) =>
	(
		await listOrders(t.rt.db, orderListQuery.parse(mine ? { mine: '1', sort: 'orderId', dir: 'asc' } : { sort: 'orderId', dir: 'asc' }), { now: new Date(`${TODAY}T08:00:00Z`), timeZone: 'Asia/Shanghai' }, {
			name: actor.name,
			scope: salesScope(actor)
		})
	).orders.map((o) => o.orderId);

describe(`department and ownership rules (${backendLabel})`, () => {
	it('files an order under the department of whoever enters it, and records who did', async () => {
		const r = await t.rt.db.query<{ order_id: string; department: string | null; entered_by: string }>('select order_id, department, entered_by from sales_orders order by order_id');
		expect(r.rows).toEqual([
			{ order_id: 'SO-E', department: 'EAST', entered_by: 'user:east.sales' },
			{ order_id: 'SO-N', department: null, entered_by: 'user:solo.sales' },
			{ order_id: 'SO-W', department: 'WEST', entered_by: 'user:west.sales' }
		]);
		expect((await getSalesOrder(t.rt.db, 'SO-E', TODAY))?.enteredBy).toBe('user:east.sales');
	});

	it('refuses an order for another department from a user narrowed to theirs, writing nothing', async () => {
		const before = await eventCount();
		expect(await fails(execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-X', customerId: 'C-1', department: 'WEST', lines: [line('1')] }, east))).toMatchObject({ status: 409, path: 'department' });
		expect(await eventCount()).toBe(before);
		// Someone who works across departments may file it anywhere.
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-M', customerId: 'C-1', department: 'WEST', lines: [line('1')] }, { ...admin, department: 'HQ' });
		expect((await getSalesOrder(t.rt.db, 'SO-M', TODAY))?.department).toBe('WEST');
	});

	it('lists a department its own orders and those of no department; others see every order', async () => {
		expect(await listed(east)).toEqual(['SO-E', 'SO-N']);
		expect(await listed(west)).toEqual(['SO-M', 'SO-N', 'SO-W']);
		expect(await listed(anySales)).toEqual(['SO-E', 'SO-M', 'SO-N', 'SO-W']);
		expect(await listed(planner)).toEqual(['SO-E', 'SO-M', 'SO-N', 'SO-W']);
		expect(await listed(west, true)).toEqual(['SO-W']);
	});

	it('lists "still to deliver" without cancelled or shipped orders (the sales landing: my orders still to deliver)', async () => {
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-C', customerId: 'C-1', lines: [line('1')] }, west);
		await execute(t.rt, cancelSalesOrder, { orderId: 'SO-C', reasonCode: 'DUPLICATE' }, west);
		const active = async (mine: boolean) =>
			(
				await listOrders(t.rt.db, orderListQuery.parse({ status: 'active', sort: 'orderId', dir: 'asc', ...(mine ? { mine: '1' } : {}) }), { now: new Date(`${TODAY}T08:00:00Z`), timeZone: 'Asia/Shanghai' }, {
					name: west.name,
					scope: salesScope(west)
				})
			).orders.map((o) => o.orderId);
		expect(await active(false)).toEqual(['SO-M', 'SO-N', 'SO-W']);
		expect(await active(true)).toEqual(['SO-W']);
		expect(await listed(west, true)).toEqual(['SO-C', 'SO-W']);
	});

	it('does not show or let change another department\'s order', async () => {
		expect(await getSalesOrder(t.rt.db, 'SO-W', TODAY, salesScope(east))).toBeNull();
		expect(await getSalesOrder(t.rt.db, 'SO-N', TODAY, salesScope(east))).not.toBeNull();
		const before = await eventCount();
		expect(await fails(execute(t.rt, changeSalesOrder, { allowPastDates: true, orderId: 'SO-W', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '1', qty: 9 }] }, east))).toMatchObject({ status: 403, code: 'ERR_FORBIDDEN' });
		expect(await fails(execute(t.rt, cancelSalesOrder, { orderId: 'SO-W', reasonCode: 'DUPLICATE' }, east))).toMatchObject({ status: 403 });
		expect(await fails(execute(t.rt, promiseSalesOrder, { orderId: 'SO-W', lines: [{ lineId: '1', promisedDate: '2026-12-12' }] }, east))).toMatchObject({ status: 403 });
		expect(await eventCount()).toBe(before);
		await execute(t.rt, changeSalesOrder, { allowPastDates: true, orderId: 'SO-E', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '1', qty: 9 }] }, east);
		await execute(t.rt, changeSalesOrder, { allowPastDates: true, orderId: 'SO-N', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '1', qty: 7 }] }, east);
		await execute(t.rt, promiseSalesOrder, { orderId: 'SO-W', lines: [{ lineId: '1', promisedDate: '2026-12-12' }] }, planner);
	});

	it('lets shop-floor users report only at their workshop\'s work centres', async () => {
		await execute(t.rt, saveWorkCenter, { workCenterId: 'SAW', name: 'Saw', department: 'WS1', calendar }, planner);
		await execute(t.rt, saveWorkCenter, { workCenterId: 'PAINT', name: 'Paint', department: 'WS2', calendar }, planner);
		await execute(t.rt, replaceRouting, { itemId: 'CHAIR', operations: [{ seq: 10, workCenterId: 'SAW', setupMinutes: 5, runMinutesPerUnit: 3 }, { seq: 20, workCenterId: 'PAINT', setupMinutes: 5, runMinutesPerUnit: 2 }] }, planner);
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-1', itemId: 'CHAIR', qty: 5, dueDate: '2026-12-05' }, planner);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-1' }, planner);
		const before = await eventCount();
		expect(await fails(execute(t.rt, startOperation, { productionOrderId: 'MO-1', seq: 20 }, ws1))).toMatchObject({ status: 403 });
		expect(await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-1', operationSeq: 20, goodQty: 5 }, ws1))).toMatchObject({ status: 403 });
		// Without an operation the report finishes the order: it counts at the last operation (PAINT).
		expect(await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-1', goodQty: 5 }, ws1))).toMatchObject({ status: 403 });
		expect(await eventCount()).toBe(before);
		await execute(t.rt, startOperation, { productionOrderId: 'MO-1', seq: 10 }, ws1);
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-1', operationSeq: 10, goodQty: 5 }, ws1);
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-1', operationSeq: 20, goodQty: 5 }, { ...ws1, department: null });
	});

	it('keeps a requester from approving their own requisition', async () => {
		await execute(t.rt, saveApprovalRule, { ruleId: 'TIMBER', name: 'Timber', priority: 10, conditions: { categories: ['timber'] }, steps: [{ role: 'planner' }], active: true }, admin);
		await execute(t.rt, createRequisition, { allowPastDates: true, requisitionId: 'PR-OWN', itemId: 'WOOD', qty: 10, neededBy: '2026-12-20', unitPrice: 100 }, planner);
		expect(await fails(execute(t.rt, approveRequisition, { requisitionId: 'PR-OWN' }, planner))).toMatchObject({ status: 409, code: 'ERR_REQ_OWN' });
		await execute(t.rt, approveRequisition, { requisitionId: 'PR-OWN' }, planner2);
		const r = await t.rt.db.query<{ status: string }>("select status from requisitions where requisition_id = 'PR-OWN'");
		expect(r.rows[0].status).toBe('approved');
	});
});
