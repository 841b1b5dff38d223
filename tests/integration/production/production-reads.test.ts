// Production reads as pages and the API get them: the order list filters, sorts and pages in SQL and
// flags overdue orders as of the factory's date; work-centre and routing timelines hold only their
// record's events; the work centres' version moves with each of their events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem } from '../../../server/masterdata/commands.ts';
import {
	cancelProductionOrder,
	changeWorkCenterStatus,
	createProductionOrder,
	releaseProductionOrder,
	replaceRouting,
	saveWorkCenter
} from '../../../server/production/commands.ts';
import { getOrder, listOrders, orderListQuery } from '../../../server/production/production-order.queries.ts';
import { getWorkCenter, listWorkCenters, workCenterExists, workCentersVersion } from '../../../server/production/work-center.queries.ts';
import { getRouting, listRoutings, routingListQuery } from '../../../server/production/routing.queries.ts';
import { nextOrderNumber } from '../../../server/production/lookups.queries.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
const operator: Actor = { kind: 'user', id: 'o', name: 'user:wu.operator', roles: ['production'] };
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };
const today = '2026-12-05';

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveItem, { itemId: 'R-BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 200, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(t.rt, saveItem, { itemId: 'R-FRAME', name: 'Frame', kind: 'semi', uom: 'pcs', unitCost: 80, makeOrBuy: 'make', leadTimeDays: 1 }, admin);
	await execute(t.rt, saveWorkCenter, { workCenterId: 'R-WELD', name: '焊接', calendar }, planner);
	await execute(t.rt, saveWorkCenter, { workCenterId: 'R-ASSY', name: '总装', calendar }, planner);
});
afterAll(async () => t?.close());

describe(`production reads (${backendLabel})`, () => {
	it('reads a work centre\'s timeline alone, and moves the version with each work-centre event', async () => {
		const before = await workCentersVersion(t.rt.db);
		await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'R-WELD', status: 'down', reasonCode: 'BREAKDOWN' }, operator);
		const after = await workCentersVersion(t.rt.db);
		expect(after).toBeGreaterThan(before);
		const weld = await getWorkCenter(t.rt.db, 'R-WELD');
		expect(weld).toMatchObject({ status: 'down', statusReason: 'BREAKDOWN' });
		expect(weld!.history.map((e) => e.type)).toEqual(['work_center.status_changed', 'work_center.upserted']);
		expect((await getWorkCenter(t.rt.db, 'R-ASSY'))!.history.map((e) => e.type)).toEqual(['work_center.upserted']);
		expect(await getWorkCenter(t.rt.db, 'R-NONE')).toBeNull();
		expect(await workCenterExists(t.rt.db, 'R-ASSY')).toBe(true);
		expect((await listWorkCenters(t.rt.db, { status: 'down' })).map((w) => w.workCenterId)).toEqual(['R-WELD']);
		await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'R-WELD', status: 'up' }, operator);
	});

	it('reads an item\'s routing with its own history only', async () => {
		await execute(t.rt, replaceRouting, { itemId: 'R-FRAME', operations: [{ seq: 10, workCenterId: 'R-WELD', setupMinutes: 30, runMinutesPerUnit: 12 }] }, planner);
		await execute(t.rt, replaceRouting, { itemId: 'R-BIKE', operations: [{ seq: 20, workCenterId: 'R-ASSY', setupMinutes: 0, runMinutesPerUnit: 5 }, { seq: 10, workCenterId: 'R-ASSY', setupMinutes: 10, runMinutesPerUnit: 20 }] }, planner);
		await execute(t.rt, replaceRouting, { itemId: 'R-BIKE', operations: [{ seq: 10, workCenterId: 'R-ASSY', setupMinutes: 10, runMinutesPerUnit: 20 }] }, planner);
		const bike = await getRouting(t.rt.db, 'R-BIKE');
		expect(bike!.operations.map((o) => o.seq)).toEqual([10]);
		expect(bike!.history).toHaveLength(2);
		expect(bike!.history.every((e) => e.data.itemId === 'R-BIKE')).toBe(true);
		expect((await getRouting(t.rt.db, 'R-FRAME'))!.history).toHaveLength(1);
		const list = await listRoutings(t.rt.db, routingListQuery.parse({ q: 'R-' }));
		expect(list).toMatchObject({ total: 2, routings: [{ itemId: 'R-BIKE', setupMinutes: 10 }, { itemId: 'R-FRAME', runMinutesPerUnit: 12 }] });
	});

	it('filters, sorts and pages the order list, and flags overdue orders as of today', async () => {
		const create = (id: string, dueDate: string) => execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: id, itemId: 'R-FRAME', qty: 5, dueDate }, planner);
		await create('MO-1', '2026-12-01');
		await create('MO-2', '2026-12-09');
		await create('MO-3', '2026-12-03');
		await create('MO-4', '2026-12-02');
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-2' }, planner);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-3' }, planner);
		await execute(t.rt, cancelProductionOrder, { productionOrderId: 'MO-4', reasonCode: 'DUPLICATE' }, planner);
		const list = (q: Record<string, string>) => listOrders(t.rt.db, orderListQuery.parse(q), today);

		const newest = await list({ pageSize: '2' });
		expect(newest.total).toBe(4);
		expect(newest.orders.map((o) => o.productionOrderId)).toEqual(['MO-4', 'MO-3']);
		expect((await list({ pageSize: '2', page: '2' })).orders.map((o) => o.productionOrderId)).toEqual(['MO-2', 'MO-1']);
		const released = await list({ status: 'released', sort: 'due', dir: 'asc' });
		expect(released).toMatchObject({ total: 2, orders: [{ productionOrderId: 'MO-3', overdue: true }, { productionOrderId: 'MO-2', overdue: false }] });
		const byStage = await list({ sort: 'status', dir: 'asc' });
		expect(byStage.orders.map((o) => o.status)).toEqual(['created', 'released', 'released', 'cancelled']);
		expect((await list({ q: 'mo-4' })).orders).toMatchObject([{ productionOrderId: 'MO-4', status: 'cancelled', overdue: false }]);

		const one = await getOrder(t.rt.db, 'MO-1', today);
		expect(one).toMatchObject({ status: 'created', overdue: true, operations: [{ seq: 10, workCenterId: 'R-WELD' }] });
		expect(one!.history.map((e) => e.type)).toEqual(['production_order.created']);
		expect(await getOrder(t.rt.db, 'MO-404', today)).toBeNull();
		expect(await nextOrderNumber(t.rt.db)).toBe('MO-5');
	});
});
