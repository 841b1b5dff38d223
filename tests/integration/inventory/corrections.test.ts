// Corrections instead of dead ends: a mistaken shipment or goods receipt is reversed by an event that
// names it, with a reason; the line and the stock end exactly as if it had never been, the original
// stays in the log, and the same rules hold through the commands and through ingest.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import type { RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, reverseShipment, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { placePurchaseOrder, receiveGoods, recordInspection, reverseInspection, reverseReceipt } from '../../../server/purchasing/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { replaceBom } from '../../../server/masterdata/commands.ts';
import { completeProductionOrder, createProductionOrder, releaseProductionOrder, reportProduction, reverseProductionReport } from '../../../server/production/commands.ts';
import { stockMovements } from '../../../server/inventory/queries.ts';
import { AppError } from '../../../server/errors.ts';
import { compactKpis } from '../../../server/kpi/compaction.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const warehouse: Actor = { kind: 'user', id: 'w', name: 'user:zhao.wh', roles: ['warehouse'] };
const quality: Actor = { kind: 'user', id: 'q', name: 'user:qian.qc', roles: ['quality'] };
const operator: Actor = { kind: 'user', id: 'o', name: 'user:wu.op', roles: ['production'] };

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-1', name: '宁波供应商' }, admin);
	await execute(t.rt, saveItem, { itemId: 'BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 }, admin);
	await execute(t.rt, saveItem, { itemId: 'BOLT', name: 'Bolt', kind: 'material', uom: 'pcs', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 5 }, admin);
	await execute(t.rt, adjustStock, { itemId: 'BIKE', locationId: 'MAIN', qty: 50, reasonCode: 'OPENING' }, admin);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 20, requestedDate: '2026-12-20' }] }, admin);
	await execute(t.rt, saveItem, { itemId: 'CASE', name: 'Case', kind: 'product', uom: 'pcs', unitCost: 30, makeOrBuy: 'make', leadTimeDays: 1, backflush: 'operation' }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'CASE', lines: [{ childItemId: 'BOLT', qtyPer: 2 }] }, admin);
	await execute(t.rt, adjustStock, { itemId: 'BOLT', locationId: 'MAIN', qty: 500, reasonCode: 'OPENING' }, admin);
	await execute(t.rt, placePurchaseOrder, { poId: 'PO-1', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'BOLT', qty: 100, unitPrice: 2, expectedDate: '2026-12-20' }] }, admin);
}, 60_000);
afterAll(async () => t?.close());

async function refusal(p: Promise<unknown>): Promise<{ status: number; path: string; code?: string }> {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path ?? '', code: issue?.code };
}

/** The id of the newest event of `type` about this order (or purchase order) and line. */
async function newest(type: string, key: 'orderId' | 'poId', id: string, lineId: string): Promise<string> {
	const r = await t.rt.db.query<{ id: string }>(
		`select id::text as id from events where type = $1 and data->>$2 = $3 and data->>'lineId' = $4 order by seq desc limit 1`,
		[type, key, id, lineId]
	);
	return r.rows[0].id;
}

async function facts() {
	const q = async (sql: string) => (await t.rt.db.query<Record<string, unknown>>(sql)).rows;
	return {
		lines: await q(`select order_id, line_id, shipped_qty::float8 as shipped, last_shipped_at from sales_order_lines order by 1, 2`),
		orders: await q(`select order_id, open_lines, open_due, earliest_due from sales_orders order by 1`),
		poLines: await q(
			`select po_id, line_id, received_qty::float8 as received, (accepted_qty + rejected_qty)::float8 as inspected, last_received_at from purchase_order_lines order by 1, 2`
		),
		pos: await q(`select po_id, received_qty::float8 as received, open_lines, waiting_lines from purchase_orders order by 1`),
		// A location emptied again keeps its row at zero: no stock either way.
		stock: await q(`select item_id, location_id, on_hand::float8 as on_hand from stock where on_hand <> 0 order by 1, 2`),
		production: await q(`select production_order_id, status, good_qty::float8 as good, scrap_qty::float8 as scrap from production_orders order by 1`),
		reports: await q(`select event_id::text, good_qty::float8 as good from production_reports order by 1`)
	};
}

async function ingest(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

const event = (type: string, data: Record<string, unknown>): RawEvent => ({ id: randomUUID(), type, occurredAt: new Date().toISOString(), source: 'erp', data });

describe(`corrections of shipments and receipts (${backendLabel})`, () => {
	it('takes a shipment back: the line owes it again, the goods return, the history keeps both', async () => {
		const before = await facts();
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '10', qty: 7 }, warehouse);
		const shipmentId = await newest('shipment.shipped', 'orderId', 'SO-1', '10');
		expect(await refusal(execute(t.rt, reverseShipment, { shipmentId, reasonCode: 'NOPE' }, warehouse))).toMatchObject({ path: 'reasonCode', code: 'ERR_UNKNOWN_REASON' });
		const r = await execute(t.rt, reverseShipment, { shipmentId, reasonCode: 'WRONG_QTY', note: '多录了' }, warehouse);
		expect(r).toEqual({ orderId: 'SO-1', lineId: '10', shippedQty: 0 });
		expect(await facts()).toEqual(before);
		expect(await refusal(execute(t.rt, reverseShipment, { shipmentId, reasonCode: 'WRONG_QTY' }, warehouse))).toMatchObject({ status: 409, path: 'shipmentId', code: 'ERR_ALREADY_REVERSED' });
		expect(await refusal(execute(t.rt, reverseShipment, { shipmentId: randomUUID(), reasonCode: 'WRONG_QTY' }, warehouse))).toMatchObject({ path: 'shipmentId', code: 'ERR_REVERSAL_NOT_FOUND' });
		// The item's movement history shows the shipment and its correction.
		const moves = (await stockMovements(t.rt.db, 'BIKE', { page: 1, pageSize: 10 })).movements.map((m) => [m.kind, m.moves]);
		expect(moves.slice(0, 2)).toEqual([
			['shipment_reversal', [{ locationId: 'MAIN', qty: 7 }]],
			['shipment', [{ locationId: 'MAIN', qty: -7 }]]
		]);
	});

	it('takes a receipt back only while its goods wait for inspection', async () => {
		await execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '1', qty: 30 }, warehouse);
		const first = await newest('goods.received', 'poId', 'PO-1', '1');
		await execute(t.rt, recordInspection, { poId: 'PO-1', lineId: '1', acceptedQty: 25, rejectedQty: 0 }, quality);
		// 5 of the 30 wait: the receipt of 30 cannot be taken back.
		expect(await refusal(execute(t.rt, reverseReceipt, { receiptId: first, reasonCode: 'WRONG_QTY' }, warehouse))).toMatchObject({ path: 'qty', code: 'ERR_RECEIPT_INSPECTED' });
		const before = await facts();
		await execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '1', qty: 12 }, warehouse);
		const second = await newest('goods.received', 'poId', 'PO-1', '1');
		// A shipment's id is no receipt.
		const shipment = await newest('shipment.shipped', 'orderId', 'SO-1', '10');
		expect(await refusal(execute(t.rt, reverseReceipt, { receiptId: shipment, reasonCode: 'WRONG_QTY' }, warehouse))).toMatchObject({ path: 'receiptId', code: 'ERR_REVERSAL_NOT_FOUND' });
		expect(await execute(t.rt, reverseReceipt, { receiptId: second, reasonCode: 'DUPLICATE_ENTRY' }, warehouse)).toEqual({ poId: 'PO-1', lineId: '1', receivedQty: 30 });
		expect(await facts()).toEqual(before);
	});

	it('takes an inspection back: its goods wait in QC again, unless the accepted ones were used since', async () => {
		await execute(t.rt, placePurchaseOrder, { poId: 'PO-2', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'BOLT', qty: 50, unitPrice: 2, expectedDate: '2026-12-20' }] }, admin);
		await execute(t.rt, receiveGoods, { poId: 'PO-2', lineId: '1', qty: 40 }, warehouse);
		const before = await facts();
		await execute(t.rt, recordInspection, { poId: 'PO-2', lineId: '1', acceptedQty: 30, rejectedQty: 10, reasonCode: 'MATERIAL_DEFECT' }, quality);
		const inspectionId = await newest('inspection.recorded', 'poId', 'PO-2', '1');
		// Through ingest, a correction that does not repeat the inspection is refused and nothing stored.
		const err = (await ingest([event('inspection.reversed', { inspectionId, poId: 'PO-2', lineId: '1', acceptedQty: 30, rejectedQty: 0, reasonCode: 'WRONG_QTY' })]).then(
			() => null,
			(e) => e
		)) as { code: string; path: string } | null;
		expect({ code: err?.code, path: err?.path }).toEqual({ code: 'ERR_REVERSAL_MISMATCH', path: 'data.rejectedQty' });
		expect(await execute(t.rt, reverseInspection, { inspectionId, reasonCode: 'WRONG_QTY' }, quality)).toEqual({ poId: 'PO-2', lineId: '1' });
		expect(await facts()).toEqual(before);
		// Inspected again, and the accepted goods used: that inspection can no longer be taken back.
		await execute(t.rt, recordInspection, { poId: 'PO-2', lineId: '1', acceptedQty: 40, rejectedQty: 0 }, quality);
		const again = await newest('inspection.recorded', 'poId', 'PO-2', '1');
		const main = (await facts()).stock.find((s) => s.item_id === 'BOLT' && s.location_id === 'MAIN')!.on_hand as number;
		await execute(t.rt, adjustStock, { itemId: 'BOLT', locationId: 'MAIN', qty: -(main - 10), reasonCode: 'COUNT' }, admin);
		expect(await refusal(execute(t.rt, reverseInspection, { inspectionId: again, reasonCode: 'WRONG_QTY' }, quality))).toMatchObject({ path: 'acceptedQty', code: 'ERR_STOCK_NEGATIVE' });
		await execute(t.rt, adjustStock, { itemId: 'BOLT', locationId: 'MAIN', qty: main - 10, reasonCode: 'COUNT' }, admin);
	});

	it('takes a production report back while the order is open: quantities leave the order, backflushed components return', async () => {
		await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-1', itemId: 'CASE', qty: 2, dueDate: '2026-12-20' }, admin);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-1' }, admin);
		const order = async () =>
			(await t.rt.db.query(`select status, good_qty::float8 as good, scrap_qty::float8 as scrap from production_orders where production_order_id = 'MO-1'`)).rows[0];
		const reports = async () => (await t.rt.db.query<{ n: number }>(`select count(*)::int as n from production_reports where production_order_id = 'MO-1'`)).rows[0].n;
		const before = { facts: await facts(), reports: await reports() };
		// An over-report of 5 on an order of 2 needs a reason (the item allows no more than its quantity)…
		expect(await refusal(execute(t.rt, reportProduction, { productionOrderId: 'MO-1', goodQty: 5 }, operator))).toMatchObject({ path: 'goodQty', code: 'ERR_MO_OVER_PRODUCTION' });
		expect(await refusal(execute(t.rt, reportProduction, { productionOrderId: 'MO-1', goodQty: 5, overProductionReason: 'NOPE' }, operator))).toMatchObject({
			path: 'overProductionReason',
			code: 'ERR_UNKNOWN_REASON'
		});
		// …and given one by mistake (it was 2 after all), 10 bolts were backflushed.
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-1', goodQty: 5, overProductionReason: 'BATCH_SIZE' }, operator);
		const reportId = (await t.rt.db.query<{ id: string }>(`select id::text as id from events where type = 'production.reported' order by seq desc limit 1`)).rows[0].id;
		expect(await order()).toMatchObject({ status: 'in_progress', good: 5 });
		expect(await execute(t.rt, reverseProductionReport, { reportId, reasonCode: 'WRONG_QTY' }, operator)).toEqual({ productionOrderId: 'MO-1', goodQty: 0 });
		expect(await order()).toMatchObject({ good: 0, scrap: 0 });
		expect({ facts: await facts(), reports: await reports() }).toEqual(before);
		const returned = (await t.rt.db.query<{ data: Record<string, unknown> }>(`select data from events where type = 'production.report_reversed'`)).rows[0].data;
		expect(returned.returns).toEqual([{ itemId: 'BOLT', locationId: 'MAIN', qty: 10 }]);
		expect(await refusal(execute(t.rt, reverseProductionReport, { reportId, reasonCode: 'WRONG_QTY' }, operator))).toMatchObject({ path: 'reportId', code: 'ERR_ALREADY_REVERSED' });
		// The right report, then completion: a completed order's reports stay as they are.
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-1', goodQty: 2 }, operator);
		const right = (await t.rt.db.query<{ id: string }>(`select id::text as id from events where type = 'production.reported' order by seq desc limit 1`)).rows[0].id;
		await execute(t.rt, completeProductionOrder, { productionOrderId: 'MO-1' }, operator);
		expect((await refusal(execute(t.rt, reverseProductionReport, { reportId: right, reasonCode: 'WRONG_QTY' }, operator))).status).toBe(409);
		const err = (await ingest([event('production.report_reversed', { reportId: right, productionOrderId: 'MO-1', goodQty: 2, returns: [{ itemId: 'BOLT', locationId: 'MAIN', qty: 4 }], reasonCode: 'WRONG_QTY' })]).then(
			() => null,
			(e) => e
		)) as { code: string; path: string } | null;
		expect(err?.path).toBe('data.productionOrderId');
		const mismatch = (await ingest([event('production.report_reversed', { reportId: right, productionOrderId: 'MO-1', goodQty: 2, returns: [], reasonCode: 'WRONG_QTY' })]).then(
			() => null,
			(e) => e
		)) as { code: string; path: string } | null;
		expect({ code: mismatch?.code, path: mismatch?.path }).toEqual({ code: 'ERR_REVERSAL_MISMATCH', path: 'data.returns' });
	});

	it('lets the item tolerance pass a little over-production; beyond it a reason is needed, through ingest as through the command', async () => {
		await execute(t.rt, saveItem, { itemId: 'LID', name: 'Lid', kind: 'product', uom: 'pcs', unitCost: 5, makeOrBuy: 'make', leadTimeDays: 1, overProductionPct: 10 }, admin);
		await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-LID', itemId: 'LID', qty: 20, dueDate: '2026-12-20' }, admin);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'MO-LID' }, admin);
		await execute(t.rt, reportProduction, { productionOrderId: 'MO-LID', goodQty: 21 }, operator);
		expect(await refusal(execute(t.rt, reportProduction, { productionOrderId: 'MO-LID', goodQty: 1.5 }, operator))).toMatchObject({ path: 'goodQty', code: 'ERR_MO_OVER_PRODUCTION' });
		const report = (data: Record<string, unknown>) => event('production.reported', { productionOrderId: 'MO-LID', goodQty: 1, ...data });
		const count = async () => (await t.rt.db.query<{ n: number }>(`select count(*)::int as n from production_reports where production_order_id = 'MO-LID'`)).rows[0].n;
		// 21 + 1 = 22 is the tolerance's edge; a second 1 in the same batch passes it.
		for (const [events, code, path] of [
			[[report({}), report({})], 'ERR_MO_OVER_PRODUCTION', 'data.goodQty'],
			[[report({ goodQty: 2, overProductionReason: 'COUNT' })], 'ERR_UNKNOWN_REASON', 'data.overProductionReason']
		] as const) {
			const err = (await ingest([...events]).then(() => null, (e) => e)) as { code: string; path: string } | null;
			expect({ code: err?.code, path: err?.path }).toEqual({ code, path });
		}
		expect(await count()).toBe(1);
		await ingest([report({}), report({ overProductionReason: 'CUSTOMER_EXTRA' })]);
		expect(await count()).toBe(3);
	});

	it('refuses through ingest what the commands refuse, with the same code and field, and stores nothing', async () => {
		await execute(t.rt, shipSalesOrderLine, { orderId: 'SO-1', lineId: '10', qty: 3 }, warehouse);
		const shipmentId = await newest('shipment.shipped', 'orderId', 'SO-1', '10');
		const before = await facts();
		const count = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
		const n = await count();
		const reversal = (data: Record<string, unknown>) => event('shipment.reversed', { shipmentId, orderId: 'SO-1', lineId: '10', qty: 3, reasonCode: 'WRONG_QTY', ...data });
		for (const [events, code, path] of [
			[[reversal({ qty: 2 })], 'ERR_REVERSAL_MISMATCH', 'data.qty'],
			[[reversal({ locationId: 'WH2' })], 'ERR_REVERSAL_MISMATCH', 'data.locationId'],
			[[reversal({ reasonCode: 'COUNT' })], 'ERR_UNKNOWN_REASON', 'data.reasonCode'],
			[[reversal({}), reversal({})], 'ERR_ALREADY_REVERSED', 'data.shipmentId']
		] as const) {
			const err = (await ingest([...events]).then(() => null, (e) => e)) as { code: string; path: string } | null;
			expect({ code: err?.code, path: err?.path }).toEqual({ code, path });
		}
		expect(await count()).toBe(n);
		expect(await facts()).toEqual(before);
		// The integrator's own correction, as the command would write it, passes.
		await ingest([reversal({ locationId: 'MAIN', itemId: 'BIKE', note: 'ERP 冲销' })]);
		const after = await facts();
		expect(after.lines).toEqual(before.lines.map((l) => (l.order_id === 'SO-1' ? { ...l, shipped: 0, last_shipped_at: null } : l)));
	});

	it('ends, after any shipments and receipts with some of them reversed, exactly where the others alone lead — and a rebuild agrees', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ kind: fc.constantFrom('ship', 'receive', 'report'), qty: fc.integer({ min: 1, max: 4 }), reverse: fc.boolean() }), { minLength: 1, maxLength: 12 }),
				async (steps) => {
					const run = randomUUID().slice(0, 6);
					const so = `SO-P${run}`;
					const po = `PO-P${run}`;
					const mo = `MO-P${run}`;
					await execute(t.rt, createProductionOrder, { productionOrderId: mo, itemId: 'CASE', qty: 100, dueDate: '2026-12-20' }, admin);
					await execute(t.rt, releaseProductionOrder, { productionOrderId: mo }, admin);
					await execute(t.rt, createSalesOrder, { orderId: so, customerId: 'C-1', lines: [{ lineId: '1', itemId: 'BIKE', qty: 100, requestedDate: '2026-12-20' }] }, admin);
					await execute(t.rt, placePurchaseOrder, { poId: po, supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'BOLT', qty: 100, unitPrice: 2, expectedDate: '2026-12-20' }] }, admin);
					await execute(t.rt, adjustStock, { itemId: 'BIKE', locationId: 'MAIN', qty: 60, reasonCode: 'COUNT' }, admin);
					const startStock = await facts();
					const kept = { ship: 0, receive: 0, report: 0 };
					const toReverse: { kind: 'ship' | 'receive' | 'report'; id: string }[] = [];
					for (const s of steps) {
						if (s.kind === 'ship') await execute(t.rt, shipSalesOrderLine, { orderId: so, lineId: '1', qty: s.qty }, warehouse);
						else if (s.kind === 'receive') await execute(t.rt, receiveGoods, { poId: po, lineId: '1', qty: s.qty }, warehouse);
						else await execute(t.rt, reportProduction, { productionOrderId: mo, goodQty: s.qty }, operator);
						const id =
							s.kind === 'ship'
								? await newest('shipment.shipped', 'orderId', so, '1')
								: s.kind === 'receive'
									? await newest('goods.received', 'poId', po, '1')
									: (await t.rt.db.query<{ id: string }>(`select id::text as id from events where type = 'production.reported' order by seq desc limit 1`)).rows[0].id;
						if (s.reverse) toReverse.push({ kind: s.kind, id });
						else kept[s.kind] += s.qty;
					}
					// Corrections come later, newest first, as a warehouse would find its mistakes.
					for (const r of toReverse.reverse()) {
						if (r.kind === 'ship') await execute(t.rt, reverseShipment, { shipmentId: r.id, reasonCode: 'WRONG_QTY' }, warehouse);
						else if (r.kind === 'receive') await execute(t.rt, reverseReceipt, { receiptId: r.id, reasonCode: 'WRONG_QTY' }, warehouse);
						else await execute(t.rt, reverseProductionReport, { reportId: r.id, reasonCode: 'WRONG_QTY' }, operator);
					}
					const f = await facts();
					expect(f.lines.find((l) => l.order_id === so)?.shipped).toBe(kept.ship);
					expect(f.poLines.find((l) => l.po_id === po)?.received).toBe(kept.receive);
					const onHand = (x: typeof f, item: string, loc: string) => Number(x.stock.find((s) => s.item_id === item && s.location_id === loc)?.on_hand ?? 0);
					expect(onHand(f, 'BIKE', 'MAIN')).toBe(onHand(startStock, 'BIKE', 'MAIN') - kept.ship);
					expect(onHand(f, 'BOLT', 'QC')).toBe(onHand(startStock, 'BOLT', 'QC') + kept.receive);
					// Each report backflushed 2 bolts a case from MAIN; those of reports taken back returned.
					expect(onHand(f, 'BOLT', 'MAIN')).toBe(onHand(startStock, 'BOLT', 'MAIN') - 2 * kept.report);
					const good = (await t.rt.db.query<{ good: number }>(`select good_qty::float8 as good from production_orders where production_order_id = $1`, [mo])).rows[0].good;
					expect(good).toBe(kept.report);
					expect(f.pos.find((p) => p.po_id === po)).toMatchObject({ received: kept.receive, open_lines: 1, waiting_lines: kept.receive > 0 ? 1 : 0 });
				}
			),
			{ numRuns: 8 }
		);
		// The projections and the KPI sums (on-time delivery and supplier records see corrected lines) equal a replay of the log.
		const kpis = async () =>
			(await compactKpis(t.rt.db), await t.rt.db.query(`select kpi, dim, sum(num)::float8 as num, sum(den)::float8 as den from kpi_buckets group by 1, 2 having sum(num) <> 0 or sum(den) <> 0 order by 1, 2`)).rows;
		const live = { facts: await facts(), kpis: await kpis() };
		expect(live.kpis.length).toBeGreaterThan(0);
		await t.rt.rebuildProjections();
		expect({ facts: await facts(), kpis: await kpis() }).toEqual(live);
	}, 120_000);
});
