// Promise dates from what the factory's data says, entered through commands: before any plan has run,
// from usable stock less open sales demand and safety stock, BOM, suppliers' lead times and the work
// centres' calendars less the minutes open production orders still need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { createProductionOrder, replaceRouting, saveWorkCenter } from '../../../server/production/commands.ts';
import { answerPromise, answerPromises } from '../../../server/planning/promise.queries.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
// 10:00 in Shanghai on Monday 2026-12-07: day 0.
const now = new Date('2026-12-07T02:00:00Z');
const ask = (body: unknown) => answerPromise(t.rt.db, body, now, 'Asia/Shanghai');
const item = (itemId: string, kind: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number, extra: Record<string, unknown> = {}) =>
	execute(t.rt, saveItem, { itemId, name: itemId, kind, uom: 'pcs', unitCost: 10, makeOrBuy, leadTimeDays, ...extra }, admin);

beforeAll(async () => {
	t = await openTestRuntime();
	await item('P-BIKE', 'product', 'make', 2, { safetyStock: 1 });
	await item('P-FRAME', 'semi', 'make', 3);
	await item('P-WHEEL', 'material', 'buy', 10);
	await item('P-STEEL', 'material', 'buy', 1);
	await item('P-KIT', 'product', 'make', 1);
	await execute(t.rt, replaceBom, { parentItemId: 'P-BIKE', lines: [{ childItemId: 'P-FRAME', qtyPer: 1 }, { childItemId: 'P-WHEEL', qtyPer: 2 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'P-FRAME', lines: [{ childItemId: 'P-STEEL', qtyPer: 2, scrapPct: 20 }] }, admin);
	// The wheels' preferred supplier is the cheaper S-1 (6 days), not the quicker S-2.
	await execute(t.rt, saveSupplier, { supplierId: 'S-1', name: 'Wheels One' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-2', name: 'Wheels Two' }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-1', itemId: 'P-WHEEL', price: 30, leadTimeDays: 6 }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-2', itemId: 'P-WHEEL', price: 35, leadTimeDays: 2 }, admin);
	// 5 bikes on hand, 2 of them for an open order, 1 kept as safety stock: 2 free. 4 frames free.
	await execute(t.rt, adjustStock, { itemId: 'P-BIKE', locationId: 'MAIN', qty: 5, reasonCode: 'OPENING' }, admin);
	await execute(t.rt, adjustStock, { itemId: 'P-FRAME', locationId: 'MAIN', qty: 4, reasonCode: 'OPENING' }, admin);
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '客户一' }, admin);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '1', itemId: 'P-BIKE', qty: 2, requestedDate: '2026-12-20' }] }, admin);
	// WC-ASSY works 08:00–16:00 on weekdays; an open order needs all of Monday to Wednesday there.
	const calendar = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };
	await execute(t.rt, saveWorkCenter, { workCenterId: 'WC-ASSY', name: '总装', calendar }, admin);
	await execute(t.rt, replaceRouting, { itemId: 'P-KIT', operations: [{ seq: 10, workCenterId: 'WC-ASSY', setupMinutes: 60, runMinutesPerUnit: 30 }] }, admin);
	await execute(t.rt, replaceRouting, { itemId: 'P-BIKE', operations: [{ seq: 10, workCenterId: 'WC-ASSY', setupMinutes: 60, runMinutesPerUnit: 30 }] }, admin);
	// 60 + 46 × 30 = 1,440 minutes due Thursday.
	await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-1', itemId: 'P-BIKE', qty: 46, dueDate: '2026-12-10' }, admin);
});
afterAll(async () => t?.close());

describe(`promise dates before any plan (${backendLabel})`, () => {
	it('promises today from stock not taken by open orders or safety stock', async () => {
		const a = await ask({ itemId: 'P-BIKE', qty: 2 });
		expect(a).toMatchObject({ date: '2026-12-07', basis: 'stock' });
		expect(a.reasons.map((r) => r.code)).toEqual(['PROMISE_NO_PLAN', 'PROMISE_STOCK']);
		expect(a.reasons[1]).toMatchObject({ params: { itemId: 'P-BIKE', qty: 2 } });
		expect(await ask({ itemId: 'P-BIKE', qty: 2, requestedDate: '2026-12-24' })).toMatchObject({ date: '2026-12-24', basis: 'stock' });
	});

	it('makes the shortfall through the BOM, bound by the preferred supplier of a component', async () => {
		// 12 bikes: 2 free, make 10 from T-2 (and on a working day: WC-ASSY is their work centre). 6 frames
		// (4 free) from the bikes' start less 3 days need 14.4 steel (20 % scrap allowance), bought in a day. 20 wheels come from S-1
		// in 6 days by the bikes' start. T = 7 (Monday) fails: the bikes are made on Friday, the wheels
		// are not there. T = 8: bikes from Sunday (made Monday), frames from Thursday, steel ordered Wednesday.
		const a = await ask({ itemId: 'P-BIKE', qty: 12 });
		expect(a).toMatchObject({ date: '2026-12-15', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toEqual([
			'no plan has run yet: the date comes from stock on hand and lead times',
			'component P-WHEEL lead time 6 days from supplier S-1',
			'P-BIKE free stock 2',
			'make 10 P-BIKE from 12-13 (lead time 2 days)',
			'P-FRAME free stock 4',
			'make 6 P-FRAME from 12-10 (lead time 3 days)',
			'buy 14.4 P-STEEL by 12-09 (lead time 1 day)',
			'buy 20 P-WHEEL by 12-07 (lead time 6 days from supplier S-1)'
		]);
	});

	it("waits for room at a work centre that open orders fill", async () => {
		// 10 kits need 360 minutes at WC-ASSY: full Monday to Wednesday, so made Thursday, there Friday.
		const a = await ask({ itemId: 'P-KIT', qty: 10 });
		expect(a).toMatchObject({ date: '2026-12-11', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toEqual([
			'no plan has run yet: the date comes from stock on hand and lead times',
			'WC-ASSY full until 12-09',
			'WC-ASSY has room for the 360 min of P-KIT only by 12-11',
			'make 10 P-KIT from 12-10 (lead time 1 day)'
		]);
	});

	it('answers several requests read together as each alone, sharing one work centre, and refuses an unknown item by its index', async () => {
		const requests = [
			{ itemId: 'P-KIT', qty: 10 },
			{ itemId: 'P-BIKE', qty: 12 },
			{ itemId: 'P-KIT', qty: 2, requestedDate: '2026-12-20' },
			{ itemId: 'P-BIKE', qty: 30 }
		];
		const together = await answerPromises(t.rt.db, requests, now, 'Asia/Shanghai');
		const alone = [];
		for (const r of requests) alone.push(await ask(r));
		expect(together).toEqual(alone);
		const err = (await answerPromises(t.rt.db, [{ itemId: 'P-KIT', qty: 1 }, { itemId: 'NOPE', qty: 1 }], now, 'Asia/Shanghai').then(() => null, (e: unknown) => e)) as AppError;
		expect((err.details.issues as { index: number; path: string; code: string }[])[0]).toMatchObject({ index: 1, path: 'itemId', code: 'ERR_UNKNOWN_ITEM' });
	});

	it('answers 400 naming the field for an unknown item or a bad quantity', async () => {
		const refusal = async (body: unknown) => {
			const err = (await ask(body).then(() => null, (e: unknown) => e)) as AppError;
			expect(err).toBeInstanceOf(AppError);
			return { status: err.status, issues: (err.details.issues as { path: string; code: string }[]).map((i) => [i.path, i.code]) };
		};
		expect(await refusal({ itemId: 'NOPE', qty: 1 })).toEqual({ status: 400, issues: [['itemId', 'ERR_UNKNOWN_ITEM']] });
		expect(await refusal({ itemId: 'P-BIKE', qty: 0 })).toEqual({ status: 400, issues: [['qty', 'ERR_NOT_POSITIVE']] });
		expect(await refusal({ itemId: 'P-BIKE', qty: '3' })).toEqual({ status: 400, issues: [['qty', 'ERR_NOT_A_NUMBER']] });
		expect(await refusal({ itemId: 'P-BIKE', qty: 3, requestedDate: '12/20' })).toEqual({ status: 400, issues: [['requestedDate', 'ERR_INVALID_DATE']] });
		expect(await refusal({ qty: 3 })).toEqual({ status: 400, issues: [['itemId', 'ERR_REQUIRED']] });
	});
});
