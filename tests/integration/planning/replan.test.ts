// A changed or cancelled sales order line replans what serves it: its planned orders move or resize,
// and the production and purchase orders pegged to it get reschedule-in (expedite), reschedule-out
// (defer) and cancel messages. Each change reaches the plan as in the live system (the net-change
// reaction, then a net change), and the stored plan is the one a regenerative run stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder } from '../../../server/sales/commands.ts';
import { placePurchaseOrder } from '../../../server/purchasing/commands.ts';
import { createProductionOrder } from '../../../server/production/commands.ts';
import { listExceptions, listPlannedOrders } from '../../../server/planning/plan.queries.ts';
import { netChangeSettled } from '../../support/net-change.ts';
import type { Queryable } from '../../../server/db/db.ts';

// Today is 2026-12-07 in the factory (Asia/Shanghai): bucket 0.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

const item = (itemId: string, makeOrBuy: 'make' | 'buy', leadTimeDays: number) =>
	execute(t.rt, saveItem, { itemId, name: itemId, kind: makeOrBuy === 'buy' ? 'material' : 'product', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays }, admin);

beforeAll(async () => {
	let ticks = 0;
	t = await openTestRuntime({ clock: { now: () => new Date(NOW.getTime() + ticks++) } });
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	await execute(t.rt, saveSupplier, { supplierId: 'S-1', name: '宁波五金' }, admin);
	// A gift set is packed in a day from a cart (made in 7 days) and a bell (bought in 8 days).
	await item('GIFTSET', 'make', 1);
	await item('CART', 'make', 7);
	await item('BELL', 'buy', 8);
	await execute(t.rt, replaceBom, { parentItemId: 'GIFTSET', lines: [{ childItemId: 'CART', qtyPer: 1 }, { childItemId: 'BELL', qtyPer: 1 }] }, admin);
	// Sold as they are, with long lead times: a tray made in 10 days, a lamp bought in 10.
	await item('TRAY', 'make', 10);
	await item('LAMP', 'buy', 10);
	await t.rt.planning.regenerate('test');
}, 120_000);
afterAll(async () => t?.close());

/** Everything a plan stores, as comparable rows. */
async function snapshot(q: Queryable) {
	const rows = async (sql: string) => (await q.query(sql)).rows;
	return {
		orders: await rows(`select id, item_id, kind, qty::float8 as qty, release_date::text as r, due_date::text as d from planned_orders order by id`),
		pegs: await rows(
			`select supply_kind, supply_id, supply_line_id, seq, item_id, qty::float8 as qty, demand_kind, demand_id, demand_line_id, need_date::text as n
			from plan_pegs order by supply_kind, supply_id, supply_line_id, seq`
		),
		exceptions: await rows(`select id, item_id, kind, ref_kind, ref_id, ref_line_id, planned_order_id, date::text as d, days::float8 as days, qty::float8 as qty from plan_exceptions order by id`),
		records: await rows(`select item_id, low_level_code, record from plan_records order by item_id`)
	};
}

/**
 * The plan after the commands so far, as the live system makes it: once the net-change reaction has
 * passed the last event it follows, the net change it asked for; then checked against a regenerative run.
 */
async function replanned() {
	await netChangeSettled(t.rt);
	const asked = await t.rt.db.query<{ asked: boolean }>(`select r.version > s.input_version as asked from plan_requests r, plan_state s where r.id = 1 and s.id = 1`);
	expect(asked.rows[0].asked).toBe(true);
	const run = await t.rt.planning.netChange();
	expect(run).toMatchObject({ mode: 'net_change', outcome: 'stored' });
	const afterNet = await snapshot(t.rt.db);
	await t.rt.planning.regenerate('test');
	expect(await snapshot(t.rt.db)).toEqual(afterNet);
	return run;
}

/** The exceptions on these items, as kind, order, date and days (or quantity). */
async function messages(...items: string[]) {
	const { exceptions } = await listExceptions(t.rt.db, 'en');
	return exceptions
		.filter((e) => items.includes(e.itemId))
		.map((e) => ({ kind: e.kind, ref: e.ref?.lineId ? `${e.ref.id}/${e.ref.lineId}` : e.ref?.id, date: e.date, ...(e.days !== undefined ? { days: e.days } : {}), ...(e.qty !== undefined ? { qty: e.qty } : {}) }));
}

async function planned(...items: string[]) {
	const { plannedOrders } = await listPlannedOrders(t.rt.db);
	return plannedOrders.filter((o) => items.includes(o.itemId)).map((o) => ({ id: o.id, qty: o.qty, releaseDate: o.releaseDate, dueDate: o.dueDate }));
}

/** What the pegs say each supply serves (one level up). */
async function pegsOf(kind: string, id: string) {
	const r = await t.rt.db.query<{ demand_kind: string; demand_id: string; demand_line_id: string; qty: number; need: string }>(
		`select demand_kind, demand_id, demand_line_id, qty::float8 as qty, need_date::text as need from plan_pegs where supply_kind = $1 and supply_id = $2 order by seq`,
		[kind, id]
	);
	return r.rows.map((p) => ({ demand: [p.demand_kind, [p.demand_id, p.demand_line_id].filter(Boolean).join('/')].filter(Boolean).join(' '), qty: p.qty, need: p.need }));
}

const change = (orderId: string, lines: Record<string, unknown>[]) => execute(t.rt, changeSalesOrder, { orderId, reasonCode: 'CUSTOMER_REQUEST', lines }, admin);

describe(`a changed or cancelled sales order line replans what serves it (${backendLabel})`, { timeout: 120_000 }, () => {
	describe('through the planned order of its assembly, to the production order and the purchase order line placed for it', () => {
		it('pegs the line to its planned gift sets, and those to the cart production order and the bell purchase order line', async () => {
			await execute(t.rt, createSalesOrder, { orderId: 'SO-1', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'GIFTSET', qty: 10, requestedDate: '2026-12-14' }] }, admin);
			await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-1', itemId: 'CART', qty: 10, dueDate: '2026-12-13' }, admin);
			await execute(t.rt, placePurchaseOrder, { poId: 'PO-1', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'BELL', qty: 10, unitPrice: 3, expectedDate: '2026-12-13' }] }, admin);
			await replanned();
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([{ id: 'PLN-GIFTSET-20261214', qty: 10, releaseDate: '2026-12-13', dueDate: '2026-12-14' }]);
			expect(await pegsOf('planned_order', 'PLN-GIFTSET-20261214')).toEqual([{ demand: 'sales_order_line SO-1/10', qty: 10, need: '2026-12-14' }]);
			expect(await pegsOf('production_order', 'MO-1')).toEqual([{ demand: 'planned_order PLN-GIFTSET-20261214', qty: 10, need: '2026-12-13' }]);
			expect(await pegsOf('purchase_order', 'PO-1')).toEqual([{ demand: 'planned_order PLN-GIFTSET-20261214', qty: 10, need: '2026-12-13' }]);
			// Both arrive the day the gift sets are packed: nothing to say.
			expect(await messages('GIFTSET', 'CART', 'BELL')).toEqual([]);
		});

		it('a line wanted 2 days earlier moves its planned order, and asks to expedite the production order and the purchase order line by 2 days', async () => {
			await change('SO-1', [{ lineId: '10', requestedDate: '2026-12-12' }]);
			expect(await replanned()).toMatchObject({ trigger: 'sales_order.changed' });
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([{ id: 'PLN-GIFTSET-20261212', qty: 10, releaseDate: '2026-12-11', dueDate: '2026-12-12' }]);
			// A new cart or bell could not come by the 11th: the orders on the way are pulled in.
			expect(await messages('GIFTSET', 'CART', 'BELL')).toEqual([
				{ kind: 'expedite', ref: 'PO-1/1', date: '2026-12-11', days: 2 },
				{ kind: 'expedite', ref: 'MO-1', date: '2026-12-11', days: 2 }
			]);
			expect(await pegsOf('production_order', 'MO-1')).toEqual([{ demand: 'planned_order PLN-GIFTSET-20261212', qty: 10, need: '2026-12-11' }]);
			const { exceptions } = await listExceptions(t.rt.db, 'en', { itemId: 'CART' });
			expect(exceptions[0].message).toBe('Expedite production order MO-1 (CART) by 2 days: needed on 2026-12-11');
			const zh = await listExceptions(t.rt.db, 'zh-CN', { itemId: 'BELL' });
			expect(zh.exceptions[0].message).toBe('采购单 PO-1 第 1 行（BELL）需提前 2 天，于 2026-12-11 到货');
		});

		it('a line wanted 3 days later than at first defers them by 3 days', async () => {
			await change('SO-1', [{ lineId: '10', requestedDate: '2026-12-17' }]);
			await replanned();
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([{ id: 'PLN-GIFTSET-20261217', qty: 10, releaseDate: '2026-12-16', dueDate: '2026-12-17' }]);
			expect(await messages('GIFTSET', 'CART', 'BELL')).toEqual([
				{ kind: 'defer', ref: 'PO-1/1', date: '2026-12-16', days: 3 },
				{ kind: 'defer', ref: 'MO-1', date: '2026-12-16', days: 3 }
			]);
			const { exceptions } = await listExceptions(t.rt.db, 'en', { itemId: 'BELL', kind: 'defer' });
			expect(exceptions[0].message).toBe('Defer purchase order PO-1 line 1 (BELL) by 3 days: not needed before 2026-12-16');
		});

		it('a larger quantity resizes the planned order, and plans what the orders on the way do not cover', async () => {
			await change('SO-1', [{ lineId: '10', qty: 14 }]);
			await replanned();
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([
				// A cart takes 7 days, a bell 8: both can still come by the 16th.
				{ id: 'PLN-BELL-20261216', qty: 4, releaseDate: '2026-12-08', dueDate: '2026-12-16' },
				{ id: 'PLN-CART-20261216', qty: 4, releaseDate: '2026-12-09', dueDate: '2026-12-16' },
				{ id: 'PLN-GIFTSET-20261217', qty: 14, releaseDate: '2026-12-16', dueDate: '2026-12-17' }
			]);
			expect(await pegsOf('planned_order', 'PLN-CART-20261216')).toEqual([{ demand: 'planned_order PLN-GIFTSET-20261217', qty: 4, need: '2026-12-16' }]);
			// The orders on the way still come 3 days early.
			expect((await messages('CART', 'BELL')).map((m) => [m.kind, m.ref, m.days])).toEqual([
				['defer', 'PO-1/1', 3],
				['defer', 'MO-1', 3]
			]);
		});

		it('a smaller quantity shrinks the planned order and drops the extra ones; what the orders on the way bring beyond it is free stock', async () => {
			await change('SO-1', [{ lineId: '10', qty: 6 }]);
			await replanned();
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([{ id: 'PLN-GIFTSET-20261217', qty: 6, releaseDate: '2026-12-16', dueDate: '2026-12-17' }]);
			expect(await pegsOf('production_order', 'MO-1')).toEqual([
				{ demand: 'planned_order PLN-GIFTSET-20261217', qty: 6, need: '2026-12-16' },
				{ demand: 'stock', qty: 4, need: '2026-12-13' }
			]);
			expect((await messages('CART', 'BELL')).map((m) => [m.kind, m.ref, m.days])).toEqual([
				['defer', 'PO-1/1', 3],
				['defer', 'MO-1', 3]
			]);
		});

		it('a cancelled line takes its planned orders away, and asks to cancel the production order and the purchase order line', async () => {
			await execute(t.rt, cancelSalesOrder, { orderId: 'SO-1', lineIds: ['10'], reasonCode: 'CUSTOMER_CANCELLED' }, admin);
			expect(await replanned()).toMatchObject({ trigger: 'sales_order.cancelled' });
			expect(await planned('GIFTSET', 'CART', 'BELL')).toEqual([]);
			expect(await messages('GIFTSET', 'CART', 'BELL')).toEqual([
				{ kind: 'cancel', ref: 'PO-1/1', date: '2026-12-13', qty: 10 },
				{ kind: 'cancel', ref: 'MO-1', date: '2026-12-13', qty: 10 }
			]);
			const { exceptions } = await listExceptions(t.rt.db, 'en', { itemId: 'CART' });
			expect(exceptions[0].message).toBe('Cancel production order MO-1 (CART, 10): not needed within the horizon');
			expect((await listExceptions(t.rt.db, 'zh-CN', { itemId: 'BELL' })).exceptions[0].message).toBe('采购单 PO-1 第 1 行（BELL，10）在计划期内不再需要，可取消');
			expect(await pegsOf('production_order', 'MO-1')).toEqual([{ demand: 'stock', qty: 10, need: '2026-12-13' }]);
		});
	});

	describe('lines served straight from a production order and a purchase order line', () => {
		it('pegs each line to the order placed for it', async () => {
			await execute(
				t.rt,
				createSalesOrder,
				{
					orderId: 'SO-2',
					customerId: 'C-1',
					lines: [
						{ lineId: '10', itemId: 'TRAY', qty: 5, requestedDate: '2026-12-15' },
						{ lineId: '20', itemId: 'LAMP', qty: 8, requestedDate: '2026-12-15' }
					]
				},
				admin
			);
			await execute(t.rt, createProductionOrder, { productionOrderId: 'MO-2', itemId: 'TRAY', qty: 5, dueDate: '2026-12-15', salesOrderId: 'SO-2', salesLineId: '10' }, admin);
			await execute(t.rt, placePurchaseOrder, { poId: 'PO-2', supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'LAMP', qty: 8, unitPrice: 20, expectedDate: '2026-12-15' }] }, admin);
			await replanned();
			expect(await pegsOf('production_order', 'MO-2')).toEqual([{ demand: 'sales_order_line SO-2/10', qty: 5, need: '2026-12-15' }]);
			expect(await pegsOf('purchase_order', 'PO-2')).toEqual([{ demand: 'sales_order_line SO-2/20', qty: 8, need: '2026-12-15' }]);
			expect(await planned('TRAY', 'LAMP')).toEqual([]);
			expect(await messages('TRAY', 'LAMP')).toEqual([]);
		});

		it('both lines wanted earlier: expedite each order by as many days as its line moved', async () => {
			await change('SO-2', [
				{ lineId: '10', requestedDate: '2026-12-12' },
				{ lineId: '20', requestedDate: '2026-12-14' }
			]);
			await replanned();
			expect(await messages('TRAY', 'LAMP')).toEqual([
				{ kind: 'expedite', ref: 'MO-2', date: '2026-12-12', days: 3 },
				{ kind: 'expedite', ref: 'PO-2/1', date: '2026-12-14', days: 1 }
			]);
			expect(await planned('TRAY', 'LAMP')).toEqual([]);
		});

		it('later: defer each order; more of a line: a planned order for the rest, pegged to the line', async () => {
			await change('SO-2', [
				{ lineId: '10', requestedDate: '2026-12-20', qty: 7 },
				{ lineId: '20', requestedDate: '2026-12-22' }
			]);
			await replanned();
			expect(await messages('TRAY', 'LAMP')).toEqual([
				{ kind: 'defer', ref: 'MO-2', date: '2026-12-20', days: 5 },
				{ kind: 'defer', ref: 'PO-2/1', date: '2026-12-22', days: 7 }
			]);
			expect(await planned('TRAY', 'LAMP')).toEqual([{ id: 'PLN-TRAY-20261220', qty: 2, releaseDate: '2026-12-10', dueDate: '2026-12-20' }]);
			expect(await pegsOf('planned_order', 'PLN-TRAY-20261220')).toEqual([{ demand: 'sales_order_line SO-2/10', qty: 2, need: '2026-12-20' }]);
		});

		it('the whole order cancelled: cancel both orders, no planned order left', async () => {
			await execute(t.rt, cancelSalesOrder, { orderId: 'SO-2', reasonCode: 'CUSTOMER_CANCELLED' }, admin);
			await replanned();
			expect(await messages('TRAY', 'LAMP')).toEqual([
				{ kind: 'cancel', ref: 'PO-2/1', date: '2026-12-15', qty: 8 },
				{ kind: 'cancel', ref: 'MO-2', date: '2026-12-15', qty: 5 }
			]);
			expect(await planned('TRAY', 'LAMP')).toEqual([]);
		});
	});
});
