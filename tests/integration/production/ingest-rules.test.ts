// Production rules hold through the ingest API as through the commands: the declared order state
// machine, reasons, known items and work centres, no negative stock from backflush — the same code on
// the same field, and nothing of the batch stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../../support/backend.ts';
import { event, openIngestRules, type IngestRules } from '../../support/ingest-rules.ts';

let s: IngestRules;
const calendar = { shifts: [{ start: '08:00', end: '17:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };
const order = (productionOrderId: string, itemId = 'BIKE') => ({ productionOrderId, itemId, qty: 2, dueDate: '2026-12-20' });

beforeAll(async () => {
	s = await openIngestRules();
	await s.command('item.save', { itemId: 'BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3, backflush: 'operation' });
	await s.command('item.save', { itemId: 'TUBE', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3 });
	await s.command('bom.replace', { parentItemId: 'BIKE', lines: [{ childItemId: 'TUBE', qtyPer: 2 }] });
	await s.command('work_center.save', { workCenterId: 'ASSY', name: 'Assembly', calendar });
	await s.command('production_order.create', order('MO-NEW'));
	await s.command('production_order.create', order('MO-REL'));
	await s.command('production_order.release', { productionOrderId: 'MO-REL' });
});
afterAll(async () => s?.close());

describe(`production rules through ingest (${backendLabel})`, () => {
	it('refuses a report on an order that is not released', async () => {
		await s.expectSameRefusal({ command: 'production.report', input: { productionOrderId: 'MO-NEW', goodQty: 1 }, type: 'production.reported', code: 'ERR_MO_TRANSITION', path: 'productionOrderId' });
	});

	it('refuses transitions the state machine does not declare', async () => {
		const ref = (id: string) => ({ productionOrderId: id });
		await s.expectSameRefusal({ command: 'production_order.release', input: ref('MO-REL'), type: 'production_order.released', code: 'ERR_MO_TRANSITION', path: 'productionOrderId' });
		await s.expectSameRefusal({ command: 'production_order.complete', input: ref('MO-NEW'), type: 'production_order.completed', code: 'ERR_MO_TRANSITION', path: 'productionOrderId' });
		await s.expectSameRefusal({ command: 'production_order.complete', input: ref('MO-REL'), type: 'production_order.completed', code: 'ERR_MO_NOTHING_GOOD', path: 'productionOrderId' });
		const cancel = { productionOrderId: 'MO-NEW', reasonCode: 'WHIM' };
		await s.expectSameRefusal({ command: 'production_order.cancel', input: cancel, type: 'production_order.cancelled', code: 'ERR_UNKNOWN_REASON', path: 'reasonCode' });
	});

	it('refuses two releases of one order in one batch', async () => {
		await s.command('production_order.create', order('MO-TWICE'));
		const a = await s.post([event('production_order.released', { productionOrderId: 'MO-TWICE' }), event('production_order.released', { productionOrderId: 'MO-TWICE' })]);
		expect([a.status, a.body.issues]).toEqual([409, [expect.objectContaining({ index: 1, code: 'ERR_MO_TRANSITION', path: 'data.productionOrderId' })]]);
	});

	it('refuses a backflush that would take components below zero', async () => {
		// the command backflushes 2 tubes per bike when the report finishes the order
		expect((await s.tryCommand('production.report', { productionOrderId: 'MO-REL', goodQty: 1 })).body.issues?.[0]).toMatchObject({ code: 'ERR_STOCK_NEGATIVE' });
		const backflush = { itemId: 'TUBE', locationId: 'MAIN', qty: 2, productionOrderId: 'MO-REL', mode: 'operation' };
		await s.expectSameRefusal({ type: 'stock.issued', data: backflush, code: 'ERR_STOCK_NEGATIVE', path: 'qty' });
	});

	it('refuses orders for unknown or bought items, and routings on unknown work centres', async () => {
		await s.expectSameRefusal({ command: 'production_order.create', input: order('MO-X', 'NOTHING'), data: { ...order('MO-X', 'NOTHING'), operations: [] }, type: 'production_order.created', code: 'ERR_UNKNOWN_ITEM', path: 'itemId' });
		await s.expectSameRefusal({ command: 'production_order.create', input: order('MO-X', 'TUBE'), data: { ...order('MO-X', 'TUBE'), operations: [] }, type: 'production_order.created', code: 'ERR_ITEM_IS_BOUGHT', path: 'itemId' });
		const routing = { itemId: 'BIKE', operations: [{ seq: 10, workCenterId: 'NOWHERE', setupMinutes: 0, runMinutesPerUnit: 1 }] };
		await s.expectSameRefusal({ command: 'routing.replace', input: routing, type: 'routing.replaced', code: 'ERR_UNKNOWN_WORK_CENTER', path: 'operations.0.workCenterId' });
	});

	it('refuses a report beyond the order and its item tolerance without an over-production reason', async () => {
		await s.command('production_order.create', order('MO-OVER'));
		await s.command('production_order.release', { productionOrderId: 'MO-OVER' });
		await s.expectSameRefusal({
			command: 'production.report',
			input: { productionOrderId: 'MO-OVER', goodQty: 3 },
			type: 'production.reported',
			code: 'ERR_MO_OVER_PRODUCTION',
			path: 'goodQty'
		});
	});

	it('refuses a work centre stop without a reason', async () => {
		await s.expectSameRefusal({ command: 'work_center.set_status', input: { workCenterId: 'ASSY', status: 'down' }, type: 'work_center.status_changed', code: 'ERR_REASON_REQUIRED', path: 'reasonCode' });
	});

	it('keeps a late report whose business time is before the order closed', async () => {
		await s.command('production_order.create', order('MO-DONE'));
		await s.command('production_order.release', { productionOrderId: 'MO-DONE' });
		const before = new Date(Date.now() - 60_000).toISOString();
		// 1 of 2 reported, the order completed short; the MES's late report of the other one still counts.
		await s.send('production.reported', { productionOrderId: 'MO-DONE', goodQty: 1 }, before);
		await s.command('production_order.complete', { productionOrderId: 'MO-DONE' });
		expect((await s.post([event('production.reported', { productionOrderId: 'MO-DONE', goodQty: 1 }, before)])).status).toBe(200);
		const after = await s.post([event('production.reported', { productionOrderId: 'MO-DONE', goodQty: 1 })]);
		expect([after.status, after.body.issues?.[0]]).toEqual([409, expect.objectContaining({ code: 'ERR_MO_TRANSITION', path: 'data.productionOrderId' })]);
	});
});
