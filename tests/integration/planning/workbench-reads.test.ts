// The planner's workbench over a plan the planning run stored from live data: items with their low-level
// codes, one item's time-phased record by day, the pegging tree down from a sales order line through
// three BOM levels and up from any supply to the customer order, the exception list with the one-click
// answer each message allows, and the what-if of a sales order line against the plan as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { placePurchaseOrder, requestExpedite } from '../../../server/purchasing/commands.ts';
import { createProductionOrder, rescheduleProductionOrder } from '../../../server/production/commands.ts';
import { netChangeSettled } from '../../support/net-change.ts';
import { planCalendar } from '../../../server/planning/calendar.ts';
import { whatIf } from '../../../server/planning/what-if.ts';
import {
	customerLines,
	itemPlan,
	listExceptions,
	peggingDown,
	peggingUp,
	planHeader,
	searchPlanItems,
	itemSearchQuery,
	type PegNode
} from '../../../server/planning/workbench.queries.ts';

// Today is 2026-12-07 in the factory (Asia/Shanghai): bucket 0.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const TZ = 'Asia/Shanghai';
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

const item = (itemId: string, name: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number, more: Record<string, unknown> = {}) =>
	execute(t.rt, saveItem, { itemId, name, kind: makeOrBuy === 'buy' ? 'material' : 'product', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays, ...more }, admin);

async function netChange() {
	await netChangeSettled(t.rt);
	return t.rt.planning.netChange();
}

/** A tree as "kind id[/line] qty [takes qty item]" lines, indented by level: what a planner reads. */
function outline(n: PegNode, depth = 0): string[] {
	const uses = n.uses ? ` takes ${n.uses.qty} ${n.uses.itemId}` : '';
	const self = `${'  '.repeat(depth)}${n.kind} ${n.lineId ? `${n.id}/${n.lineId}` : n.id}${n.qty === null ? '' : ` ${n.qty}`}${uses}`;
	return [self, ...n.children.flatMap((c) => outline(c, depth + 1))];
}

beforeAll(async () => {
	t = await openTestRuntime({ clock: { now: () => NOW } });
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-1', name: '宁波钢管' }, admin);
	// BIKE ← FRAME (← 3 TUBE) + 2 WHEEL: three levels below the sales order.
	await item('BIKE', '城市自行车', 'make', 2, { lotSizing: { rule: 'LFL' } });
	await item('FRAME', '车架', 'make', 3);
	await item('TUBE', '钢管', 'buy', 4);
	await item('WHEEL', '车轮', 'buy', 1, { safetyStock: 2, lotSizing: { rule: 'FOQ', qty: 12 } });
	await execute(t.rt, replaceBom, { parentItemId: 'BIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }, { childItemId: 'WHEEL', qtyPer: 2 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'FRAME', lines: [{ childItemId: 'TUBE', qtyPer: 3 }] }, admin);
	await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: '2026-12-21' }] }, admin);
	await t.rt.planning.regenerate('test');
}, 120_000);
afterAll(async () => t?.close());

describe(`the planner's workbench over a stored plan (${backendLabel})`, { timeout: 120_000 }, () => {
	it('lists the items with their low-level codes, those with exceptions first', async () => {
		const { items, total } = await searchPlanItems(t.rt.db, itemSearchQuery.parse({}));
		expect(total).toBe(4);
		// WHEEL's safety stock asks for a receipt today, too late to order: an exception, so WHEEL comes first.
		expect(items.map((i) => [i.itemId, i.lowLevelCode, i.makeOrBuy, i.exceptions > 0])).toEqual([
			['WHEEL', 1, 'buy', true],
			['BIKE', 0, 'make', false],
			['FRAME', 1, 'make', false],
			['TUBE', 2, 'buy', false]
		]);
		const found = await searchPlanItems(t.rt.db, itemSearchQuery.parse({ q: '车架' }));
		expect(found.items.map((i) => i.itemId)).toEqual(['FRAME']);
		expect((await searchPlanItems(t.rt.db, itemSearchQuery.parse({ exceptions: '1' }))).items.map((i) => i.itemId)).toEqual(['WHEEL']);
	});

	it("shows an item's record by day: gross requirement on the order's date, planned order offset by lead time", async () => {
		const header = await planHeader(t.rt.db);
		expect(header).toMatchObject({ startDate: '2026-12-07', mode: 'regenerative' });
		const bike = (await itemPlan(t.rt.db, 'BIKE', header))!;
		expect(bike.item).toMatchObject({ itemId: 'BIKE', name: '城市自行车', lowLevelCode: 0, leadTimeDays: 2, lotSizing: { rule: 'LFL' } });
		const day = (date: string) => bike.days!.find((d) => d.date === date);
		expect(day('2026-12-21')).toEqual({
			date: '2026-12-21',
			grossRequirements: 5,
			scheduledReceipts: 0,
			projectedOnHand: 0,
			netRequirements: 5,
			plannedOrderReceipts: 5,
			plannedOrderReleases: 0
		});
		expect(day('2026-12-19')).toMatchObject({ plannedOrderReleases: 5 });
		expect(bike.plannedOrders).toEqual([{ id: 'PLN-BIKE-20261221', itemId: 'BIKE', kind: 'make', qty: 5, releaseDate: '2026-12-19', dueDate: '2026-12-21', firmedAs: null }]);
		// WHEEL: fixed lots of 12 for 10 wheels and a safety stock of 2; its master data as the page shows it.
		const wheel = (await itemPlan(t.rt.db, 'WHEEL', header))!;
		expect(wheel.item).toMatchObject({ safetyStock: 2, lotSizing: { rule: 'FOQ', qty: 12 }, lowLevelCode: 1, makeOrBuy: 'buy' });
		expect(wheel.plannedOrders.every((o) => o.qty % 12 === 0)).toBe(true);
		expect(wheel.exceptions.map((x) => x.kind)).toContain('past_due');
	});

	it('follows a sales order line down through every BOM level to the supplies at the bottom', async () => {
		const tree = await peggingDown(t.rt.db, { kind: 'sales_order_line', id: 'SO-1', lineId: '10' });
		expect(tree).toMatchObject({ kind: 'sales_order_line', id: 'SO-1', lineId: '10', itemId: 'BIKE', itemName: '城市自行车', qty: 5, date: '2026-12-21', party: '上海客户' });
		const lines = outline(tree);
		expect(lines.slice(0, 3)).toEqual(['sales_order_line SO-1/10 5', '  planned_order PLN-BIKE-20261221 5', '    planned_order PLN-FRAME-20261219 5']);
		expect(lines).toContain('      planned_order PLN-TUBE-20261216 15');
		// The lot of 12 wheels bought for the safety stock today carries the 10 the bikes need.
		expect(lines).toContain('    planned_order PLN-WHEEL-20261207 10');
		const frame = tree.children[0].children.find((c) => c.itemId === 'FRAME')!;
		expect(frame).toMatchObject({ needDate: '2026-12-19', date: '2026-12-19', releaseDate: '2026-12-16', itemName: '车架' });
	});

	it('follows a purchase order line up to the customer order it serves in the end', async () => {
		await execute(t.rt, placePurchaseOrder, { poId: 'PO-1', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'TUBE', qty: 20, unitPrice: 3, expectedDate: '2026-12-15' }] }, admin);
		await netChange();
		const up = await peggingUp(t.rt.db, { kind: 'purchase_order', id: 'PO-1', lineId: '1' });
		expect(up).toMatchObject({ kind: 'purchase_order', id: 'PO-1', lineId: '1', itemId: 'TUBE', party: '宁波钢管', date: '2026-12-15', qty: 20 });
		const lines = outline(up);
		// Each parent order with its own quantity, and what it takes of the component below it.
		expect(lines).toContain('  planned_order PLN-FRAME-20261219 5 takes 15 TUBE');
		expect(lines).toContain('    planned_order PLN-BIKE-20261221 5 takes 5 FRAME');
		expect(lines).toContain('      sales_order_line SO-1/10 5');
		expect(customerLines(up)).toEqual([{ orderId: 'SO-1', lineId: '10', party: '上海客户', qty: 5 }]);
		// Down from the sales order the purchase order now stands where the planned tubes stood.
		expect(outline(await peggingDown(t.rt.db, { kind: 'sales_order_line', id: 'SO-1', lineId: '10' }))).toContain('      purchase_order PO-1/1 15');
	});

	it('lists exception messages with their one-click answers: expedite a PO line, reschedule a production order, firm a past-due planned order', async () => {
		// Two bikes due in four days: the frames are needed in two, sooner than a new one can be made (3
		// days), so the open production order due in three is asked to come a day earlier.
		await execute(t.rt, createSalesOrder, { orderId: 'SO-3', customerId: 'C-1', lines: [{ lineId: '1', itemId: 'BIKE', qty: 2, requestedDate: '2026-12-11' }] }, admin);
		await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-1', itemId: 'FRAME', qty: 2, dueDate: '2026-12-10' }, admin);
		// MO-1 needs its 6 tubes today; tubes take 4 days to buy: the PO line coming in 3 is asked to hurry.
		await execute(t.rt, placePurchaseOrder, { poId: 'PO-2', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'TUBE', qty: 6, unitPrice: 3, expectedDate: '2026-12-10' }] }, admin);
		await netChange();
		const { exceptions, total } = await listExceptions(t.rt.db);
		expect(total).toBe(exceptions.length);
		expect(exceptions).toContainEqual(
			expect.objectContaining({
				kind: 'expedite',
				itemId: 'FRAME',
				itemName: '车架',
				ref: { kind: 'production_order', id: 'MO-1', lineId: null },
				date: '2026-12-09',
				days: 1,
				refDate: '2026-12-10',
				refStatus: 'created',
				action: { kind: 'reschedule', productionOrderId: 'MO-1', from: '2026-12-10', to: '2026-12-09' }
			})
		);
		expect(exceptions).toContainEqual(
			expect.objectContaining({
				kind: 'expedite',
				itemId: 'TUBE',
				ref: { kind: 'purchase_order', id: 'PO-2', lineId: '1' },
				date: '2026-12-07',
				days: 3,
				refDate: '2026-12-10',
				party: '宁波钢管',
				action: { kind: 'expedite', poId: 'PO-2', lineId: '1', requestedAt: null }
			})
		);
		const pastDue = exceptions.find((x) => x.kind === 'past_due' && x.itemId === 'WHEEL')!;
		expect(pastDue).toMatchObject({ ref: null, plannedOrderId: expect.stringMatching(/^PLN-WHEEL-/), action: { kind: 'firm', plannedOrderId: pastDue.plannedOrderId } });
		// A shortage has no one-click answer; urgent kinds come first.
		expect(exceptions.filter((x) => x.kind === 'shortage').every((x) => x.action === null)).toBe(true);
		const rank = ['past_due', 'shortage', 'expedite', 'defer', 'cancel'];
		const ranks = exceptions.map((x) => rank.indexOf(x.kind));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		// One item's messages, the filter by kind, the search by order.
		expect((await listExceptions(t.rt.db, { itemId: 'FRAME' })).exceptions.map((x) => x.ref?.id)).toEqual(['MO-1']);
		expect((await listExceptions(t.rt.db, { kind: 'expedite' })).exceptions.map((x) => x.ref?.id).sort()).toEqual(['MO-1', 'PO-2']);
		expect((await listExceptions(t.rt.db, { q: 'PO-2' })).exceptions.map((x) => x.kind)).toEqual(['expedite']);
	});

	it('after the one click the message says so: the PO line flagged, the production order moved', async () => {
		await execute(t.rt, requestExpedite, { poId: 'PO-2', lineId: '1', note: 'MO-1 今天开工' }, admin);
		await execute(t.rt, rescheduleProductionOrder, { productionOrderId: 'MO-1', dueDate: '2026-12-09', reason: 'plan' }, admin);
		await netChange();
		const { exceptions } = await listExceptions(t.rt.db);
		expect(exceptions.find((x) => x.ref?.id === 'PO-2')?.action).toEqual({ kind: 'expedite', poId: 'PO-2', lineId: '1', requestedAt: expect.any(String) });
		expect(exceptions.find((x) => x.ref?.id === 'MO-1')).toBeUndefined();
		// The pegging tree shows the flag too, and the customer order the line serves in the end.
		const up = await peggingUp(t.rt.db, { kind: 'purchase_order', id: 'PO-2', lineId: '1' });
		expect(up.status).toBe('expedite_requested');
		expect(customerLines(up)).toEqual([{ orderId: 'SO-3', lineId: '1', party: '上海客户', qty: 2 }]);
	});

	it("what-if: more bikes later → the plan's orders grow, nothing is stored, the line's outlook is told", async () => {
		const before = await t.rt.db.query('select id, qty::float8 as qty from planned_orders order by id');
		const calendar = planCalendar(NOW, TZ, 120);
		const r = (await whatIf({ q: t.rt.db, calendar, timeZone: TZ }, { orderId: 'SO-1', lineId: '10', qty: 8, date: '2026-12-28' }))!;
		expect(r.line).toMatchObject({ orderId: 'SO-1', lineId: '10', itemId: 'BIKE', qty: 5, date: '2026-12-21' });
		expect(r.changed).toEqual({ qty: 8, date: '2026-12-28' });
		expect(r.added).toContainEqual({ id: 'PLN-BIKE-20261228', itemId: 'BIKE', kind: 'make', qty: 8, releaseDate: '2026-12-26', dueDate: '2026-12-28' });
		expect(r.removed).toContainEqual(expect.objectContaining({ id: 'PLN-BIKE-20261221', qty: 5 }));
		expect(r.after).toMatchObject({ dueDate: '2026-12-28', expectedDate: '2026-12-28', daysLate: 0, causes: [] });
		expect(r.before.dueDate).toBe('2026-12-21');
		// Nothing was written.
		expect((await t.rt.db.query('select id, qty::float8 as qty from planned_orders order by id')).rows).toEqual(before.rows);
		// The same line unchanged: no difference at all.
		const same = (await whatIf({ q: t.rt.db, calendar, timeZone: TZ }, { orderId: 'SO-1', lineId: '10' }))!;
		expect([same.added, same.removed, same.changedOrders, same.exceptionsAdded, same.exceptionsRemoved]).toEqual([[], [], [], [], []]);
		expect(same.after).toEqual(same.before);
	});

	it('what-if: a date the bikes cannot be made for is late, with the cause', async () => {
		const calendar = planCalendar(NOW, TZ, 120);
		const r = (await whatIf({ q: t.rt.db, calendar, timeZone: TZ }, { orderId: 'SO-1', lineId: '10', date: '2026-12-08' }))!;
		expect(r.after.dueDate).toBe('2026-12-08');
		expect(r.after.daysLate).toBeGreaterThan(0);
		expect(r.after.causes.length).toBeGreaterThan(0);
		expect(r.exceptionsAdded.some((e) => e.kind === 'past_due' && e.itemId === 'BIKE')).toBe(true);
		expect(await whatIf({ q: t.rt.db, calendar, timeZone: TZ }, { orderId: 'SO-1', lineId: '99' })).toBeNull();
	});
});
