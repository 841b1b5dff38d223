// The factory summary of the home page: each figure from a small factory whose every fact is known —
// lines late by their requested or promised date, shipped and cancelled lines that are not, lines the
// plan put at risk, requisitions waiting for the manager or approved already, production orders
// started or overdue, work centres down or in maintenance, alerts open, critical or acknowledged.
// The reader matters: requisitions awaiting are the reader's roles', sales figures their department's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveSupplier } from '../../../server/masterdata/commands.ts';
import { approveRequisition, createRequisition } from '../../../server/purchasing/commands.ts';
import {
	changeWorkCenterStatus,
	completeProductionOrder,
	createProductionOrder,
	releaseProductionOrder,
	replaceRouting,
	reportProduction,
	saveWorkCenter,
	startOperation
} from '../../../server/production/commands.ts';
import { factorySummary, type SummaryReader } from '../../../server/factory-summary.queries.ts';
import { listOrders } from '../../../server/sales/order-list.queries.ts';

let t: TestRuntime;
const TZ = 'Asia/Shanghai';
// The facts are entered on 1 December; the summary is read on Thursday 10 December 2026, 09:00 in Shanghai.
const ENTERED = new Date('2026-12-01T01:00:00Z');
const READ = { now: new Date('2026-12-10T01:00:00Z'), timeZone: TZ };
let now = ENTERED;
const at = (date: string) => ({ occurredAt: `${date}T10:00:00+08:00` });

const user = (name: string, roles: string[], department?: string): Actor & SummaryReader => ({ kind: 'user', id: name, name: `user:${name}`, roles, department });
const admin = user('admin', ['admin']);
const manager = user('boss', ['manager']);
const buyer = user('buyer', ['purchasing']);
const planner = user('planner', ['planner']);
const operator = user('operator', ['production']);
const oemSales = user('oem', ['sales'], 'OEM');

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

const line = (lineId: string, requestedDate: string) => ({ lineId, itemId: 'P-S', qty: 2, requestedDate });
const alert = (severity: string, n: number) => ({
	id: randomUUID(),
	type: 'alert.raised',
	...at('2026-12-01'),
	source: 'test',
	data: {
		alertId: randomUUID(),
		rule: 'R-TEST',
		kind: 'work_center_down',
		severity,
		ref: { kind: 'work_center', id: `WC-${n}` },
		message: { 'zh-CN': `提醒 ${n}`, en: `Alert ${n}` },
		link: '/production/work-centers',
		dedupeKey: `wc-${n}`
	}
});

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => now } });
	await append([
		ev.customer({ customerId: 'C-S', name: '概览客户' }),
		ev.item({ itemId: 'P-S', name: '卡钳', makeOrBuy: 'make', unitCost: 10, allowNegativeStock: true }),
		ev.item({ itemId: 'M-S', name: '铸件', kind: 'material', makeOrBuy: 'buy', unitCost: 100 })
	]);
	await append([
		// Late: line 10 by its requested date, line 20 by its promise; line 30 was promised later than requested.
		ev.salesOrder({ orderId: 'SO-S1', customerId: 'C-S', lines: [line('10', '2026-12-05'), line('20', '2026-12-20'), line('30', '2026-12-05')] }, at('2026-12-01')),
		// Shipped in full before its date: closed.
		ev.salesOrder({ orderId: 'SO-S2', customerId: 'C-S', lines: [line('10', '2026-12-05')] }, at('2026-12-01')),
		// A cancelled line past its date and an open one not due yet.
		ev.salesOrder({ orderId: 'SO-S3', customerId: 'C-S', lines: [line('10', '2026-12-06'), line('20', '2026-12-20')] }, at('2026-12-01')),
		// Another department's order, late.
		ev.salesOrder({ orderId: 'SO-S4', customerId: 'C-S', department: 'AM', lines: [line('10', '2026-12-03')] }, at('2026-12-01'))
	]);
	await append([
		{ id: randomUUID(), type: 'sales_order.promised', ...at('2026-12-01'), source: 'test', data: { orderId: 'SO-S1', lines: [{ lineId: '20', promisedDate: '2026-12-08' }, { lineId: '30', promisedDate: '2026-12-15' }] } },
		ev.shipment({ orderId: 'SO-S2', lineId: '10', qty: 2 }, at('2026-12-02')),
		{ id: randomUUID(), type: 'sales_order.cancelled', ...at('2026-12-02'), source: 'test', data: { orderId: 'SO-S3', lineIds: ['10'], reasonCode: 'CUSTOMER_CANCELLED' } }
	]);
	const risk = (orderId: string, lineId: string) => ({
		id: randomUUID(),
		type: 'sales_order_line.at_risk',
		...at('2026-12-02'),
		source: 'test',
		data: { orderId, lineId, dueDate: '2026-12-15', expectedDate: '2026-12-18', daysLate: 3, causes: [{ code: 'RISK_NO_SUPPLY', message: 'no supply' }] }
	});
	await append([risk('SO-S1', '30'), risk('SO-S3', '20'), risk('SO-S4', '10')]);

	// Requisitions: over the default auto-approval limit (5,000) they wait for the manager; below it they approve themselves.
	await execute(t.rt, saveSupplier, { supplierId: 'S-S', name: '概览供应商' }, admin);
	const requisition = (requisitionId: string, qty: number) => execute(t.rt, createRequisition, { requisitionId, itemId: 'M-S', qty, neededBy: '2026-12-20', supplierId: 'S-S', unitPrice: 100 }, buyer);
	await requisition('PR-S1', 60);
	await requisition('PR-S2', 10);
	await requisition('PR-S3', 80);
	await execute(t.rt, approveRequisition, { requisitionId: 'PR-S3' }, manager);

	// Production: started and overdue, started and not due, completed past its date, created and overdue.
	const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };
	for (const id of ['WC-S1', 'WC-S2', 'WC-S3']) await execute(t.rt, saveWorkCenter, { workCenterId: id, name: id, calendar }, planner);
	await execute(t.rt, replaceRouting, { itemId: 'P-S', operations: [{ seq: 10, workCenterId: 'WC-S3', setupMinutes: 0, runMinutesPerUnit: 5 }] }, planner);
	const mo = async (productionOrderId: string, dueDate: string, stage: 'created' | 'started' | 'completed') => {
		await execute(t.rt, createProductionOrder, { productionOrderId, itemId: 'P-S', qty: 2, dueDate }, planner);
		if (stage === 'created') return;
		await execute(t.rt, releaseProductionOrder, { productionOrderId }, planner);
		await execute(t.rt, startOperation, { productionOrderId, seq: 10 }, operator);
		if (stage === 'started') return;
		await execute(t.rt, reportProduction, { productionOrderId, goodQty: 2 }, operator);
		await execute(t.rt, completeProductionOrder, { productionOrderId }, operator);
	};
	await mo('MO-S1', '2026-12-05', 'started');
	await mo('MO-S2', '2026-12-20', 'started');
	await mo('MO-S3', '2026-12-05', 'completed');
	await mo('MO-S4', '2026-12-08', 'created');
	await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'WC-S1', status: 'down', reasonCode: 'BREAKDOWN' }, operator);
	await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'WC-S2', status: 'maintenance', reasonCode: 'BREAKDOWN' }, operator);

	const alerts = [alert('critical', 1), alert('warning', 2), alert('warning', 3)];
	await append(alerts);
	await append([{ id: randomUUID(), type: 'alert.acknowledged', ...at('2026-12-02'), source: 'test', data: { alertId: alerts[2].data.alertId } }]);
	now = READ.now;
}, 60_000);
afterAll(async () => t?.close());

describe(`the factory summary (${backendLabel})`, () => {
	it('counts open, late and at-risk sales lines and the orders they are in', async () => {
		const s = await factorySummary(t.rt.db, manager, READ);
		expect(s.today).toBe('2026-12-10');
		expect(s.sales).toEqual({ openOrders: 3, lateLines: 3, lateOrders: 2, atRiskLines: 3, atRiskOrders: 3 });
	});

	it('counts what the order list finds behind each sales figure', async () => {
		const s = await factorySummary(t.rt.db, manager, READ);
		const list = async (filter: { status?: 'active' | 'late'; risk?: '1' }) =>
			(await listOrders(t.rt.db, { ...filter, sort: 'orderId', dir: 'asc', page: 1, pageSize: 50 }, READ, { name: manager.name, scope: null })).orders.map((o) => o.orderId);
		expect(await list({ status: 'active' })).toEqual(['SO-S1', 'SO-S3', 'SO-S4']);
		expect(await list({ status: 'late' })).toEqual(['SO-S1', 'SO-S4']);
		expect(await list({ risk: '1' })).toEqual(['SO-S1', 'SO-S3', 'SO-S4']);
		expect([s.sales.openOrders, s.sales.lateOrders, s.sales.atRiskOrders]).toEqual([3, 2, 3]);
	});

	it("keeps a sales user with a department to their department's orders and those of none", async () => {
		const s = await factorySummary(t.rt.db, oemSales, READ);
		expect(s.sales).toEqual({ openOrders: 2, lateLines: 2, lateOrders: 1, atRiskLines: 2, atRiskOrders: 2 });
	});

	it("counts the requisitions whose waiting step is the reader's, and all pending", async () => {
		expect((await factorySummary(t.rt.db, manager, READ)).purchasing).toEqual({ awaitingMe: 1, pending: 1 });
		// An administrator may decide any step but is no step's assignee; a planner none of these.
		expect((await factorySummary(t.rt.db, admin, READ)).purchasing).toEqual({ awaitingMe: 0, pending: 1 });
		expect((await factorySummary(t.rt.db, planner, READ)).purchasing).toEqual({ awaitingMe: 0, pending: 1 });
	});

	it('counts production orders in progress and overdue, and work centres down or in maintenance', async () => {
		const s = await factorySummary(t.rt.db, manager, READ);
		expect(s.production).toEqual({ inProgress: 2, overdue: 2, workCentresDown: 1, workCentresInMaintenance: 1 });
		// On 1 December nothing was overdue yet.
		expect((await factorySummary(t.rt.db, manager, { now: ENTERED, timeZone: TZ })).production.overdue).toBe(0);
	});

	it('counts open alerts and the critical ones, not those acknowledged', async () => {
		expect((await factorySummary(t.rt.db, manager, READ)).alerts).toEqual({ open: 2, critical: 1 });
	});

	it('takes the day at the factory, not in UTC', async () => {
		// 16:30 UTC on 5 December is already 6 December in Shanghai: a line due on the 5th is late there.
		const evening = new Date('2026-12-05T16:30:00Z');
		const s = await factorySummary(t.rt.db, manager, { now: evening, timeZone: TZ });
		expect(s.today).toBe('2026-12-06');
		expect(s.sales.lateLines).toBe(2);
		expect((await factorySummary(t.rt.db, manager, { now: evening, timeZone: 'UTC' })).sales.lateLines).toBe(1);
	});
});
