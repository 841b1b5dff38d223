import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMasterData } from '../../support/events.ts';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import {
	changeWorkCenterStatus,
	completeProductionOrder,
	createProductionOrder,
	releaseProductionOrder,
	replaceRouting,
	reportProduction,
	saveWorkCenter
} from '../../../server/production/commands.ts';
import { saveSupplier } from '../../../server/masterdata/commands.ts';
import {
	approveRequisition,
	createRequisition,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	recordInspection,
	saveSupplierItem
} from '../../../server/purchasing/commands.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt);
});
afterAll(async () => t?.close());

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };

const TABLES: Record<string, string> = {
	items: 'item_id',
	customers: 'customer_id',
	suppliers: 'supplier_id',
	boms: 'parent_item_id',
	bom_lines: 'parent_item_id, line_no',
	sales_orders: 'order_id',
	sales_order_lines: 'order_id, line_id',
	purchase_orders: 'po_id',
	purchase_order_lines: 'po_id, line_id',
	production_reports: 'event_id',
	// What the span is, not when its last change happened (live and rebuilt batches differ).
	'(select production_order_id, work_center_id, started_at, ended_at, setup_minutes from production_spans)': 'production_order_id, work_center_id',
	reason_codes: 'list, code',
	custom_fields: 'entity, key',
	supplier_items: 'supplier_id, item_id',
	approval_rules: 'rule_id',
	requisitions: 'requisition_id',
	work_centers: 'work_center_id',
	routings: 'item_id',
	production_orders: 'production_order_id',
	production_operations: 'production_order_id, seq',
	stock: 'item_id, location_id',
	screen_versions: 'screen_id, version',
	event_counts: 'type'
};

async function snapshot(): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const [table, key] of Object.entries(TABLES)) {
		out[table] = (await t.rt.db.query(`select to_jsonb(x) as row from ${table} x order by ${key}`)).rows.map((r) => (r as { row: unknown }).row);
	}
	return out;
}

async function ingest(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

describe(`projections rebuilt from the event log (${backendLabel})`, () => {
	it('equal the live projections after commands, ingest, out-of-order and duplicate events', async () => {
		// through commands
		await execute(t.rt, saveCustomer, { customerId: 'RB-C', name: 'Rebuild Co' }, admin);
		for (const [id, kind] of [['RB-BIKE', 'product'], ['RB-WHEEL', 'semi'], ['RB-SPOKE', 'material']]) {
			await execute(t.rt, saveItem, { itemId: id, name: id, kind, uom: 'pcs', unitCost: 10, makeOrBuy: kind === 'material' ? 'buy' : 'make', leadTimeDays: 2 }, admin);
		}
		await execute(t.rt, replaceBom, { parentItemId: 'RB-WHEEL', lines: [{ childItemId: 'RB-SPOKE', qtyPer: 32 }] }, admin);
		await execute(t.rt, replaceBom, { parentItemId: 'RB-BIKE', lines: [{ childItemId: 'RB-WHEEL', qtyPer: 2, scrapPct: 1.5 }] }, admin);
		await execute(t.rt, adjustStock, { itemId: 'RB-BIKE', locationId: 'MAIN', qty: 10, unitCost: 90, reasonCode: 'OPENING' }, admin);
		await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'RB-SO', customerId: 'RB-C', lines: [{ lineId: '1', itemId: 'RB-BIKE', qty: 4, requestedDate: '2026-12-01' }, { lineId: '2', itemId: 'RB-BIKE', qty: 2, requestedDate: '2026-12-02' }] }, admin);
		await execute(t.rt, changeSalesOrder, { allowPastDates: true, orderId: 'RB-SO', reasonCode: 'CAPACITY', lines: [{ lineId: '1', qty: 5 }] }, admin);
		await execute(t.rt, promiseSalesOrder, { orderId: 'RB-SO', lines: [{ lineId: '1', promisedDate: '2026-12-03' }] }, admin);
		await execute(t.rt, shipSalesOrderLine, { orderId: 'RB-SO', lineId: '1', qty: 3 }, admin);
		await execute(t.rt, cancelSalesOrder, { orderId: 'RB-SO', reasonCode: 'DUPLICATE', lineIds: ['2'] }, admin);
		// purchasing through commands: requisition, approval, order, delay, receipt, inspection
		await execute(t.rt, saveSupplier, { supplierId: 'RB-S', name: 'Rebuild Supplier' }, admin);
		await execute(t.rt, saveSupplierItem, { supplierId: 'RB-S', itemId: 'RB-SPOKE', price: 3, leadTimeDays: 5 }, admin);
		await execute(t.rt, createRequisition, { allowPastDates: true, requisitionId: 'RB-PR', itemId: 'RB-SPOKE', qty: 5000, neededBy: '2026-12-05', supplierId: 'RB-S' }, admin);
		await execute(t.rt, approveRequisition, { requisitionId: 'RB-PR' }, admin);
		await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: 'RB-PO2', supplierId: 'RB-S', lines: [{ lineId: '1', itemId: 'RB-SPOKE', qty: 5000, unitPrice: 3, expectedDate: '2026-12-05', requisitionId: 'RB-PR' }] }, admin);
		await execute(t.rt, delayPurchaseOrder, { allowPastDates: true, poId: 'RB-PO2', lineId: '1', expectedDate: '2026-12-09', reasonCode: 'LOGISTICS' }, admin);
		await execute(t.rt, receiveGoods, { poId: 'RB-PO2', lineId: '1', qty: 3000 }, admin);
		await execute(t.rt, recordInspection, { poId: 'RB-PO2', lineId: '1', acceptedQty: 2900, rejectedQty: 100, reasonCode: 'MATERIAL_DEFECT' }, admin);
		// production through commands
		await execute(t.rt, saveWorkCenter, { workCenterId: 'RB-WC', name: 'Line 1', calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] } }, admin);
		await execute(t.rt, changeWorkCenterStatus, { workCenterId: 'RB-WC', status: 'maintenance', reasonCode: 'MAINTENANCE' }, admin);
		await execute(t.rt, replaceRouting, { itemId: 'RB-WHEEL', operations: [{ seq: 10, workCenterId: 'RB-WC', setupMinutes: 15, runMinutesPerUnit: 3 }] }, admin);
		await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: 'RB-MO2', itemId: 'RB-WHEEL', qty: 5, dueDate: '2026-12-06' }, admin);
		await execute(t.rt, releaseProductionOrder, { productionOrderId: 'RB-MO2' }, admin);
		await execute(t.rt, reportProduction, { productionOrderId: 'RB-MO2', operationSeq: 10, goodQty: 4, scrapQty: 1, reasonCode: 'OPERATOR' }, admin);
		await execute(t.rt, completeProductionOrder, { productionOrderId: 'RB-MO2' }, admin);
		// through ingest: a mix, a late older version, a shipment before its order, duplicates
		const mix = mixedBatch(60);
		await ingest(mix);
		await ingest(mix.slice(0, 20));
		await ingest([ev.item({ itemId: 'RB-SPOKE', name: 'older name' }, { occurredAt: '2020-01-01T00:00:00Z' })]);
		await ingest([ev.shipment({ orderId: 'RB-LATE', lineId: '1', qty: 2, itemId: 'RB-SPOKE' })]);
		await ingest([ev.salesOrder({ orderId: 'RB-LATE', lines: [{ lineId: '1', itemId: 'RB-SPOKE', qty: 9, requestedDate: '2026-12-09' }] })]);
		await ingest([ev.receipt({ poId: 'RB-PO', lineId: '1', qty: 5 }), ev.purchaseOrder({ poId: 'RB-PO' }), ev.production({ productionOrderId: 'RB-MO' })]);
		// screen versions (command-only events: appended as the editor's command records them)
		const floor = { schemaVersion: 1, title: { 'zh-CN': '车间' }, widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', x: 0, y: 0, w: 6, h: 3 }] };
		await t.rt.append([1, 2].map((version) => ({ ...ev.extension(), type: 'screen.saved', actor: 'user:admin', data: { screenId: 'rb-floor', widgets: 1, version, screen: floor, ...(version === 2 ? { restoredFrom: 1 } : {}) } })));
		await ingest([{ ...ev.extension(), type: 'reason_code.upserted', data: { list: 'order_change', code: 'CAPACITY', labels: { 'zh-CN': '产能', en: 'Capacity (renamed)' }, active: false } }]);

		const live = await snapshot();
		expect(live.sales_order_lines.length).toBeGreaterThan(3);
		expect(live.stock.length).toBeGreaterThan(0);
		expect(live.screen_versions.length).toBe(2);
		// Damage the projections: a rebuild must restore them from the log alone.
		await t.rt.db.exec(`update items set name = 'damaged'; delete from sales_order_lines where order_id = 'RB-SO'; update stock set on_hand = 0; delete from reason_codes; delete from screen_versions`);
		expect(await snapshot()).not.toEqual(live);
		const result = await t.rt.rebuildProjections();
		expect(result.events).toBeGreaterThan(70);
		expect(await snapshot()).toEqual(live);
	});
});
