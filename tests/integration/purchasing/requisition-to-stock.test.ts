import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import {
	approveRequisition,
	confirmPurchaseOrder,
	createRequisition,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	recordInspection,
	rejectRequisition,
	saveApprovalRule,
	saveSupplierItem
} from '../../../server/purchasing/commands.ts';
import { stockOf } from '../../../server/inventory/queries.ts';
import { getRequisition } from '../../../server/purchasing/requisition.queries.ts';
import { stepStates } from '../../../server/purchasing/requisition-status.ts';
import { AppError } from '../../../server/errors.ts';
import { listEvents } from '../../../server/events/read.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
const manager: Actor = { kind: 'user', id: 'm', name: 'user:chen.manager', roles: ['manager'] };
const buyer: Actor = { kind: 'user', id: 'b', name: 'user:sun.buyer', roles: ['purchasing'] };
const warehouse: Actor = { kind: 'user', id: 'w', name: 'user:zhao.wh', roles: ['warehouse'] };
const quality: Actor = { kind: 'user', id: 'q', name: 'user:qian.qc', roles: ['quality'] };

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveSupplier, { supplierId: 'S-NB', name: '宁波钢材' }, admin);
	await execute(t.rt, saveItem, { itemId: 'STEEL', name: 'Steel tube', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 10, category: 'metal' }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-NB', itemId: 'STEEL', price: 12, leadTimeDays: 7, moq: 100 }, buyer);
});
afterAll(async () => t?.close());

async function fails(p: Promise<unknown>) {
	const err = (await p.then(() => null, (e) => e)) as AppError;
	expect(err).toBeInstanceOf(AppError);
	const issue = (err.details.issues as { path: string; code?: string }[] | undefined)?.[0];
	return { status: err.status, path: issue?.path, code: issue?.code };
}

const req = async (requisitionId: string) =>
	(await t.rt.db.query<{ status: string; rule_id: string; amount: number }>('select status, rule_id, amount::float8 as amount from requisitions where requisition_id = $1', [requisitionId])).rows[0];

describe(`requisition to usable stock (${backendLabel})`, () => {
	it('auto-approves a requisition under the threshold and records the rule that decided', async () => {
		const r = await execute(t.rt, createRequisition, { requisitionId: 'PR-1', itemId: 'STEEL', qty: 100, neededBy: '2026-12-10', supplierId: 'S-NB' }, planner);
		expect(r).toEqual({ requisitionId: 'PR-1', status: 'approved', ruleId: 'AUTO_UNDER_5000', amount: 1200 });
		const [e] = await listEvents(t.rt.db, { types: ['requisition.created'], desc: true, limit: 1 });
		expect(e.data).toMatchObject({ ruleId: 'AUTO_UNDER_5000', autoApproved: true, requesterRole: 'planner', unitPrice: 12 });
	});

	it('routes a larger one through the rule steps, each approved by its role only', async () => {
		await execute(t.rt, saveApprovalRule, { ruleId: 'METAL_BIG', name: 'Metal over 10k', priority: 50, conditions: { minAmount: 10_000, categories: ['metal'] }, steps: [{ role: 'purchasing' }, { role: 'manager' }], active: true }, admin);
		expect((await fails(execute(t.rt, saveApprovalRule, { ruleId: 'X', name: 'x', priority: 1, conditions: {}, steps: [], active: true }, manager))).status).toBe(403);
		const r = await execute(t.rt, createRequisition, { requisitionId: 'PR-2', itemId: 'STEEL', qty: 1000, neededBy: '2026-12-20', supplierId: 'S-NB' }, planner);
		expect(r).toMatchObject({ status: 'pending', ruleId: 'METAL_BIG' });
		expect(await fails(execute(t.rt, approveRequisition, { requisitionId: 'PR-2' }, manager))).toMatchObject({ status: 409, code: 'ERR_REQ_NOT_YOUR_STEP' });
		await execute(t.rt, approveRequisition, { requisitionId: 'PR-2', note: '价格已核对' }, buyer);
		expect((await req('PR-2')).status).toBe('pending');
		// The approver's comment is kept with the step and shown with it.
		const detail = (await getRequisition(t.rt.db, 'PR-2'))!;
		expect(stepStates(detail.requisition, detail.rejection)[0]).toMatchObject({ state: 'approved', note: '价格已核对' });
		expect(detail.history.find((e) => e.type === 'requisition.approved')?.data.note).toBe('价格已核对');
		await execute(t.rt, approveRequisition, { requisitionId: 'PR-2' }, manager);
		expect((await req('PR-2')).status).toBe('approved');
		expect(await fails(execute(t.rt, approveRequisition, { requisitionId: 'PR-2' }, manager))).toMatchObject({ code: 'ERR_REQ_NOT_PENDING' });
	});

	it('rejects a requisition at its step, which then cannot be ordered', async () => {
		await execute(t.rt, createRequisition, { requisitionId: 'PR-3', itemId: 'STEEL', qty: 500, neededBy: '2026-12-20', unitPrice: 20 }, planner);
		await execute(t.rt, rejectRequisition, { requisitionId: 'PR-3', note: 'too expensive' }, buyer); // METAL_BIG: purchasing decides first
		expect((await req('PR-3')).status).toBe('rejected');
		expect(
			await fails(execute(t.rt, placePurchaseOrder, { poId: 'PO-X', supplierId: 'S-NB', lines: [{ lineId: '1', itemId: 'STEEL', qty: 500, unitPrice: 20, expectedDate: '2026-12-20', requisitionId: 'PR-3' }] }, buyer))
		).toMatchObject({ status: 409, path: 'lines.0.requisitionId', code: 'ERR_REQ_NOT_APPROVED' });
	});

	it('orders approved requisitions, records confirmation and a delay with its reason', async () => {
		await execute(t.rt, placePurchaseOrder, {
			poId: 'PO-1',
			supplierId: 'S-NB',
			lines: [
				{ lineId: '1', itemId: 'STEEL', qty: 100, unitPrice: 12, expectedDate: '2026-12-08', requisitionId: 'PR-1' },
				{ lineId: '2', itemId: 'STEEL', qty: 1000, unitPrice: 11, expectedDate: '2026-12-18', requisitionId: 'PR-2' }
			]
		}, buyer);
		expect((await req('PR-1')).status).toBe('ordered');
		await execute(t.rt, confirmPurchaseOrder, { poId: 'PO-1', lines: [{ lineId: '1', confirmedDate: '2026-12-09' }] }, buyer);
		expect(await fails(execute(t.rt, delayPurchaseOrder, { poId: 'PO-1', lineId: '2', expectedDate: '2026-12-28', reasonCode: 'WEATHER' }, buyer))).toMatchObject({ path: 'reasonCode' });
		await execute(t.rt, delayPurchaseOrder, { poId: 'PO-1', lineId: '2', expectedDate: '2026-12-28', reasonCode: 'LOGISTICS' }, buyer);
		const lines = (await t.rt.db.query<{ line_id: string; expected: string; reason: string | null }>(
			`select line_id, to_char(expected_date, 'YYYY-MM-DD') as expected, delay_reason as reason from purchase_order_lines where po_id = 'PO-1' order by line_id`
		)).rows;
		expect(lines).toEqual([
			{ line_id: '1', expected: '2026-12-09', reason: null },
			{ line_id: '2', expected: '2026-12-28', reason: 'LOGISTICS' }
		]);
	});

	it('receives into QC without over-receipt, and only accepted goods become usable stock', async () => {
		await execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '1', qty: 60 }, warehouse);
		expect(await fails(execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '1', qty: 41 }, warehouse))).toMatchObject({ status: 409, path: 'qty', code: 'ERR_PO_OVER_RECEIPT' });
		await execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '1', qty: 40 }, warehouse);
		const loc = async () => Object.fromEntries((await stockOf(t.rt.db, 'STEEL')).map((s) => [s.locationId, s.onHand]));
		expect(await loc()).toEqual({ QC: 100 });

		expect(await fails(execute(t.rt, recordInspection, { poId: 'PO-1', lineId: '1', acceptedQty: 90, rejectedQty: 10 }, quality))).toMatchObject({ path: 'reasonCode' });
		expect(await fails(execute(t.rt, recordInspection, { poId: 'PO-1', lineId: '1', acceptedQty: 95, rejectedQty: 10, reasonCode: 'MATERIAL_DEFECT' }, quality))).toMatchObject({ code: 'ERR_INSPECTION_EXCEEDS_RECEIPT' });
		await execute(t.rt, recordInspection, { poId: 'PO-1', lineId: '1', acceptedQty: 90, rejectedQty: 10, reasonCode: 'MATERIAL_DEFECT' }, quality);
		expect(await loc()).toEqual({ MAIN: 90, QC: 0, REJECTED: 10 });
		const main = (await stockOf(t.rt.db, 'STEEL')).find((s) => s.locationId === 'MAIN')!;
		expect(main.averageCost).toBeCloseTo(12, 6);
	});

	it('keeps roles to their steps of the flow', async () => {
		expect((await fails(execute(t.rt, receiveGoods, { poId: 'PO-1', lineId: '2', qty: 1 }, buyer))).status).toBe(403);
		expect((await fails(execute(t.rt, recordInspection, { poId: 'PO-1', lineId: '2', acceptedQty: 1, rejectedQty: 0 }, warehouse))).status).toBe(403);
		expect((await fails(execute(t.rt, placePurchaseOrder, { poId: 'PO-2', supplierId: 'S-NB', lines: [{ lineId: '1', itemId: 'STEEL', qty: 1, unitPrice: 1, expectedDate: '2026-12-01' }] }, planner))).status).toBe(403);
	});
});
