// An order entered with promised dates (the new-order form taking the proposed date): the order and
// its promises are one transaction — both are stored, or, when either is refused, neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { executeAll, execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, promiseSalesOrder } from '../../../server/sales/commands.ts';
import { getSalesOrder } from '../../../server/sales/queries.ts';
import { AppError } from '../../../server/errors.ts';
import { promiseLinesInput, promisePathOnLines } from '../../../src/lib/components/sales/order-form.ts';

let t: TestRuntime;
const sales: Actor = { kind: 'user', id: 's', name: 'user:li.sales', roles: ['sales'] };
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveItem, { itemId: 'O-BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '客户一' }, admin);
});
afterAll(async () => t?.close());

const line = (itemId: string, promisedDate = '') => ({ itemId, qty: '2', unitPrice: '', requestedDate: '2026-12-20', priority: '', promisedDate });

function enter(orderId: string, lines: ReturnType<typeof line>[]) {
	const values = { orderId, customerId: 'C-1', currency: '', lines };
	const promised = promiseLinesInput(values)!;
	const input = {
		orderId,
		customerId: 'C-1',
		lines: lines.map((l, i) => ({ lineId: String(i + 1), itemId: l.itemId, qty: 2, requestedDate: l.requestedDate }))
	};
	return executeAll(
		t.rt,
		[
			{ command: createSalesOrder, input },
			{ command: promiseSalesOrder, input: promised.input, path: (p) => promisePathOnLines(p, promised.sent) }
		],
		sales
	);
}

describe(`an order entered with promised dates (${backendLabel})`, () => {
	it('stores the order and the promises of the lines that carry one', async () => {
		const results = await enter('SO-P1', [line('O-BIKE', '2026-12-18'), line('O-BIKE'), line('O-BIKE', '2026-12-22')]);
		expect(results).toEqual([{ orderId: 'SO-P1' }, { orderId: 'SO-P1' }]);
		const order = await getSalesOrder(t.rt.db, 'SO-P1', '2026-12-07');
		expect(order!.lines.map((l) => [l.lineId, l.promisedDate])).toEqual([
			['1', '2026-12-18'],
			['2', null],
			['3', '2026-12-22']
		]);
		expect(order!.history.map((e) => e.type).sort()).toEqual(['sales_order.created', 'sales_order.promised']);
	});

	it('stores nothing when the order is refused, and names the line of a bad promised date', async () => {
		const refused = async (p: Promise<unknown>) => {
			const err = (await p.then(() => null, (e: unknown) => e)) as AppError;
			expect(err).toBeInstanceOf(AppError);
			return (err.details.issues as { index: number; path: string; code: string }[]).map((i) => [i.index, i.path, i.code]);
		};
		// The second line's promised date is the bad one: the promise's own line 0 is the form's line 1.
		expect(await refused(enter('SO-P2', [line('O-BIKE'), line('O-BIKE', '2026-13-01')]))).toEqual([[1, 'lines.1.promisedDate', 'ERR_INVALID_DATE']]);
		expect(await refused(enter('SO-P3', [line('NO-SUCH', '2026-12-18')]))).toEqual([[0, 'lines.0.itemId', 'ERR_UNKNOWN_ITEM']]);
		// Refused inside the transaction, after the order was written: the order goes too.
		const input = { orderId: 'SO-P4', customerId: 'C-1', lines: [{ lineId: '1', itemId: 'O-BIKE', qty: 1, requestedDate: '2026-12-20' }] };
		const promise = { orderId: 'SO-P4', lines: [{ lineId: '9', promisedDate: '2026-12-18' }] };
		expect(await refused(executeAll(t.rt, [{ command: createSalesOrder, input }, { command: promiseSalesOrder, input: promise }], sales))).toEqual([
			[1, 'lines.0.lineId', 'ERR_SO_UNKNOWN_LINE']
		]);
		const stored = await t.rt.db.query(`select order_id from sales_orders where order_id in ('SO-P2', 'SO-P3', 'SO-P4')`);
		expect(stored.rowCount).toBe(0);
	});
});
