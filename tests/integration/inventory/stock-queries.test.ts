import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { adjustStock, issueStock, transferStock } from '../../../server/inventory/commands.ts';
import { placePurchaseOrder, receiveGoods, recordInspection } from '../../../server/purchasing/commands.ts';
import { completeProductionOrder, createProductionOrder, releaseProductionOrder, reportProduction } from '../../../server/production/commands.ts';
import { insertUser } from '../../../server/auth/users.ts';
import { itemStock, listStock, stockListQuery, stockLocations, stockMovements, type StockListQuery } from '../../../server/inventory/queries.ts';

let t: TestRuntime;
// Each step a minute after the last, so "newest first" has one answer.
let now = Date.parse('2026-11-24T01:00:00Z');
const clock = { now: () => new Date(now) };
const step = () => (now += 60_000);

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const wh: Actor = { kind: 'user', id: 'w', name: 'user:wang.wh', roles: ['warehouse'] };

async function run<I, R>(cmd: Parameters<typeof execute<I, R>>[1], input: unknown, actor = admin) {
	step();
	return execute(t.rt, cmd, input, actor);
}

async function append(...events: RawEvent[]) {
	step();
	const v = validateBatch(t.rt.catalogue, { events: events.map((e) => ({ ...e, occurredAt: new Date(now).toISOString() })) });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

const list = (q: Record<string, string> = {}) => listStock(t.rt.db, stockListQuery.parse(q) as StockListQuery);
const ids = async (q: Record<string, string> = {}) => (await list(q)).rows.map((r) => r.itemId);

beforeAll(async () => {
	t = await openTestRuntime({ clock });
	await insertUser(t.rt.db, { username: 'wang.wh', displayName: '王仓管', password: 'warehouse-pass-1', roles: ['warehouse'] });
	await run(saveItem, { itemId: 'Q-BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 10, makeOrBuy: 'make', leadTimeDays: 1, safetyStock: 5 });
	await run(saveItem, { itemId: 'Q-STEEL', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3, safetyStock: 100 });
	await run(saveItem, { itemId: 'Q-BOLT', name: 'Bolt', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 3 });
	await run(saveCustomer, { customerId: 'Q-C', name: 'Customer' });
	await run(saveSupplier, { supplierId: 'Q-S', name: 'Supplier' });

	// bike: 10 at 12 into MAIN, 4 of them to SHOP, 7 promised to a customer
	await run(adjustStock, { itemId: 'Q-BIKE', locationId: 'MAIN', qty: 10, unitCost: 12, reasonCode: 'OPENING' }, wh);
	await run(transferStock, { itemId: 'Q-BIKE', fromLocationId: 'MAIN', toLocationId: 'SHOP', qty: 4 }, wh);
	await run(createSalesOrder, { orderId: 'Q-SO', customerId: 'Q-C', lines: [{ lineId: '1', itemId: 'Q-BIKE', qty: 7, requestedDate: '2026-12-01' }] });

	// steel: 50 received at 2 (QC), 30 accepted and 5 rejected; 15 wait in QC
	await run(placePurchaseOrder, { poId: 'Q-PO', supplierId: 'Q-S', lines: [{ lineId: '1', itemId: 'Q-STEEL', qty: 55, unitPrice: 2, expectedDate: '2026-12-01' }] });
	await run(receiveGoods, { poId: 'Q-PO', lineId: '1', qty: 50 }, wh);
	await run(recordInspection, { poId: 'Q-PO', lineId: '1', acceptedQty: 30, rejectedQty: 5, reasonCode: 'MATERIAL_DEFECT' });
});
afterAll(async () => t?.close());

describe(`the stock list (${backendLabel})`, () => {
	it('shows usable, inspection, rejected, allocated and available stock per item, with its locations and value', async () => {
		const { rows, total } = await list();
		expect(total).toBe(3);
		const bike = rows.find((r) => r.itemId === 'Q-BIKE')!;
		expect(bike).toMatchObject({ onHand: 10, inInspection: 0, rejected: 0, allocated: 7, available: 3, value: 120, belowSafety: true });
		expect(bike.locations).toEqual([
			{ locationId: 'MAIN', onHand: 6, value: 72 },
			{ locationId: 'SHOP', onHand: 4, value: 48 }
		]);
		const steel = rows.find((r) => r.itemId === 'Q-STEEL')!;
		// rejected goods stay on the books (value) but are never usable
		expect(steel).toMatchObject({ onHand: 30, inInspection: 15, rejected: 5, allocated: 0, available: 30, value: 100 });
		expect(rows.find((r) => r.itemId === 'Q-BOLT')).toMatchObject({ onHand: 0, available: 0, value: 0, belowSafety: false, locations: [] });
	});

	it('filters by code or name, item type, location, safety stock and stock held', async () => {
		expect(await ids({ q: 'tube' })).toEqual(['Q-STEEL']);
		expect(await ids({ q: 'q-b' })).toEqual(['Q-BIKE', 'Q-BOLT']);
		expect(await ids({ kind: 'material' })).toEqual(['Q-BOLT', 'Q-STEEL']);
		expect(await ids({ location: 'SHOP' })).toEqual(['Q-BIKE']);
		expect(await ids({ location: 'REJECTED' })).toEqual(['Q-STEEL']);
		// bolt has no safety stock: never "below" it
		expect(await ids({ belowSafety: 'true' })).toEqual(['Q-BIKE', 'Q-STEEL']);
		expect(await ids({ withStock: 'true' })).toEqual(['Q-BIKE', 'Q-STEEL']);
		expect(await ids({ withStock: 'true', kind: 'material', location: 'QC' })).toEqual(['Q-STEEL']);
	});

	it('sorts by any figure and pages through the rows', async () => {
		expect(await ids({ sort: 'available', dir: 'desc' })).toEqual(['Q-STEEL', 'Q-BIKE', 'Q-BOLT']);
		expect(await ids({ sort: 'value' })).toEqual(['Q-BOLT', 'Q-STEEL', 'Q-BIKE']);
		const second = await list({ sort: 'itemId', pageSize: '2', page: '2' });
		expect(second).toMatchObject({ total: 3, rows: [{ itemId: 'Q-STEEL' }] });
	});

	it('names the field of a bad list query', () => {
		const bad = stockListQuery.safeParse({ sort: 'price', belowSafety: 'maybe', pageSize: '500' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['belowSafety', 'pageSize', 'sort']);
	});

	it('offers the locations in use, with MAIN, QC and REJECTED always', async () => {
		expect(await stockLocations(t.rt.db)).toEqual(['MAIN', 'QC', 'REJECTED', 'SHOP']);
	});
});

describe(`an item's stock and movements (${backendLabel})`, () => {
	it('gives the stock per location with availability and value', async () => {
		const s = (await itemStock(t.rt.db, 'Q-BIKE'))!;
		expect(s.item).toMatchObject({ itemId: 'Q-BIKE', safetyStock: 5, allowNegativeStock: false });
		expect(s.availability).toMatchObject({ onHand: 10, allocated: 7, available: 3 });
		expect(s.value).toBe(120);
		expect(s.locations.map((l) => [l.locationId, l.onHand, l.averageCost])).toEqual([['MAIN', 6, 12], ['SHOP', 4, 12]]);
		expect(await itemStock(t.rt.db, 'Q-NONE')).toBeNull();
	});

	it('lists every movement newest first with its locations, reason, order and who made it', async () => {
		await run(adjustStock, { itemId: 'Q-STEEL', locationId: 'MAIN', qty: -2, reasonCode: 'DAMAGE', note: 'dropped by the forklift' }, wh);
		const { movements, total } = await stockMovements(t.rt.db, 'Q-STEEL', { page: 1, pageSize: 25 });
		expect(total).toBe(3);
		expect(movements.map((m) => m.kind)).toEqual(['adjustment', 'inspection', 'receipt']);
		expect(movements[0]).toMatchObject({
			moves: [{ locationId: 'MAIN', qty: -2 }],
			reasonCode: 'DAMAGE',
			note: 'dropped by the forklift',
			actor: 'user:wang.wh',
			actorName: '王仓管'
		});
		expect(movements[1]).toMatchObject({
			moves: [{ locationId: 'QC', qty: -35 }, { locationId: 'MAIN', qty: 30 }, { locationId: 'REJECTED', qty: 5 }],
			reference: { kind: 'po', id: 'Q-PO', lineId: '1' },
			actorName: null
		});
		expect(movements[2]).toMatchObject({ moves: [{ locationId: 'QC', qty: 50 }], actorName: '王仓管' });
	});

	it('finds receipts and shipments sent without the item through their order line, and completions through the order', async () => {
		await append(ev.receipt({ poId: 'Q-PO', lineId: '1', qty: 5 }, { source: 'erp' }));
		await append(ev.shipment({ orderId: 'Q-SO', lineId: '1', qty: 2, locationId: 'SHOP' }, { source: 'erp' }));
		await run(createProductionOrder, { productionOrderId: 'Q-MO', itemId: 'Q-BIKE', qty: 3, dueDate: '2026-12-01' });
		await run(releaseProductionOrder, { productionOrderId: 'Q-MO' });
		await run(issueStock, { itemId: 'Q-STEEL', locationId: 'MAIN', qty: 4, productionOrderId: 'Q-MO' }, wh);
		await run(reportProduction, { productionOrderId: 'Q-MO', goodQty: 3 });
		await run(completeProductionOrder, { productionOrderId: 'Q-MO' });

		const bike = (await stockMovements(t.rt.db, 'Q-BIKE', { page: 1, pageSize: 25 })).movements;
		expect(bike.map((m) => [m.kind, m.moves])).toEqual([
			['production', [{ locationId: 'MAIN', qty: 3 }]],
			['shipment', [{ locationId: 'SHOP', qty: -2 }]],
			['transfer', [{ locationId: 'MAIN', qty: -4 }, { locationId: 'SHOP', qty: 4 }]],
			['adjustment', [{ locationId: 'MAIN', qty: 10 }]]
		]);
		expect(bike[0].reference).toEqual({ kind: 'mo', id: 'Q-MO' });
		expect(bike[1]).toMatchObject({ source: 'erp', actor: null, reference: { kind: 'so', id: 'Q-SO', lineId: '1' } });

		const steel = await stockMovements(t.rt.db, 'Q-STEEL', { page: 1, pageSize: 2 });
		expect(steel.total).toBe(5);
		expect(steel.movements.map((m) => m.kind)).toEqual(['issue', 'receipt']);
		expect(steel.movements[0]).toMatchObject({ mode: 'manual', moves: [{ locationId: 'MAIN', qty: -4 }], reference: { kind: 'mo', id: 'Q-MO' } });
		const last = await stockMovements(t.rt.db, 'Q-STEEL', { page: 3, pageSize: 2 });
		expect(last.movements.map((m) => m.kind)).toEqual(['receipt']);
		// the movements agree with the stock they produced
		const moved = new Map<string, number>();
		for (const m of (await stockMovements(t.rt.db, 'Q-STEEL', { page: 1, pageSize: 200 })).movements) {
			for (const x of m.moves) moved.set(x.locationId, (moved.get(x.locationId) ?? 0) + x.qty);
		}
		const stock = (await itemStock(t.rt.db, 'Q-STEEL'))!.locations;
		expect(Object.fromEntries(stock.map((l) => [l.locationId, l.onHand]))).toEqual(Object.fromEntries(moved));
	});
});

describe(`the stock list's two ways of reading (${backendLabel})`, () => {
	it('shows the same figures whether it cuts the page from the items first or sums every item', async () => {
		const byId = (rows: { itemId: string }[]) => Object.fromEntries(rows.map((r) => [r.itemId, r]));
		// Sorted by code: the page is cut from the items; sorted by value: every item is summed.
		const paged = byId((await list({ sort: 'itemId', pageSize: '200' })).rows);
		const summed = byId((await list({ sort: 'value', pageSize: '200' })).rows);
		expect(Object.keys(paged).length).toBeGreaterThan(2);
		expect(paged).toEqual(summed);
		const page2 = await list({ sort: 'name', dir: 'desc', pageSize: '1', page: '2', kind: 'material' });
		const all = (await list({ sort: 'name', dir: 'desc', kind: 'material' })).rows;
		expect(page2.total).toBe(all.length);
		expect(page2.rows).toEqual([all[1]]);
	});
});
