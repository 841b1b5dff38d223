// Level KPIs read at a moment: open shortages of the live plan with the order lines they hit, order
// progress, work in process, and work-centre load (next 7 days) and utilisation (past 7 days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { workCentreLoad, workInProcess } from '../../../server/kpi/levels.queries.ts';
import type { RawEvent } from '../../support/events.ts';

// Monday 2026-12-07 in the factory.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const TZ = 'Asia/Shanghai';
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

const raw = (type: string, data: Record<string, unknown>, occurredAt = NOW.toISOString()): RawEvent => ({ id: crypto.randomUUID(), type, occurredAt, source: 'test', data });
async function send(...events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	// Bells take 10 days to buy and are wanted in 5: the plan is short of them and the line is at risk.
	await execute(t.rt, saveItem, { itemId: 'BELL', name: 'Bell', kind: 'material', uom: 'pcs', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 10 }, admin);
	await execute(t.rt, saveItem, { itemId: 'BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 1 }, admin);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BELL', qty: 5, requestedDate: '2026-12-12' }] }, admin);
	await send(raw('work_center.upserted', { workCenterId: 'WC-A', name: 'Assembly', calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5] } }));
	await send(
		raw('production_order.created', { productionOrderId: 'MO-1', itemId: 'BIKE', qty: 10, dueDate: '2026-12-10', operations: [{ seq: 10, workCenterId: 'WC-A', setupMinutes: 30, runMinutesPerUnit: 6 }] }),
		raw('production_order.released', { productionOrderId: 'MO-1' })
	);
	await send(raw('production.reported', { productionOrderId: 'MO-1', workCenterId: 'WC-A', operationSeq: 10, goodQty: 4 }));
	await t.rt.planning.regenerate('test');
}, 120_000);
afterAll(async () => t?.close());

describe(`level KPIs (${backendLabel})`, () => {
	it('tells work in process and work-centre load and utilisation', async () => {
		expect(await workInProcess(t.rt.db)).toEqual({ orders: 1, qty: 10, goodQty: 4, value: 1000 });
		// Left: 6 × 6 min (setup done, the operation runs). Next 7 days: 5 shifts of 480 min. Past 7 days: 5 shifts, 4 × 6 min made.
		expect(await workCentreLoad(t.rt.db, { now: NOW, timeZone: TZ })).toEqual([
			{ workCenterId: 'WC-A', name: 'Assembly', status: 'up', loadMinutes: 36, capacityMinutes: 2400, load: 1.5, producedMinutes: 24, availableMinutes: 2400, utilisation: 1 }
		]);
	});
});
