// Promise dates from the stored plan: what a plan run leaves free — stock nobody needs, an open purchase
// order line beyond its demand, a planned order's lot-size surplus — is available to promise from the
// day it is free (ATP); a component's free supply shortens what has to be made (CTP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { placePurchaseOrder } from '../../../server/purchasing/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { answerPromise } from '../../../server/planning/promise.queries.ts';

// Monday 2026-12-07 in the factory: day 0 of the plan and of every promise.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;
const ask = (body: unknown) => answerPromise(t.rt.db, body, NOW, 'Asia/Shanghai');
const item = (itemId: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number, more: Record<string, unknown> = {}) =>
	execute(t.rt, saveItem, { itemId, name: itemId, kind: makeOrBuy === 'buy' ? 'material' : 'product', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays, ...more }, admin);

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	await item('A-TUBE', 'buy', 10);
	await item('A-BIKE', 'make', 2);
	await item('A-WHEEL', 'buy', 2, { lotSizing: { rule: 'FOQ', qty: 50 } });
	await item('A-BOLT', 'buy', 5);
	await execute(t.rt, replaceBom, { parentItemId: 'A-BIKE', lines: [{ childItemId: 'A-TUBE', qtyPer: 1 }] }, admin);
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '客户一' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-1', name: 'Tubes' }, admin);
	// 100 tubes arrive on 12-10 for an order of 20: 80 are free from 12-10.
	await execute(t.rt, placePurchaseOrder, { poId: 'PO-A', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'A-TUBE', qty: 100, unitPrice: 1, expectedDate: '2026-12-10' }] }, admin);
	// 10 wheels on 12-20 come as a lot of 50: 40 are free from 12-20. 10 bolts in stock, nobody needs them.
	await execute(
		t.rt,
		createSalesOrder,
		{
			orderId: 'SO-A',
			customerId: 'C-1',
			lines: [
				{ lineId: '1', itemId: 'A-TUBE', qty: 20, requestedDate: '2026-12-20' },
				{ lineId: '2', itemId: 'A-WHEEL', qty: 10, requestedDate: '2026-12-20' }
			]
		},
		admin
	);
	await execute(t.rt, adjustStock, { itemId: 'A-BOLT', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' }, admin);
	await t.rt.planning.regenerate('test');
}, 120_000);
afterAll(async () => t?.close());

describe(`promise dates from the stored plan (${backendLabel})`, () => {
	it('promises today from stock the plan leaves free, without the no-plan reason', async () => {
		const a = await ask({ itemId: 'A-BOLT', qty: 5 });
		expect(a).toMatchObject({ date: '2026-12-07', basis: 'stock' });
		expect(a.reasons.map((r) => r.message)).toEqual(['A-BOLT free stock 10']);
	});

	it('promises from an open purchase order line beyond its demand (ATP)', async () => {
		const a = await ask({ itemId: 'A-TUBE', qty: 50 });
		expect(a).toMatchObject({ date: '2026-12-10', basis: 'atp' });
		expect(a.reasons).toEqual([
			expect.objectContaining({ code: 'PROMISE_FREE', message: 'A-TUBE free 80 on 12-10 (purchase order PO-A)', ref: { kind: 'purchase_order', id: 'PO-A', lineId: '1' } })
		]);
		// 90 is more than is free: the 10 short are bought in 10 days.
		expect(await ask({ itemId: 'A-TUBE', qty: 90 })).toMatchObject({ date: '2026-12-17', basis: 'ctp' });
	});

	it("promises from a planned order's lot-size surplus when the requested date allows", async () => {
		const a = await ask({ itemId: 'A-WHEEL', qty: 30, requestedDate: '2026-12-24' });
		expect(a).toMatchObject({ date: '2026-12-24', basis: 'atp' });
		expect(a.reasons[0]).toMatchObject({ code: 'PROMISE_FREE', params: { itemId: 'A-WHEEL', qty: 40, date: '2026-12-20', supply: 'planned_order' } });
		// Sooner than the surplus: buy them in 2 days.
		expect(await ask({ itemId: 'A-WHEEL', qty: 30 })).toMatchObject({ date: '2026-12-09', basis: 'ctp' });
	});

	it("makes from a component's free supply (CTP)", async () => {
		// 30 bikes need 30 tubes: free from 12-10, made in 2 days → 12-12.
		const a = await ask({ itemId: 'A-BIKE', qty: 30 });
		expect(a).toMatchObject({ date: '2026-12-12', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toContain('A-TUBE free 80 on 12-10 (purchase order PO-A)');
	});
});
