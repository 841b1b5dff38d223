// Inventory rules hold through the ingest API as through the commands: the same code on the same
// field, and nothing of the batch stored.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { backendLabel } from '../../support/backend.ts';
import { openIngestRules, type IngestRules } from '../../support/ingest-rules.ts';

let s: IngestRules;
beforeAll(async () => {
	s = await openIngestRules();
	await s.command('item.save', { itemId: 'BIKE', name: 'City bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 3 });
	await s.command('item.save', { itemId: 'TUBE', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 3 });
	await s.command('stock.adjust', { itemId: 'TUBE', locationId: 'MAIN', qty: 5, reasonCode: 'OPENING' });
	await s.command('production_order.create', { productionOrderId: 'MO-1', itemId: 'BIKE', qty: 2, dueDate: '2026-12-20' });
	await s.command('production_order.create', { productionOrderId: 'MO-2', itemId: 'BIKE', qty: 2, dueDate: '2026-12-20' });
	await s.command('production_order.cancel', { productionOrderId: 'MO-2', reasonCode: 'DUPLICATE' });
});
afterAll(async () => s?.close());

const issue = (over: Record<string, unknown>) => ({ itemId: 'TUBE', locationId: 'MAIN', qty: 1, productionOrderId: 'MO-1', ...over });

describe(`inventory rules through ingest (${backendLabel})`, () => {
	it('refuses an adjustment below zero, of an unknown item, or with an unknown reason', async () => {
		const adjust = (over: Record<string, unknown>) => ({ itemId: 'TUBE', locationId: 'MAIN', qty: -6, reasonCode: 'COUNT', ...over });
		await s.expectSameRefusal({ command: 'stock.adjust', input: adjust({}), type: 'stock.adjusted', code: 'ERR_STOCK_NEGATIVE', path: 'qty' });
		await s.expectSameRefusal({ command: 'stock.adjust', input: adjust({ itemId: 'NOTHING', qty: 1 }), type: 'stock.adjusted', code: 'ERR_UNKNOWN_ITEM', path: 'itemId' });
		await s.expectSameRefusal({ command: 'stock.adjust', input: adjust({ qty: 1, reasonCode: 'WHIM' }), type: 'stock.adjusted', code: 'ERR_UNKNOWN_REASON', path: 'reasonCode' });
	});

	it('refuses transfers out of QC, into REJECTED, or beyond what is on hand', async () => {
		const move = (over: Record<string, unknown>) => ({ itemId: 'TUBE', fromLocationId: 'MAIN', toLocationId: 'SHOP', qty: 1, ...over });
		await s.expectSameRefusal({ command: 'stock.transfer', input: move({ fromLocationId: 'QC' }), type: 'stock.moved', code: 'ERR_LOCATION_CONTROLLED', path: 'fromLocationId' });
		await s.expectSameRefusal({ command: 'stock.transfer', input: move({ toLocationId: 'REJECTED' }), type: 'stock.moved', code: 'ERR_LOCATION_CONTROLLED', path: 'toLocationId' });
		await s.expectSameRefusal({ command: 'stock.transfer', input: move({ qty: 6 }), type: 'stock.moved', code: 'ERR_STOCK_NEGATIVE', path: 'qty' });
	});

	it('refuses issues from QC, beyond stock, or to a closed production order', async () => {
		const as = (over: Record<string, unknown>) => ({ input: issue(over), data: { ...issue(over), mode: 'manual' } });
		await s.expectSameRefusal({ command: 'stock.issue', ...as({ locationId: 'QC' }), type: 'stock.issued', code: 'ERR_LOCATION_CONTROLLED', path: 'locationId' });
		await s.expectSameRefusal({ command: 'stock.issue', ...as({ qty: 6 }), type: 'stock.issued', code: 'ERR_STOCK_NEGATIVE', path: 'qty' });
		await s.expectSameRefusal({ command: 'stock.issue', ...as({ productionOrderId: 'MO-2' }), type: 'stock.issued', code: 'ERR_MO_CLOSED', path: 'productionOrderId' });
	});
});
