// Money on orders and how to reach partners: sales order lines carry a unit price (given, else the
// customer's agreed price, else the item's list price) in the order's currency; orders and purchase
// orders add up their lines; customers and suppliers keep contacts and payment terms. Old events
// without any of it stay valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { CommandRejected, execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { getPartnerRecord } from '../../../server/masterdata/partner-queries.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder } from '../../../server/sales/commands.ts';
import { removeCustomerPrice, saveCustomerPrice } from '../../../server/sales/customer-price.commands.ts';
import { listCustomerPrices } from '../../../server/sales/customer-prices.queries.ts';
import { getSalesOrder } from '../../../server/sales/queries.ts';
import { listOrders } from '../../../server/sales/order-list.queries.ts';
import { placePurchaseOrder } from '../../../server/purchasing/commands.ts';
import { getPurchaseOrder } from '../../../server/purchasing/purchase-order.queries.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { importKind } from '../../../server/import/kinds.ts';
import { readSheet } from '../../../server/import/sheet.ts';
import { runImport } from '../../../server/import/run.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:li.sales', roles: ['sales'] };
const buyer: Actor = { kind: 'user', id: 'b', name: 'user:zhou.buyer', roles: ['purchasing'] };
const DUE = '2027-03-01';

const item = (itemId: string, listPrice?: number) => ({
	itemId,
	name: `Item ${itemId}`,
	kind: 'product',
	uom: 'pcs',
	unitCost: 10,
	makeOrBuy: 'make',
	leadTimeDays: 2,
	...(listPrice === undefined ? {} : { listPrice })
});

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveItem, item('M-PUMP', 120), admin);
	await execute(t.rt, saveItem, item('M-KNUCKLE', 80.5), admin);
	await execute(t.rt, saveItem, item('M-NOPRICE'), admin);
	await execute(t.rt, saveCustomer, { customerId: 'M-CN', name: '一汽配套' }, admin);
	await execute(t.rt, saveCustomer, { customerId: 'M-US', name: 'Detroit Parts', currency: 'usd' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'M-SUP', name: '宁波铸造' }, admin);
});
afterAll(async () => t?.close());

async function refusal(p: Promise<unknown>): Promise<{ code: string; path: string }> {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	if (e instanceof CommandRejected) return { code: e.code, path: e.path };
	if (e instanceof AppError) {
		const issue = (e.details as { issues?: { code: string; path: string }[] })?.issues?.[0];
		return { code: issue?.code ?? e.code, path: issue?.path ?? '' };
	}
	throw new Error(`expected a refusal, got ${String(e)}`);
}

const count = async (sql: string, params: unknown[] = []) => (await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`, params)).rows[0].n;

describe(`money on orders (${backendLabel})`, () => {
	it('keeps contacts, payment terms and the currency of a customer, in upper case', async () => {
		const contact = { contactPerson: '王经理', phone: '+86 571 8888 6666', email: 'wang@faw-parts.cn', address: '杭州市滨江区江南大道 1 号', paymentTerms: '月结30天' };
		await execute(t.rt, saveCustomer, { customerId: 'M-CONTACT', name: '杭州整车', ...contact, currency: 'cny' }, sales);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'M-CONTACT')).toMatchObject({ ...contact, currency: 'CNY' });
		await execute(t.rt, saveSupplier, { supplierId: 'M-SUP2', name: '苏州轴承', ...contact }, buyer);
		expect(await getPartnerRecord(t.rt.db, 'supplier', 'M-SUP2')).toMatchObject({ ...contact, currency: null });
		// A save replaces the record: a contact left out is gone.
		await execute(t.rt, saveCustomer, { customerId: 'M-CONTACT', name: '杭州整车' }, sales);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'M-CONTACT')).toMatchObject({ email: null, paymentTerms: null, currency: null });
	});

	it('refuses a bad email or currency, naming the field, and writes nothing', async () => {
		const before = await count('select count(*) from events');
		expect(await refusal(execute(t.rt, saveCustomer, { customerId: 'M-BAD', name: 'x', email: 'not-an-email' }, sales))).toEqual({ code: 'ERR_INVALID_EMAIL', path: 'email' });
		expect(await refusal(execute(t.rt, saveCustomer, { customerId: 'M-BAD', name: 'x', currency: 'RMB1' }, sales))).toEqual({ code: 'ERR_CURRENCY', path: 'currency' });
		expect(await refusal(execute(t.rt, saveSupplier, { supplierId: 'M-BAD', name: 'x', phone: '' }, buyer))).toEqual({ code: 'ERR_EMPTY', path: 'phone' });
		expect(await count('select count(*) from events')).toBe(before);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'M-BAD')).toBeNull();
	});

	it('prices lines without a price from the customer price, else the list price, and keeps a given price', async () => {
		await execute(t.rt, saveCustomerPrice, { customerId: 'M-CN', itemId: 'M-PUMP', unitPrice: 99.9 }, sales);
		const lines = [
			{ lineId: '1', itemId: 'M-PUMP', qty: 10, requestedDate: DUE },
			{ lineId: '2', itemId: 'M-KNUCKLE', qty: 4, requestedDate: DUE },
			{ lineId: '3', itemId: 'M-KNUCKLE', qty: 1, requestedDate: DUE, unitPrice: 75 },
			{ lineId: '4', itemId: 'M-NOPRICE', qty: 2, requestedDate: DUE }
		];
		await execute(t.rt, createSalesOrder, { orderId: 'M-SO-1', customerId: 'M-CN', lines }, sales);
		// The event keeps the prices as they were taken: a later price change does not move this order.
		const stored = await t.rt.db.query<{ data: { currency: string; lines: { unitPrice?: number }[] } }>(
			`select data from events where type = 'sales_order.created' and data->>'orderId' = 'M-SO-1'`
		);
		expect(stored.rows[0].data.currency).toBe('CNY');
		expect(stored.rows[0].data.lines.map((l) => l.unitPrice)).toEqual([99.9, 80.5, 75, undefined]);
		await execute(t.rt, saveCustomerPrice, { customerId: 'M-CN', itemId: 'M-PUMP', unitPrice: 150 }, sales);

		const order = (await getSalesOrder(t.rt.db, 'M-SO-1', '2026-12-07'))!;
		expect(order.currency).toBe('CNY');
		expect(order.lines.map((l) => [l.unitPrice, l.value])).toEqual([
			[99.9, 999],
			[80.5, 322],
			[75, 75],
			[null, null]
		]);
		expect(order.total).toEqual({ amount: 1396, unpriced: 1 });
	});

	it("takes only a customer price in the order's currency; list prices are in CNY", async () => {
		await execute(t.rt, saveCustomerPrice, { customerId: 'M-US', itemId: 'M-PUMP', unitPrice: 17.5, currency: 'USD' }, sales);
		const lines = [
			{ lineId: '1', itemId: 'M-PUMP', qty: 2, requestedDate: DUE },
			{ lineId: '2', itemId: 'M-KNUCKLE', qty: 2, requestedDate: DUE }
		];
		await execute(t.rt, createSalesOrder, { orderId: 'M-SO-US', customerId: 'M-US', lines }, sales);
		const us = (await getSalesOrder(t.rt.db, 'M-SO-US', '2026-12-07'))!;
		expect(us.currency).toBe('USD');
		expect(us.lines.map((l) => l.unitPrice)).toEqual([17.5, null]);
		// The same customer ordering in CNY: its USD price does not apply, the list prices do.
		await execute(t.rt, createSalesOrder, { orderId: 'M-SO-US-CNY', customerId: 'M-US', currency: 'CNY', lines }, sales);
		const cny = (await getSalesOrder(t.rt.db, 'M-SO-US-CNY', '2026-12-07'))!;
		expect(cny.lines.map((l) => l.unitPrice)).toEqual([120, 80.5]);
		expect(cny.total).toEqual({ amount: 401, unpriced: 0 });
	});

	it('changes a price with a reason; a cancelled line counts for what was shipped of it', async () => {
		await execute(t.rt, changeSalesOrder, { orderId: 'M-SO-1', reasonCode: 'CUSTOMER_REQUEST', lines: [{ lineId: '4', unitPrice: 12.345 }] }, sales);
		await execute(t.rt, cancelSalesOrder, { orderId: 'M-SO-1', lineIds: ['3'], reasonCode: 'CUSTOMER_CANCELLED' }, sales);
		const order = (await getSalesOrder(t.rt.db, 'M-SO-1', '2026-12-07'))!;
		expect(order.lines[3]).toMatchObject({ unitPrice: 12.345, value: 24.69 });
		// 999 + 322 + 0 (line 3 cancelled before shipping) + 24.69
		expect(order.total).toEqual({ amount: 1345.69, unpriced: 0 });
		const listed = await listOrders(t.rt.db, { q: 'M-SO-1', sort: 'orderId', dir: 'asc', page: 1, pageSize: 10 }, { now: new Date(), timeZone: 'Asia/Shanghai' }, { name: 'user:x', scope: null });
		expect(listed.orders.find((o) => o.orderId === 'M-SO-1')).toMatchObject({ currency: 'CNY', total: { amount: 1345.69, unpriced: 0 } });
	});

	it('withdraws a customer price: new orders fall back to the list price', async () => {
		await execute(t.rt, removeCustomerPrice, { customerId: 'M-CN', itemId: 'M-PUMP' }, sales);
		expect((await listCustomerPrices(t.rt.db, 'M-CN')).map((p) => p.itemId)).toEqual([]);
		await execute(t.rt, createSalesOrder, { orderId: 'M-SO-2', customerId: 'M-CN', lines: [{ lineId: '1', itemId: 'M-PUMP', qty: 1, requestedDate: DUE }] }, sales);
		expect((await getSalesOrder(t.rt.db, 'M-SO-2', '2026-12-07'))!.lines[0].unitPrice).toBe(120);
	});

	it('refuses a price for an unknown customer or item, and lets only sales and managers set one', async () => {
		expect(await refusal(execute(t.rt, saveCustomerPrice, { customerId: 'NOBODY', itemId: 'M-PUMP', unitPrice: 1 }, sales))).toEqual({ code: 'ERR_UNKNOWN_CUSTOMER', path: 'customerId' });
		expect(await refusal(execute(t.rt, saveCustomerPrice, { customerId: 'M-CN', itemId: 'NOTHING', unitPrice: 1 }, sales))).toEqual({ code: 'ERR_UNKNOWN_ITEM', path: 'itemId' });
		expect(await refusal(execute(t.rt, saveCustomerPrice, { customerId: 'M-CN', itemId: 'M-PUMP', unitPrice: -1 }, sales))).toEqual({ code: 'ERR_NEGATIVE', path: 'unitPrice' });
		await expect(execute(t.rt, saveCustomerPrice, { customerId: 'M-CN', itemId: 'M-PUMP', unitPrice: 1 }, buyer)).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' });
	});

	it('keeps orders that arrive without prices or currency valid: no value, counted as unpriced', async () => {
		const batch: RawEvent[] = [ev.salesOrder({ orderId: 'M-SO-OLD', customerId: 'M-CN', lines: [{ lineId: '1', itemId: 'M-PUMP', qty: 3, requestedDate: DUE }] })];
		const v = validateBatch(t.rt.catalogue, { events: batch });
		if (!v.ok) throw new Error(JSON.stringify(v.issues));
		await t.rt.append(v.events);
		const order = (await getSalesOrder(t.rt.db, 'M-SO-OLD', '2026-12-07'))!;
		expect(order.currency).toBe('CNY');
		expect(order.lines[0]).toMatchObject({ unitPrice: null, value: null });
		expect(order.total).toEqual({ amount: 0, unpriced: 1 });
	});

	it('adds up a purchase order from its lines', async () => {
		await execute(t.rt, saveItem, { ...item('M-BEARING'), makeOrBuy: 'buy', kind: 'material' }, admin);
		const lines = [
			{ lineId: '1', itemId: 'M-BEARING', qty: 3, unitPrice: 1.115, expectedDate: DUE },
			{ lineId: '2', itemId: 'M-BEARING', qty: 1000, unitPrice: 0.5, expectedDate: DUE }
		];
		await execute(t.rt, placePurchaseOrder, { poId: 'M-PO-1', supplierId: 'M-SUP', lines }, buyer);
		const po = (await getPurchaseOrder(t.rt.db, 'M-PO-1', '2026-12-07'))!;
		expect(po.lines.map((l) => l.value)).toEqual([3.35, 500]);
		expect(po.total).toEqual({ amount: 503.35, unpriced: 0 });
	});

	it('imports customers with contacts, customer prices and open orders with prices and currency', async () => {
		const csv = (lines: string[]) => readSheet(Buffer.from(lines.join('\n'), 'utf8'), 'csv');
		const customers = await csv(['客户编码,名称,联系人,电话,电子邮箱,地址,付款条件,币种', 'M-IMP,进口客户,张三,021-5555,zhang@imp.cn,上海,预付50%,eur']);
		expect((await runImport(t.rt, importKind('customers')!, customers, admin, true)).issues).toEqual([]);
		expect(await getPartnerRecord(t.rt.db, 'customer', 'M-IMP')).toMatchObject({ contactPerson: '张三', email: 'zhang@imp.cn', paymentTerms: '预付50%', currency: 'EUR' });

		const prices = await csv(['Customer code,Item code,Unit price,Currency', 'M-IMP,M-PUMP,14,EUR']);
		expect((await runImport(t.rt, importKind('customer-prices')!, prices, admin, true)).issues).toEqual([]);

		const orders = await csv([
			'Order,Customer code,Line,Item code,Qty,Requested date,Unit price',
			`M-SO-IMP,M-IMP,1,M-PUMP,5,${DUE},`,
			`M-SO-IMP,M-IMP,2,M-KNUCKLE,1,${DUE},9.5`
		]);
		expect((await runImport(t.rt, importKind('open-orders')!, orders, admin, true)).issues).toEqual([]);
		const order = (await getSalesOrder(t.rt.db, 'M-SO-IMP', '2026-12-07'))!;
		expect(order.currency).toBe('EUR');
		expect(order.lines.map((l) => l.unitPrice)).toEqual([14, 9.5]);

		const bad = await csv(['客户编码,名称,电子邮箱', 'M-IMP2,坏邮箱,nope']);
		const preview = await runImport(t.rt, importKind('customers')!, bad, admin, true);
		expect(preview.committed).toBe(false);
		expect(JSON.stringify(preview)).toContain('ERR_INVALID_EMAIL');
		expect(await getPartnerRecord(t.rt.db, 'customer', 'M-IMP2')).toBeNull();
	});
});
