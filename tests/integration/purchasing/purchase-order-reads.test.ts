// Purchase order and requisition reads as pages and the API get them: the list filters and sorts on
// the progress the database keeps per order, which must equal what the lines say whatever arrived in
// which order; "late" in SQL must agree with the pure derivation; a requisition's timeline holds its
// own events and the orders that ordered it, and nobody else's.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { approveRequisition, createRequisition, placePurchaseOrder, saveApprovalRule } from '../../../server/purchasing/commands.ts';
import { getPurchaseOrder, listPurchaseOrders, poListQuery, type PoSummary } from '../../../server/purchasing/purchase-order.queries.ts';
import { getRequisition, listRequisitions, requisitionListQuery } from '../../../server/purchasing/requisition.queries.ts';
import { purchaseOrderLate, stillToReceive } from '../../../server/purchasing/purchase-order-status.ts';
import { PO_FILTERS } from '../../../server/purchasing/purchase-order-status.ts';

let t: TestRuntime;
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const planner: Actor = { kind: 'user', id: 'p', name: 'user:li.planner', roles: ['planner'] };
const manager: Actor = { kind: 'user', id: 'm', name: 'user:chen.manager', roles: ['manager'] };
const buyer: Actor = { kind: 'user', id: 'b', name: 'user:sun.buyer', roles: ['purchasing'] };
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt); // ingest refuses orders for unknown customers, suppliers and items
});
afterAll(async () => t?.close());

async function ingest(events: RawEvent[]): Promise<void> {
	if (!events.length) return;
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await t.rt.append(v.events);
}

let minute = 0;
const event = (type: string, data: Record<string, unknown>): RawEvent => ({
	id: randomUUID(),
	type,
	occurredAt: new Date(Date.parse('2026-11-20T00:00:00Z') + ++minute * 60_000).toISOString(),
	source: 'erp',
	actor: 'user:sun.buyer',
	data
});

// 2026-12-05 at the factory (Asia/Shanghai).
const clock = { now: new Date('2026-12-05T04:00:00Z'), timeZone: 'Asia/Shanghai' };
const today = '2026-12-05';
const query = (q: Record<string, string>) => poListQuery.parse({ pageSize: '200', ...q });

/** The progress of orders as their lines say it, grouped now (what the list read before it kept it). */
async function progressFromLines(tag: string) {
	const r = await t.rt.db.query<Record<string, unknown>>(
		`select o.po_id as "poId", count(l.qty)::int as lines, coalesce(sum(l.qty * l.unit_price), 0)::float8 as value,
			coalesce(sum(l.qty), 0)::float8 as "orderedQty", coalesce(sum(l.received_qty), 0)::float8 as "receivedQty",
			coalesce(sum(l.accepted_qty + l.rejected_qty), 0)::float8 as "inspectedQty",
			to_char(min(l.expected_date) filter (where l.received_qty < l.qty), 'YYYY-MM-DD') as "earliestExpected"
		from purchase_orders o left join purchase_order_lines l on l.po_id = o.po_id
		where o.po_id like $1 group by o.po_id order by o.po_id`,
		[`PO-${tag}-%`]
	);
	return r.rows;
}

const lineArb = fc.record({
	qty: fc.integer({ min: 1, max: 50 }),
	unitPrice: fc.integer({ min: 1, max: 9 }),
	expectedDay: fc.integer({ min: 1, max: 9 }),
	received: fc.nat({ max: 60 }),
	inspected: fc.nat({ max: 60 }),
	delayTo: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null })
});
const orderArb = fc.array(lineArb, { minLength: 1, maxLength: 3 });

describe(`purchase order reads (${backendLabel})`, () => {
	it('keeps each order\'s progress equal to its lines, and finds late orders as the pure derivation does', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(orderArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (orders, receiptFirst) => {
				const tag = randomUUID().slice(0, 8);
				for (const [o, lines] of orders.entries()) {
					const poId = `PO-${tag}-${o}`;
					const placed = event('purchase_order.placed', {
						poId,
						supplierId: 'S-1',
						lines: lines.map((l, i) => ({ lineId: String(i + 1), itemId: 'MAT-1', qty: l.qty, unitPrice: l.unitPrice, expectedDate: `2026-12-0${l.expectedDay}` }))
					});
					const receipts = lines.flatMap((l, i) => {
						const qty = Math.min(l.received, l.qty);
						return qty > 0 ? [event('goods.received', { poId, lineId: String(i + 1), qty, itemId: 'MAT-1' })] : [];
					});
					// Goods may be received before the order reaches us (an ERP out of step).
					if (receiptFirst) await ingest(receipts);
					await ingest([placed]);
					if (!receiptFirst) await ingest(receipts);
					const later = lines.flatMap((l, i) => {
						const received = Math.min(l.received, l.qty);
						const inspected = Math.min(l.inspected, received);
						return [
							...(inspected > 0 ? [event('inspection.recorded', { poId, lineId: String(i + 1), acceptedQty: inspected, rejectedQty: 0, itemId: 'MAT-1' })] : []),
							...(l.delayTo !== null ? [event('purchase_order.delayed', { poId, lineId: String(i + 1), expectedDate: `2026-12-0${l.delayTo}`, reasonCode: 'LOGISTICS' })] : [])
						];
					});
					await ingest(later);
				}
				const listed = (await listPurchaseOrders(t.rt.db, query({ q: `PO-${tag}-`, sort: 'poId', dir: 'asc' }), clock)).orders;
				const pick = ({ poId, lines, value, orderedQty, receivedQty, inspectedQty, earliestExpected }: PoSummary) => ({
					poId, lines, value, orderedQty, receivedQty, inspectedQty, earliestExpected
				});
				expect(listed.map(pick)).toEqual(await progressFromLines(tag));

				// Each filter, in SQL, against the pure derivation over the order's lines.
				const details = await Promise.all(listed.map((o) => getPurchaseOrder(t.rt.db, o.poId, today)));
				const expected: Record<(typeof PO_FILTERS)[number], string[]> = { open: [], late: [], received: [], inspection: [] };
				for (const d of details) {
					const lines = d!.lines;
					if (lines.some(stillToReceive)) expected.open.push(d!.poId);
					else expected.received.push(d!.poId);
					if (purchaseOrderLate(lines, today)) expected.late.push(d!.poId);
					if (lines.some((l) => l.receivedQty > l.acceptedQty + l.rejectedQty)) expected.inspection.push(d!.poId);
					expect(listed.find((o) => o.poId === d!.poId)!.late).toBe(purchaseOrderLate(lines, today));
					expect(lines.some((l) => l.late)).toBe(purchaseOrderLate(lines, today));
				}
				for (const status of PO_FILTERS) {
					const r = await listPurchaseOrders(t.rt.db, query({ q: `PO-${tag}-`, status, sort: 'poId', dir: 'asc' }), clock);
					expect(r.orders.map((o) => o.poId), status).toEqual(expected[status]);
					expect(r.total).toBe(expected[status].length);
				}
			}),
			{ numRuns: 12 }
		);
	});

	it('pages and sorts the list in SQL, with the total of every page', async () => {
		const tag = 'PG' + randomUUID().slice(0, 6);
		for (let i = 1; i <= 7; i++) {
			await ingest([
				event('purchase_order.placed', {
					poId: `PO-${tag}-${i}`,
					supplierId: 'S-1',
					lines: [{ lineId: '1', itemId: 'MAT-1', qty: 10, unitPrice: 8 - i, expectedDate: `2026-12-0${i}` }]
				})
			]);
		}
		const page = (q: Record<string, string>) => listPurchaseOrders(t.rt.db, poListQuery.parse({ q: `PO-${tag}-`, pageSize: '3', ...q }), clock);
		const newest = await page({});
		expect(newest.total).toBe(7);
		expect(newest.orders.map((o) => o.poId)).toEqual([7, 6, 5].map((i) => `PO-${tag}-${i}`));
		expect((await page({ page: '3' })).orders.map((o) => o.poId)).toEqual([`PO-${tag}-1`]);
		expect((await page({ sort: 'value', dir: 'asc' })).orders.map((o) => o.value)).toEqual([10, 20, 30]);
		expect((await page({ sort: 'expected', dir: 'asc' })).orders.map((o) => o.earliestExpected)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
		const late = await page({ status: 'late', sort: 'expected', dir: 'desc' });
		expect(late.total).toBe(4);
		expect(late.orders.map((o) => o.earliestExpected)).toEqual(['2026-12-04', '2026-12-03', '2026-12-02']);
	});
});

describe(`requisition reads (${backendLabel})`, () => {
	it('reads a requisition\'s timeline: its own events and the orders that ordered it, nobody else\'s', async () => {
		await execute(t.rt, saveSupplier, { supplierId: 'S-TL', name: '宁波钢材' }, admin);
		await execute(t.rt, saveItem, { itemId: 'M-TL', name: 'Steel', kind: 'material', uom: 'm', unitCost: 8, makeOrBuy: 'buy', leadTimeDays: 10 }, admin);
		await execute(t.rt, saveApprovalRule, { ruleId: 'R-TL', name: 'timeline', priority: 1, conditions: {}, steps: [{ role: 'manager' }], active: true }, admin);
		const create = (requisitionId: string, qty: number) =>
			execute(t.rt, createRequisition, { requisitionId, itemId: 'M-TL', qty, neededBy: '2026-12-20', supplierId: 'S-TL', unitPrice: qty }, planner);
		await create('PR-TL-1', 15);
		await create('PR-TL-2', 20);
		await create('PR-TL-10', 30);
		await execute(t.rt, approveRequisition, { requisitionId: 'PR-TL-1' }, manager);
		await execute(t.rt, approveRequisition, { requisitionId: 'PR-TL-2' }, manager);
		const place = (poId: string, requisitionId: string) =>
			execute(t.rt, placePurchaseOrder, { poId, supplierId: 'S-TL', lines: [{ lineId: '1', itemId: 'M-TL', qty: 10, unitPrice: 2, expectedDate: '2026-12-10', requisitionId }] }, buyer);
		await place('PO-TL-A', 'PR-TL-1');
		await place('PO-TL-B', 'PR-TL-2');
		const detail = await getRequisition(t.rt.db, 'PR-TL-1');
		expect(detail!.requisition).toMatchObject({ status: 'ordered', poId: 'PO-TL-A', pending: null });
		expect(detail!.history.map((e) => e.type)).toEqual(['purchase_order.placed', 'requisition.approved', 'requisition.created']);
		expect(detail!.history[0].data.poId).toBe('PO-TL-A');
		expect((await getRequisition(t.rt.db, 'PR-TL-10'))!.history.map((e) => e.type)).toEqual(['requisition.created']);
		expect(await getRequisition(t.rt.db, 'PR-TL-404')).toBeNull();

		const list = (q: Record<string, string>, roles: string[] = ['manager']) => {
			const query = requisitionListQuery.parse({ q: 'PR-TL-', ...q });
			return listRequisitions(t.rt.db, { ...query, status: query.status ?? 'all' }, roles);
		};
		expect((await list({ status: 'awaiting' })).requisitions.map((r) => r.requisitionId)).toEqual(['PR-TL-10']);
		expect((await list({ status: 'awaiting' }, ['purchasing'])).total).toBe(0);
		expect((await list({ status: 'ordered', sort: 'amount', dir: 'desc' })).requisitions.map((r) => r.requisitionId)).toEqual(['PR-TL-2', 'PR-TL-1']);
		expect((await list({ sort: 'createdAt', dir: 'asc', pageSize: '2', page: '2' })).requisitions.map((r) => r.requisitionId)).toEqual(['PR-TL-10']);
	});
});
