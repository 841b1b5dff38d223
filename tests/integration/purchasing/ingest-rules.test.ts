// Purchasing rules hold through the ingest API as through the commands: the same code on the same
// field, and nothing of the batch stored. Events for an order not known yet wait for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../../support/backend.ts';
import { event, openIngestRules, type IngestRules } from '../../support/ingest-rules.ts';

let s: IngestRules;
beforeAll(async () => {
	s = await openIngestRules();
	await s.command('item.save', { itemId: 'MAT', name: 'Steel', kind: 'material', uom: 'kg', unitCost: 100, makeOrBuy: 'buy', leadTimeDays: 3 });
	await s.command('supplier.save', { supplierId: 'S1', name: 'Ningbo Steel' });
	await s.command('purchase_order.place', {
		allowPastDates: true,
		poId: 'PO-1',
		supplierId: 'S1',
		lines: [{ lineId: '1', itemId: 'MAT', qty: 100, unitPrice: 100, expectedDate: '2026-12-05' }]
	});
});
afterAll(async () => s?.close());

const receipt = (qty: number, lineId = '1') => ({ poId: 'PO-1', lineId, qty });

describe(`purchasing rules through ingest (${backendLabel})`, () => {
	it('refuses a receipt of 150 on a 100-piece order line', async () => {
		await s.expectSameRefusal({ command: 'goods.receive', input: receipt(150), type: 'goods.received', code: 'ERR_PO_OVER_RECEIPT', path: 'qty' });
	});

	it('refuses receipts of one batch that together exceed the line', async () => {
		const a = await s.post([event('goods.received', receipt(60)), event('goods.received', receipt(60))]);
		expect([a.status, a.body.issues]).toEqual([409, [expect.objectContaining({ index: 1, code: 'ERR_PO_OVER_RECEIPT', path: 'data.qty' })]]);
	});

	it('refuses a receipt on a line the known order does not have', async () => {
		await s.expectSameRefusal({ command: 'goods.receive', input: receipt(1, '9'), type: 'goods.received', code: 'ERR_PO_UNKNOWN_LINE', path: 'lineId' });
	});

	it('refuses an inspection of more than was ordered, and one rejecting goods without a reason', async () => {
		await s.command('goods.receive', receipt(40));
		const over = { poId: 'PO-1', lineId: '1', acceptedQty: 150, rejectedQty: 0 };
		await s.expectSameRefusal({ command: 'inspection.record', input: over, type: 'inspection.recorded', code: 'ERR_INSPECTION_EXCEEDS_RECEIPT', path: 'acceptedQty' });
		const noReason = { poId: 'PO-1', lineId: '1', acceptedQty: 1, rejectedQty: 1 };
		await s.expectSameRefusal({ command: 'inspection.record', input: noReason, type: 'inspection.recorded', code: 'ERR_REASON_REQUIRED', path: 'reasonCode' });
	});

	it('keeps an inspection within the order but ahead of its receipt: the receipt may still arrive', async () => {
		// commands see the receipts; ingest may get an inspection before the receipt it follows
		const early = { poId: 'PO-1', lineId: '1', acceptedQty: 50, rejectedQty: 0 };
		expect((await s.tryCommand('inspection.record', early)).body.issues?.[0]).toMatchObject({ code: 'ERR_INSPECTION_EXCEEDS_RECEIPT' });
		expect((await s.post([event('inspection.recorded', early)])).status).toBe(200);
	});

	it('refuses orders for an unknown supplier or item', async () => {
		const line = { lineId: '1', itemId: 'MAT', qty: 1, unitPrice: 1, expectedDate: '2099-12-05' };
		await s.expectSameRefusal({
			command: 'purchase_order.place',
			input: { poId: 'PO-X', supplierId: 'NOBODY', lines: [line] },
			type: 'purchase_order.placed',
			code: 'ERR_UNKNOWN_SUPPLIER',
			path: 'supplierId'
		});
		await s.expectSameRefusal({
			command: 'purchase_order.place',
			input: { poId: 'PO-X', supplierId: 'S1', lines: [{ ...line, itemId: 'NOTHING' }] },
			type: 'purchase_order.placed',
			code: 'ERR_UNKNOWN_ITEM',
			path: 'lines.0.itemId'
		});
		await s.expectSameRefusal({
			command: 'supplier_item.save',
			input: { supplierId: 'NOBODY', itemId: 'MAT', price: 1, leadTimeDays: 1 },
			type: 'supplier_item.upserted',
			code: 'ERR_UNKNOWN_SUPPLIER',
			path: 'supplierId'
		});
	});

	it('refuses an order naming a rejected requisition, and never lets an order skip a pending one', async () => {
		await s.command('requisition.create', { allowPastDates: true, requisitionId: 'PR-R', itemId: 'MAT', qty: 100, neededBy: '2026-12-20' });
		await s.command('requisition.reject', { requisitionId: 'PR-R', note: 'too dear' });
		const line = (requisitionId: string) => ({ lineId: '1', itemId: 'MAT', qty: 100, unitPrice: 100, expectedDate: '2099-12-05', requisitionId });
		await s.expectSameRefusal({
			command: 'purchase_order.place',
			input: { poId: 'PO-R', supplierId: 'S1', lines: [line('PR-R')] },
			type: 'purchase_order.placed',
			code: 'ERR_REQ_NOT_APPROVED',
			path: 'lines.0.requisitionId'
		});
		// an ERP may send the order before the approvals: it is kept, and the requisition waits for them
		const created = await s.command('requisition.create', { allowPastDates: true, requisitionId: 'PR-P', itemId: 'MAT', qty: 100, neededBy: '2026-12-20' });
		expect(created).toMatchObject({ status: 'pending' });
		expect((await s.post([event('purchase_order.placed', { poId: 'PO-P', supplierId: 'S1', lines: [line('PR-P')] })])).status).toBe(200);
		expect(await requisition('PR-P')).toMatchObject({ status: 'pending' });
		await s.command('requisition.approve', { requisitionId: 'PR-P' });
		expect(await requisition('PR-P')).toMatchObject({ status: 'ordered', poId: 'PO-P' });
	});

	it('refuses a delay with an unknown reason', async () => {
		const delay = { poId: 'PO-1', lineId: '1', expectedDate: '2026-12-20', reasonCode: 'WHATEVER' };
		await s.expectSameRefusal({ command: 'purchase_order.delay', input: delay, type: 'purchase_order.delayed', code: 'ERR_UNKNOWN_REASON', path: 'reasonCode' });
	});

	it('keeps a receipt for an order not known yet; it counts once the order arrives', async () => {
		expect((await s.post([event('goods.received', { poId: 'PO-LATE', lineId: '1', qty: 30 })])).status).toBe(200);
		await s.send('purchase_order.placed', { poId: 'PO-LATE', supplierId: 'S1', lines: [{ lineId: '1', itemId: 'MAT', qty: 50, unitPrice: 1, expectedDate: '2026-12-05' }] });
		const over = await s.post([event('goods.received', { poId: 'PO-LATE', lineId: '1', qty: 21 })]);
		expect([over.status, over.body.issues?.[0]]).toEqual([409, expect.objectContaining({ code: 'ERR_PO_OVER_RECEIPT', message: 'only 20 still to receive on this line' })]);
	});
});

async function requisition(id: string): Promise<Record<string, unknown> | undefined> {
	const r = await fetch(`${s.server.url}/api/requisitions?q=${id}`, { headers: { authorization: `Bearer test-admin-token-0123456789abcdef` } });
	const body = (await r.json()) as { requisitions: { requisitionId: string }[] };
	return body.requisitions.find((x) => x.requisitionId === id);
}
