import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMasterData } from '../../support/events.ts';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt);
});
afterAll(async () => t?.close());

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

async function row<T>(sql: string, params: unknown[]): Promise<T | undefined> {
	return (await t.rt.db.query<T>(sql, params)).rows[0];
}

describe(`projections of the fixed event types (${backendLabel})`, () => {
	it('projects an item with all its fields', async () => {
		const e = ev.item({ itemId: 'P-100', safetyStock: 20, lotSizing: { rule: 'FOQ', qty: 50 } });
		await append([e]);
		expect(
			await row(
				`select item_id, name, kind, uom, unit_cost::float8 as unit_cost, make_or_buy, lead_time_days::float8 as lead,
				safety_stock::float8 as safety_stock, lot_sizing from items where item_id = $1`,
				['P-100']
			)
		).toEqual({
			item_id: 'P-100',
			name: e.data.name,
			kind: 'product',
			uom: 'pcs',
			unit_cost: 120.5,
			make_or_buy: 'make',
			lead: 3,
			safety_stock: 20,
			lot_sizing: { rule: 'FOQ', qty: 50 }
		});
	});

	it('keeps the item state of the latest business time, whatever the arrival order', async () => {
		const newer = ev.item({ itemId: 'P-200', name: 'new name' }, { occurredAt: '2026-11-20T10:00:00+08:00' });
		const older = ev.item({ itemId: 'P-200', name: 'old name' }, { occurredAt: '2026-11-20T09:00:00+08:00' });
		await append([newer]);
		await append([older]);
		expect(await row('select name from items where item_id = $1', ['P-200'])).toEqual({ name: 'new name' });
		// and inside one batch
		const a = ev.customer({ customerId: 'C-LWW', name: 'second' }, { occurredAt: '2026-11-21T10:00:00Z' });
		const b = ev.customer({ customerId: 'C-LWW', name: 'first' }, { occurredAt: '2026-11-21T09:00:00Z' });
		await append([a, b]);
		expect(await row('select name from customers where customer_id = $1', ['C-LWW'])).toEqual({ name: 'second' });
	});

	it('projects suppliers', async () => {
		await append([ev.supplier({ supplierId: 'S-9', name: '苏州精密' })]);
		expect(await row('select name from suppliers where supplier_id = $1', ['S-9'])).toEqual({ name: '苏州精密' });
	});

	it('changes existing customers and suppliers by business time, beside the orders of the same batch', async () => {
		const at = (h: number) => ({ occurredAt: `2026-11-22T${String(h).padStart(2, '0')}:00:00Z` });
		// New ones with an order naming them in the same batch: they exist before the order's guard runs.
		await append([
			ev.customer({ customerId: 'C-CHG', name: 'v1' }, at(8)),
			ev.supplier({ supplierId: 'S-CHG', name: 'v1' }, at(8)),
			ev.salesOrder({ orderId: 'SO-CHG', customerId: 'C-CHG' }, at(9)),
			ev.purchaseOrder({ poId: 'PO-CHG', supplierId: 'S-CHG' }, at(9))
		]);
		// A change and an older version in one batch, then an older one alone: the latest stays.
		await append([
			ev.customer({ customerId: 'C-CHG', name: 'v3', phone: '021-555' }, at(12)),
			ev.customer({ customerId: 'C-CHG', name: 'v2' }, at(10)),
			ev.supplier({ supplierId: 'S-CHG', name: 'v3' }, at(12)),
			ev.salesOrder({ orderId: 'SO-CHG2', customerId: 'C-CHG' }, at(12))
		]);
		await append([ev.customer({ customerId: 'C-CHG', name: 'v0' }, at(7)), ev.supplier({ supplierId: 'S-CHG', name: 'v2' }, at(11))]);
		expect(await row('select name, phone from customers where customer_id = $1', ['C-CHG'])).toEqual({ name: 'v3', phone: '021-555' });
		expect(await row('select name from suppliers where supplier_id = $1', ['S-CHG'])).toEqual({ name: 'v3' });
		expect(await row('select count(*)::int as n from sales_orders where customer_id = $1', ['C-CHG'])).toEqual({ n: 2 });
	});

	it('projects sales order lines and adds up partial shipments', async () => {
		const so = ev.salesOrder({
			orderId: 'SO-1',
			customerId: 'C-1',
			lines: [
				{ lineId: '10', itemId: 'P-100', qty: 5, requestedDate: '2026-12-01', priority: 2 },
				{ lineId: '20', itemId: 'P-200', qty: 3, requestedDate: '2026-12-03' }
			]
		});
		const opening = { ...ev.extension(), type: 'stock.adjusted', data: { itemId: 'P-100', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' } };
		await append([opening]);
		await append([so, ev.shipment({ orderId: 'SO-1', lineId: '10', qty: 2 })]);
		await append([ev.shipment({ orderId: 'SO-1', lineId: '10', qty: 3 }, { occurredAt: '2026-11-28T15:00:00+08:00' })]);
		const lines = (
			await t.rt.db.query(
				`select line_id, item_id, qty::float8 as qty, to_char(requested_date, 'YYYY-MM-DD') as requested, priority,
				shipped_qty::float8 as shipped, last_shipped_at from sales_order_lines where order_id = 'SO-1' order by line_id`
			)
		).rows;
		expect(lines.map(({ last_shipped_at, ...r }) => r)).toEqual([
			{ line_id: '10', item_id: 'P-100', qty: 5, requested: '2026-12-01', priority: 2, shipped: 5 },
			{ line_id: '20', item_id: 'P-200', qty: 3, requested: '2026-12-03', priority: 5, shipped: 0 }
		]);
		expect(new Date(lines[0].last_shipped_at as string).toISOString()).toBe('2026-11-28T07:00:00.000Z');
		expect(await row('select customer_id from sales_orders where order_id = $1', ['SO-1'])).toEqual({ customer_id: 'C-1' });
	});

	it('gives a re-sent order the lines of its latest version, however the versions are batched', async () => {
		const line = (lineId: string) => ({ lineId, itemId: 'P-1', qty: 1, requestedDate: '2026-12-01' });
		const scenarios: [string, (v1: RawEvent, v2: RawEvent) => RawEvent[][]][] = [
			['one batch', (v1, v2) => [[v1, v2]]],
			['older first', (v1, v2) => [[v1], [v2]]],
			['newer first', (v1, v2) => [[v2], [v1]]]
		];
		for (const [label, batches] of scenarios) {
			const orderId = 'SO-V-' + label.replace(/ /g, '');
			const v1 = ev.salesOrder({ orderId, lines: [line('10'), line('20')] }, { occurredAt: '2026-11-20T08:00:00Z' });
			const v2 = ev.salesOrder({ orderId, lines: [line('10')] }, { occurredAt: '2026-11-20T09:00:00Z' });
			for (const b of batches(v1, v2)) await append(b);
			const lines = (await t.rt.db.query<{ line_id: string }>('select line_id from sales_order_lines where order_id = $1 order by line_id', [orderId])).rows;
			expect(lines.map((l) => l.line_id), label).toEqual(['10']);
		}
	});

	it('keeps a dropped line that goods were already shipped against', async () => {
		const line = (lineId: string) => ({ lineId, itemId: 'P-1', qty: 5, requestedDate: '2026-12-01' });
		await append([ev.salesOrder({ orderId: 'SO-KEEP', lines: [line('1'), line('2')] }, { occurredAt: '2026-11-20T08:00:00Z' })]);
		await append([ev.shipment({ orderId: 'SO-KEEP', lineId: '2', qty: 1 })]);
		await append([ev.salesOrder({ orderId: 'SO-KEEP', lines: [line('1')] }, { occurredAt: '2026-11-20T09:00:00Z' })]);
		const lines = (await t.rt.db.query<{ line_id: string }>('select line_id from sales_order_lines where order_id = $1 order by line_id', ['SO-KEEP'])).rows;
		expect(lines.map((l) => l.line_id)).toEqual(['1', '2']);
	});

	it('gives a re-sent purchase order the lines of its latest version', async () => {
		const line = (lineId: string) => ({ lineId, itemId: 'M-1', qty: 1, unitPrice: 1, expectedDate: '2026-12-01' });
		await append([ev.purchaseOrder({ poId: 'PO-V', lines: [line('1'), line('2')] }, { occurredAt: '2026-11-20T08:00:00Z' })]);
		await append([ev.purchaseOrder({ poId: 'PO-V', lines: [line('2')] }, { occurredAt: '2026-11-20T09:00:00Z' })]);
		const lines = (await t.rt.db.query<{ line_id: string }>('select line_id from purchase_order_lines where po_id = $1', ['PO-V'])).rows;
		expect(lines.map((l) => l.line_id)).toEqual(['2']);
	});

	it('keeps a shipment that arrives before its order', async () => {
		await append([ev.shipment({ orderId: 'SO-EARLY', lineId: '1', qty: 4 })]);
		await append([
			ev.salesOrder({ orderId: 'SO-EARLY', lines: [{ lineId: '1', itemId: 'P-1', qty: 10, requestedDate: '2026-12-10' }] })
		]);
		expect(
			await row('select item_id, qty::float8 as qty, shipped_qty::float8 as shipped from sales_order_lines where order_id = $1', ['SO-EARLY'])
		).toEqual({ item_id: 'P-1', qty: 10, shipped: 4 });
	});

	it('projects purchase order lines and adds up receipts, also out of order', async () => {
		await append([ev.receipt({ poId: 'PO-7', lineId: '1', qty: 30 })]);
		await append([
			ev.purchaseOrder({
				poId: 'PO-7',
				supplierId: 'S-9',
				lines: [{ lineId: '1', itemId: 'M-1', qty: 100, unitPrice: 2.5, expectedDate: '2026-12-05' }]
			}),
			ev.receipt({ poId: 'PO-7', lineId: '1', qty: 20 })
		]);
		expect(
			await row(
				`select item_id, qty::float8 as qty, unit_price::float8 as price, to_char(expected_date, 'YYYY-MM-DD') as expected,
				received_qty::float8 as received from purchase_order_lines where po_id = $1`,
				['PO-7']
			)
		).toEqual({ item_id: 'M-1', qty: 100, price: 2.5, expected: '2026-12-05', received: 50 });
		expect(await row('select supplier_id from purchase_orders where po_id = $1', ['PO-7'])).toEqual({ supplier_id: 'S-9' });
	});

	it('applies a duplicate shipment or receipt once', async () => {
		await append([ev.salesOrder({ orderId: 'SO-DUP', lines: [{ lineId: '1', itemId: 'P', qty: 9, requestedDate: '2026-12-01' }] })]);
		const s = ev.shipment({ orderId: 'SO-DUP', lineId: '1', qty: 2 });
		await append([s]);
		await append([s, s]);
		expect(await row('select shipped_qty::float8 as shipped from sales_order_lines where order_id = $1', ['SO-DUP'])).toEqual({ shipped: 2 });
	});

	it('records production reports with good and scrap quantities', async () => {
		await append([
			ev.production({ productionOrderId: 'MO-5', workCenterId: 'WC-A', goodQty: 8, scrapQty: 2 }),
			ev.production({ productionOrderId: 'MO-5', goodQty: 4, scrapQty: undefined, workCenterId: undefined })
		]);
		expect(
			await row(
				`select sum(good_qty)::float8 as good, sum(scrap_qty)::float8 as scrap, count(work_center_id)::int as with_wc
				from production_reports where production_order_id = $1`,
				['MO-5']
			)
		).toEqual({ good: 12, scrap: 2, with_wc: 1 });
	});

	it('keeps event counts per type', async () => {
		const before = await row<{ n: number }>("select n::int as n from event_counts where type = 'supplier.upserted'", []);
		await append([ev.supplier(), ev.supplier()]);
		const after = await row<{ n: number }>("select n::int as n from event_counts where type = 'supplier.upserted'", []);
		expect(after!.n - (before?.n ?? 0)).toBe(2);
	});
});
