// The planner's one-click answers to exception messages, as commands and as ingested events: a
// production order moved to a new due date (only while open), and a purchase order line flagged for
// the buyer to expedite (only while something is left to receive). Both keep the latest request by
// business time, and a refused one changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { AppError } from '../../../server/errors.ts';
import { getOrder } from '../../../server/production/production-order.queries.ts';
import { getPurchaseOrder, listPurchaseOrders, poListQuery } from '../../../server/purchasing/purchase-order.queries.ts';

let t: TestRuntime;
const planner: Actor = { kind: 'user', id: 'u-li', name: 'user:li.planner', roles: ['planner'] };
const seller: Actor = { kind: 'user', id: 'u-wang', name: 'user:wang.sales', roles: ['sales'] };

async function run(name: string, input: unknown, actor: Actor = planner) {
	return execute(t.rt, COMMANDS[name].command, input as never, actor, 'ui');
}

/** The refusal a command answers: its first issue's code and path. */
async function refusal(name: string, input: unknown, actor: Actor = planner) {
	try {
		await run(name, input, actor);
	} catch (err) {
		if (!(err instanceof AppError)) throw err;
		const issue = (err.details.issues as { code: string; path: string }[] | undefined)?.[0];
		return issue ? { code: issue.code, path: issue.path } : { code: err.code };
	}
	throw new Error(`${name} was not refused`);
}

/** Posts events as the ingest API stores them; answers the refusal, if any. */
async function ingest(type: string, data: Record<string, unknown>, occurredAt: string) {
	const v = validateBatch(t.rt.catalogue, { events: [{ id: randomUUID(), type, occurredAt, source: 'erp', actor: 'token:ERP', data }] });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	try {
		await t.rt.append(v.events);
		return null;
	} catch (err) {
		const e = err as { code?: string; path?: string };
		return { code: e.code, path: e.path };
	}
}

const today = '2026-11-20';
const dueOf = async (id: string) => (await getOrder(t.rt.db, id, today))!.dueDate;
const lineOf = async (poId: string, lineId: string) => (await getPurchaseOrder(t.rt.db, poId, today))!.lines.find((l) => l.lineId === lineId)!;

beforeAll(async () => {
	t = await openTestRuntime();
	const admin: Actor = { kind: 'system', id: 'system', name: 'system', roles: ['admin'] };
	const item = (itemId: string, makeOrBuy: 'make' | 'buy') => ({ itemId, name: `${itemId} 名称`, kind: makeOrBuy === 'make' ? 'product' : 'material', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays: 2 });
	await run('item.save', item('BIKE', 'make'), admin);
	await run('item.save', item('TUBE', 'buy'), admin);
	await run('supplier.save', { supplierId: 'S-1', name: '宁波钢管' }, admin);
	await run('production_order.create', { allowPastDates: true, productionOrderId: 'MO-1', itemId: 'BIKE', qty: 5, dueDate: '2026-12-10' });
	await run('production_order.create', { allowPastDates: true, productionOrderId: 'MO-DONE', itemId: 'BIKE', qty: 1, dueDate: '2026-12-10' });
	await run('production_order.cancel', { productionOrderId: 'MO-DONE', reasonCode: 'DUPLICATE' });
	await run(
		'purchase_order.place',
		{
			allowPastDates: true,
			poId: 'PO-1',
			supplierId: 'S-1',
			lines: [
				{ lineId: '1', itemId: 'TUBE', qty: 100, unitPrice: 2, expectedDate: '2026-12-05' },
				{ lineId: '2', itemId: 'TUBE', qty: 10, unitPrice: 2, expectedDate: '2026-12-05' }
			]
		},
		admin
	);
	await run('goods.receive', { poId: 'PO-1', lineId: '2', qty: 10 }, admin);
});
afterAll(async () => t?.close());

describe(`production_order.reschedule (${backendLabel})`, () => {
	it('moves an open order to the new due date and records why in its history', async () => {
		expect(await run('production_order.reschedule', { allowPastDates: true, productionOrderId: 'MO-1', dueDate: '2026-12-03', reason: '客户加急' })).toEqual({ productionOrderId: 'MO-1', dueDate: '2026-12-03' });
		const order = (await getOrder(t.rt.db, 'MO-1', today))!;
		expect(order.dueDate).toBe('2026-12-03');
		expect(order.history[0]).toMatchObject({ type: 'production_order.rescheduled', actor: 'user:li.planner', data: { productionOrderId: 'MO-1', dueDate: '2026-12-03', reason: '客户加急' } });
	});

	it('refuses a closed order, an unknown one, a bad date and a role that does not plan, changing nothing', async () => {
		expect(await refusal('production_order.reschedule', { allowPastDates: true, productionOrderId: 'MO-DONE', dueDate: '2026-12-01' })).toEqual({ code: 'ERR_MO_CLOSED', path: 'productionOrderId' });
		expect(await refusal('production_order.reschedule', { allowPastDates: true, productionOrderId: 'MO-NONE', dueDate: '2026-12-01' })).toEqual({ code: 'ERR_MO_UNKNOWN', path: 'productionOrderId' });
		expect(await refusal('production_order.reschedule', { allowPastDates: true, productionOrderId: 'MO-1', dueDate: '2026-13-01' })).toEqual({ code: 'ERR_INVALID_DATE', path: 'dueDate' });
		expect(await refusal('production_order.reschedule', { allowPastDates: true, productionOrderId: 'MO-1', dueDate: '2026-12-01' }, seller)).toEqual({ code: 'ERR_FORBIDDEN' });
		expect(await dueOf('MO-DONE')).toBe('2026-12-10');
		expect(await dueOf('MO-1')).toBe('2026-12-03');
	});

	it('through ingest: the same rule, and an older move arriving late does not undo a newer one', async () => {
		expect(await ingest('production_order.rescheduled', { productionOrderId: 'MO-DONE', dueDate: '2026-12-01' }, '2026-11-21T00:00:00Z')).toEqual({ code: 'ERR_MO_CLOSED', path: 'data.productionOrderId' });
		expect(await ingest('production_order.rescheduled', { productionOrderId: 'MO-1', dueDate: '2026-12-08' }, '2099-01-02T00:00:00Z')).toBeNull();
		expect(await ingest('production_order.rescheduled', { productionOrderId: 'MO-1', dueDate: '2026-12-01' }, '2099-01-01T00:00:00Z')).toBeNull();
		expect(await dueOf('MO-1')).toBe('2026-12-08');
	});
});

describe(`purchase_order.request_expedite (${backendLabel})`, () => {
	it('flags a line still to receive: the order page and the buyer list show who asked, when and why', async () => {
		expect(await run('purchase_order.request_expedite', { poId: 'PO-1', lineId: '1', note: '装配线 12/3 缺料' })).toEqual({ poId: 'PO-1', lineId: '1' });
		const line = await lineOf('PO-1', '1');
		expect(line.expedite).toEqual({ at: expect.any(String), by: 'user:li.planner', note: '装配线 12/3 缺料' });
		const listed = await listPurchaseOrders(t.rt.db, poListQuery.parse({ q: 'PO-1' }), { now: new Date(), timeZone: 'Asia/Shanghai' });
		expect(listed.orders.find((o) => o.poId === 'PO-1')?.expediteRequestedAt).toBe(line.expedite!.at);
		const history = (await getPurchaseOrder(t.rt.db, 'PO-1', today))!.history;
		expect(history[0]).toMatchObject({ type: 'purchase_order.expedite_requested', data: { poId: 'PO-1', lineId: '1' } });
	});

	it('refuses a line fully received or unknown, and a role that neither plans nor buys', async () => {
		expect(await refusal('purchase_order.request_expedite', { poId: 'PO-1', lineId: '2' })).toEqual({ code: 'ERR_PO_LINE_RECEIVED', path: 'lineId' });
		expect(await refusal('purchase_order.request_expedite', { poId: 'PO-1', lineId: '9' })).toEqual({ code: 'ERR_PO_UNKNOWN_LINE', path: 'lineId' });
		expect(await refusal('purchase_order.request_expedite', { poId: 'PO-1', lineId: '1' }, seller)).toEqual({ code: 'ERR_FORBIDDEN' });
		expect((await lineOf('PO-1', '2')).expedite).toBeNull();
	});

	it('through ingest: the same rule, and the latest request by business time stands', async () => {
		expect(await ingest('purchase_order.expedite_requested', { poId: 'PO-1', lineId: '2' }, '2026-11-21T00:00:00Z')).toEqual({ code: 'ERR_PO_LINE_RECEIVED', path: 'data.lineId' });
		expect(await ingest('purchase_order.expedite_requested', { poId: 'PO-NONE', lineId: '1' }, '2026-11-21T00:00:00Z')).toEqual({ code: 'ERR_PO_UNKNOWN_LINE', path: 'data.lineId' });
		expect(await ingest('purchase_order.expedite_requested', { poId: 'PO-1', lineId: '1', note: 'newer' }, '2099-01-02T00:00:00Z')).toBeNull();
		expect(await ingest('purchase_order.expedite_requested', { poId: 'PO-1', lineId: '1', note: 'older' }, '2099-01-01T00:00:00Z')).toBeNull();
		expect((await lineOf('PO-1', '1')).expedite).toEqual({ at: '2099-01-02T00:00:00.000Z', by: 'token:ERP', note: 'newer' });
	});

	it('a rebuild from the log gives the same flags and dates', async () => {
		const before = [await lineOf('PO-1', '1'), await dueOf('MO-1')];
		await t.rt.rebuildProjections();
		expect([await lineOf('PO-1', '1'), await dueOf('MO-1')]).toEqual(before);
	});
});
