import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import {
	cancelProductionOrder,
	changeWorkCenterStatus,
	completeProductionOrder,
	createProductionOrder,
	releaseProductionOrder,
	replaceRouting,
	reportProduction,
	saveWorkCenter,
	startOperation
} from '../../../server/production/commands.ts';
import { getSalesOrder } from '../../../server/sales/queries.ts';
import { stockOf } from '../../../server/inventory/queries.ts';
import { AppError } from '../../../server/errors.ts';
import { canTransition } from '../../../server/production/order-state.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
const operator: Actor = { kind: 'user', id: 'o', name: 'user:wu.operator', roles: ['production'] };
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25'] };

async function fails(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path, code: issue?.code };
}

const onHand = async (item: string) => (await stockOf(t.rt.db, item)).find((s) => s.locationId === 'MAIN')?.onHand ?? 0;
const mo = async (id: string) => (await t.rt.db.query<{ status: string; good: number; scrap: number }>('select status, good_qty::float8 as good, scrap_qty::float8 as scrap from production_orders where production_order_id = $1', [id])).rows[0];

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveCustomer, { customerId: 'C-P', name: 'Prod customer' }, admin);
	await execute(t.rt, saveItem, { itemId: 'P-BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 200, makeOrBuy: 'make', leadTimeDays: 2, backflush: 'completion' }, admin);
	await execute(t.rt, saveItem, { itemId: 'P-FRAME', name: 'Frame', kind: 'semi', uom: 'pcs', unitCost: 80, makeOrBuy: 'make', leadTimeDays: 1, backflush: 'operation' }, admin);
	await execute(t.rt, saveItem, { itemId: 'P-TUBE', name: 'Tube', kind: 'material', uom: 'm', unitCost: 5, makeOrBuy: 'buy', leadTimeDays: 5 }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'P-BIKE', lines: [{ childItemId: 'P-FRAME', qtyPer: 1 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'P-FRAME', lines: [{ childItemId: 'P-TUBE', qtyPer: 2, scrapPct: 10 }] }, admin);
	await execute(t.rt, adjustStock, { itemId: 'P-TUBE', locationId: 'MAIN', qty: 30, unitCost: 5, reasonCode: 'OPENING' }, admin);
});
afterAll(async () => t?.close());

describe('the production order state machine', () => {
	it('allows only the documented transitions', () => {
		expect(canTransition('created', 'released')).toBe(true);
		expect(canTransition('created', 'completed')).toBe(false);
		expect(canTransition('completed', 'released')).toBe(false);
		expect(canTransition('in_progress', 'cancelled')).toBe(true);
	});
});

describe(`production order to stock (${backendLabel})`, () => {
	it('sets up work centres with calendars and status changes that need a reason', async () => {
		await execute(t.rt, saveWorkCenter, { workCenterId: 'WELD', name: '焊接', calendar }, planner);
		await execute(t.rt, saveWorkCenter, { workCenterId: 'ASSY', name: '总装', calendar }, planner);
		expect(await fails(execute(t.rt, changeWorkCenterStatus, { workCenterId: 'WELD', status: 'down' }, operator))).toMatchObject({ path: 'reasonCode' });
		await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'WELD', status: 'down', reasonCode: 'BREAKDOWN' }, operator);
		await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'WELD', status: 'up' }, operator);
		const wc = (await t.rt.db.query<{ status: string; calendar: unknown }>("select status, calendar from work_centers where work_center_id = 'WELD'")).rows[0];
		expect(wc).toEqual({ status: 'up', calendar });
	});

	it('replaces routings with known work centres only', async () => {
		expect(await fails(execute(t.rt, replaceRouting, { itemId: 'P-FRAME', operations: [{ seq: 10, workCenterId: 'PAINT', setupMinutes: 5, runMinutesPerUnit: 2 }] }, planner))).toMatchObject({ path: 'operations.0.workCenterId' });
		await execute(t.rt, replaceRouting, { itemId: 'P-FRAME', operations: [{ seq: 10, workCenterId: 'WELD', setupMinutes: 30, runMinutesPerUnit: 12 }] }, planner);
		await execute(t.rt, replaceRouting, { itemId: 'P-BIKE', operations: [{ seq: 10, workCenterId: 'ASSY', setupMinutes: 10, runMinutesPerUnit: 20 }, { seq: 20, workCenterId: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 5 }] }, planner);
	});

	it('makes frames with components backflushed at reporting, scrap needing a reason', async () => {
		expect(await fails(execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-T', itemId: 'P-TUBE', qty: 1, dueDate: '2026-12-01' }, planner))).toMatchObject({ code: 'ERR_ITEM_IS_BOUGHT' });
		expect(await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-F', itemId: 'P-FRAME', qty: 10, dueDate: '2026-12-01' }, planner)).toEqual({ productionOrderId: 'MO-F', operations: 1 });
		expect(await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-F', goodQty: 1 }, operator))).toMatchObject({ code: 'ERR_MO_TRANSITION' });
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-F' }, planner);
		await execute(t.rt, startOperation, { productionOrderId: 'MO-F', seq: 10 }, operator);
		expect((await mo('MO-F')).status).toBe('in_progress');
		expect(await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-F', operationSeq: 10, goodQty: 9, scrapQty: 1 }, operator))).toMatchObject({ path: 'reasonCode' });
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-F', operationSeq: 10, goodQty: 9, scrapQty: 1, reasonCode: 'OPERATOR' }, operator);
		// 10 frames × 2 m × 1.10 scrap allowance = 22 m of tube issued at the report
		expect(await onHand('P-TUBE')).toBeCloseTo(8, 6);
		// 5 more of an order of 10 with 9 done is over-production: refused without a reason…
		expect(await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-F', operationSeq: 10, goodQty: 5 }, operator))).toMatchObject({ code: 'ERR_MO_OVER_PRODUCTION', path: 'goodQty' });
		// …and with one, the backflush finds too little tube.
		expect(
			await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-F', operationSeq: 10, goodQty: 5, overProductionReason: 'BATCH_SIZE' }, operator))
		).toMatchObject({ code: 'ERR_STOCK_NEGATIVE', path: 'goodQty' });
		await execute(t.rt, completeProductionOrder, { productionOrderId: 'MO-F' }, operator);
		expect(await mo('MO-F')).toEqual({ status: 'completed', good: 9, scrap: 1 });
		expect(await onHand('P-FRAME')).toBe(9);
		expect(await fails(execute(t.rt, completeProductionOrder, { productionOrderId: 'MO-F' }, operator))).toMatchObject({ code: 'ERR_MO_TRANSITION' });
	});

	it('makes bikes for a sales order line: in production, then ready, then shipped; components backflushed at completion', async () => {
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-P', customerId: 'C-P', lines: [{ lineId: '1', itemId: 'P-BIKE', qty: 4, requestedDate: '2099-01-01' }] }, admin);
		// A sales order that does not exist is named as such; a line the order lacks, as a missing line.
		const link = (salesOrderId: string, salesLineId: string) =>
			fails(execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-X', itemId: 'P-BIKE', qty: 1, dueDate: '2026-12-10', salesOrderId, salesLineId }, planner));
		expect(await link('SO-NONE', '1')).toMatchObject({ path: 'salesOrderId', code: 'ERR_SO_UNKNOWN' });
		expect(await link('SO-P', '9')).toMatchObject({ path: 'salesLineId', code: 'ERR_SO_UNKNOWN_LINE' });
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-B', itemId: 'P-BIKE', qty: 4, dueDate: '2026-12-10', salesOrderId: 'SO-P', salesLineId: '1' }, planner);
		const status = async () => (await getSalesOrder(t.rt.db, 'SO-P', '2026-11-25'))!.lines[0].status;
		expect(await status()).toBe('open');
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-B' }, planner);
		expect(await status()).toBe('in_production');
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-B', operationSeq: 10, goodQty: 4 }, operator);
		expect(await onHand('P-FRAME')).toBe(9); // not the last operation, and this item backflushes at completion
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-B', operationSeq: 20, goodQty: 4 }, operator);
		await execute(t.rt, completeProductionOrder, { productionOrderId: 'MO-B' }, operator);
		expect(await onHand('P-FRAME')).toBe(5);
		expect(await onHand('P-BIKE')).toBe(4);
		expect(await status()).toBe('ready');
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-P', lineId: '1', qty: 4 }, admin);
		expect(await status()).toBe('shipped');
		expect(await onHand('P-BIKE')).toBe(0);
	});

	it('refuses to complete an order with nothing good, and cancels one with a reason', async () => {
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-C', itemId: 'P-BIKE', qty: 1, dueDate: '2026-12-01' }, planner);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-C' }, planner);
		expect(await fails(execute(t.rt, completeProductionOrder, { productionOrderId: 'MO-C' }, operator))).toMatchObject({ code: 'ERR_MO_NOTHING_GOOD' });
		expect(await fails(execute(t.rt, cancelProductionOrder, { productionOrderId: 'MO-C', reasonCode: 'WHY' }, planner))).toMatchObject({ path: 'reasonCode' });
		await execute(t.rt, cancelProductionOrder, { productionOrderId: 'MO-C', reasonCode: 'CANNOT_DELIVER' }, planner);
		expect((await mo('MO-C')).status).toBe('cancelled');
		expect(await fails(execute(t.rt, cancelProductionOrder, { productionOrderId: 'MO-B', reasonCode: 'CANNOT_DELIVER' }, planner))).toMatchObject({ code: 'ERR_MO_TRANSITION' });
	});

	it('keeps operators from planning and planners from reporting', async () => {
		expect((await fails(execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'MO-Z', itemId: 'P-BIKE', qty: 1, dueDate: '2026-12-01' }, operator))).status).toBe(403);
		expect((await fails(execute(t.rt, reportProduction, { productionOrderId: 'MO-B', goodQty: 1 }, planner))).status).toBe(403);
	});
});

describe(`production reports that arrive before their order (${backendLabel})`, () => {
	it('count once the order arrives, on the operation and on the order', async () => {
		const { validateBatch } = await import('../../../server/events/validate.ts');
		const { ev } = await import('../../support/events.ts');
		const ingest = async (events: unknown[]) => {
			const v = validateBatch(t.rt.catalogue, { events });
			if (!v.ok) throw new Error(JSON.stringify(v.issues));
			await t.rt.append(v.events);
		};
		const report = (seq: number, good: number, scrap = 0) =>
			ev.production({ productionOrderId: 'MO-MES', operationSeq: seq, goodQty: good, scrapQty: scrap, workCenterId: undefined });
		await ingest([report(10, 5), report(20, 3, 1)]);
		expect(await mo('MO-MES')).toBeUndefined();
		await ingest([
			{
				...ev.extension(),
				type: 'production_order.created',
				data: {
					productionOrderId: 'MO-MES',
					itemId: 'P-BIKE',
					qty: 5,
					dueDate: '2026-12-20',
					operations: [
						{ seq: 10, workCenterId: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 1 },
						{ seq: 20, workCenterId: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 1 }
					]
				}
			}
		]);
		expect(await mo('MO-MES')).toMatchObject({ good: 3, scrap: 1 });
		const ops = (await t.rt.db.query<{ seq: number; good: number }>("select seq, good_qty::float8 as good from production_operations where production_order_id = 'MO-MES' order by seq")).rows;
		expect(ops).toEqual([{ seq: 10, good: 5 }, { seq: 20, good: 3 }]);
		// a report on a known order that is not released is refused, as the command refuses it
		await expect(ingest([report(20, 1)])).rejects.toMatchObject({ code: 'ERR_MO_TRANSITION', path: 'data.productionOrderId' });
		// once released, a report after the order is counted once, not twice
		await ingest([{ ...ev.extension(), type: 'production_order.released', data: { productionOrderId: 'MO-MES' } }]);
		await ingest([report(20, 1)]);
		expect(await mo('MO-MES')).toMatchObject({ good: 4 });
	});
});
