// Net change equals regenerative, over the database: a small factory changed by random sequences of
// commands (orders entered, changed, cancelled and shipped, stock, purchase orders placed, delayed,
// confirmed and received, inspections, requisitions, production orders, item planning data, bills of
// material). After each sequence the plan the net-change reaction leads to is stored; a regenerative run
// over the same data must store exactly the same rows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { cancelSalesOrder, changeSalesOrder, createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import {
	approveRequisition,
	confirmPurchaseOrder,
	createRequisition,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	recordInspection,
	saveApprovalRule,
	saveSupplierItem
} from '../../../server/purchasing/commands.ts';
import { cancelProductionOrder, createProductionOrder, releaseProductionOrder, rescheduleProductionOrder } from '../../../server/production/commands.ts';
import { OPEN_PRODUCTION_STATUSES } from '../../../server/planning/inputs.queries.ts';
import { lastPlanningInput, netChangeSettled } from '../../support/net-change.ts';
import { addDays } from '../../../server/shared/factory-date.ts';
import type { LotSizing } from '../../../server/planning/types.ts';
import type { Queryable } from '../../../server/db/db.ts';
import { formatCursor, type Cursor } from '../../../server/events/read.ts';

// Today is 2026-12-07 in the factory (Asia/Shanghai): bucket 0.
const NOW = new Date('2026-12-07T09:00:00+08:00');
const TODAY = '2026-12-07';
const day = (n: number) => addDays(TODAY, n);
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

// Items in an order where a parent always comes before its components: bills of material drawn at
// random stay acyclic. WHEEL is bought but has a bill of material, exploded only while it is made.
const ITEMS = ['BIKE', 'TRIKE', 'FRAME', 'WHEEL', 'HUB', 'TUBE', 'SPOKE', 'PAINT'] as const;
type ItemId = (typeof ITEMS)[number];
const SOLD: ItemId[] = ['BIKE', 'TRIKE', 'FRAME', 'WHEEL'];
const PARENTS: ItemId[] = ['BIKE', 'TRIKE', 'FRAME', 'WHEEL', 'HUB'];
const BOUGHT_SOMETIMES: ItemId[] = ['FRAME', 'WHEEL', 'HUB'];

interface ItemDef {
	itemId: ItemId;
	makeOrBuy: 'make' | 'buy';
	leadTimeDays: number;
	safetyStock?: number;
	lotSizing?: LotSizing;
}

/** The items as last saved (a save writes the whole item). */
const defs = new Map<ItemId, ItemDef>();

const saveDef = async (d: ItemDef) => {
	await execute(
		t.rt,
		saveItem,
		{ name: d.itemId, kind: d.makeOrBuy === 'buy' ? 'material' : 'product', uom: 'pcs', unitCost: 2, ...d },
		admin
	);
	defs.set(d.itemId, d);
};

beforeAll(async () => {
	// Time moves on (a millisecond a reading) within the day: the last save of an item is the one that counts.
	let ticks = 0;
	t = await openTestRuntime({ clock: { now: () => new Date(NOW.getTime() + ticks++) } });
	await execute(t.rt, saveCustomer, { customerId: 'C-1', name: '上海客户' }, admin);
	for (const s of ['S-1', 'S-2']) await execute(t.rt, saveSupplier, { supplierId: s, name: s }, admin);
	await execute(t.rt, saveApprovalRule, { ruleId: 'ALL', name: 'Everything', priority: 1, conditions: {}, steps: [{ role: 'manager' }], active: true }, admin);
	const initial: ItemDef[] = [
		{ itemId: 'BIKE', makeOrBuy: 'make', leadTimeDays: 2 },
		{ itemId: 'TRIKE', makeOrBuy: 'make', leadTimeDays: 3, lotSizing: { rule: 'FOQ', qty: 5 } },
		{ itemId: 'FRAME', makeOrBuy: 'make', leadTimeDays: 3 },
		{ itemId: 'WHEEL', makeOrBuy: 'buy', leadTimeDays: 1 },
		{ itemId: 'HUB', makeOrBuy: 'make', leadTimeDays: 1, safetyStock: 4 },
		{ itemId: 'TUBE', makeOrBuy: 'buy', leadTimeDays: 4, lotSizing: { rule: 'POQ', periods: 7 } },
		{ itemId: 'SPOKE', makeOrBuy: 'buy', leadTimeDays: 2, lotSizing: { rule: 'LFL', multiple: 50 } },
		{ itemId: 'PAINT', makeOrBuy: 'buy', leadTimeDays: 6 }
	];
	for (const d of initial) await saveDef(d);
	await execute(t.rt, replaceBom, { parentItemId: 'BIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }, { childItemId: 'WHEEL', qtyPer: 2 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'TRIKE', lines: [{ childItemId: 'FRAME', qtyPer: 1 }, { childItemId: 'WHEEL', qtyPer: 3 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'FRAME', lines: [{ childItemId: 'TUBE', qtyPer: 3 }, { childItemId: 'PAINT', qtyPer: 0.5, scrapPct: 10 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'WHEEL', lines: [{ childItemId: 'HUB', qtyPer: 1 }, { childItemId: 'SPOKE', qtyPer: 24 }] }, admin);
	await execute(t.rt, replaceBom, { parentItemId: 'HUB', lines: [{ childItemId: 'SPOKE', qtyPer: 2 }] }, admin);
	// Supplier terms: the cheaper supplier's lead time and minimum plan WHEEL.
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-1', itemId: 'WHEEL', price: 10, leadTimeDays: 5, moq: 12 }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-2', itemId: 'WHEEL', price: 12, leadTimeDays: 2 }, admin);
	await execute(t.rt, saveSupplierItem, { supplierId: 'S-1', itemId: 'TUBE', price: 1, leadTimeDays: 4, orderMultiple: 10 }, admin);
	await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: 'SO-0', customerId: 'C-1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 5, requestedDate: day(14) }] }, admin);
	await t.rt.planning.regenerate('test');
}, 120_000);
afterAll(async () => t?.close());

/** Everything a plan stores, as comparable rows (the lines at risk are answered after each plan). */
async function snapshot(q: Queryable) {
	const rows = async (sql: string) => (await q.query(sql)).rows;
	return {
		orders: await rows(`select id, item_id, kind, qty::float8 as qty, release_date::text as r, due_date::text as d from planned_orders order by id`),
		pegs: await rows(
			`select supply_kind, supply_id, supply_line_id, seq, item_id, qty::float8 as qty, demand_kind, demand_id, demand_line_id, need_date::text as n
			from plan_pegs order by supply_kind, supply_id, supply_line_id, seq`
		),
		exceptions: await rows(
			`select id, item_id, kind, ref_kind, ref_id, ref_line_id, planned_order_id, date::text as d, days::float8 as days, qty::float8 as qty from plan_exceptions order by id`
		),
		records: await rows(`select item_id, low_level_code, record from plan_records order by item_id`),
		risks: await rows(
			`select order_id, line_id, due_date::text as due, expected_date::text as expected, days_late, causes from sales_order_line_risks order by order_id, line_id`
		)
	};
}

/**
 * As the live system plans: once the net-change reaction has seen every event committed so far (on a
 * shared PostgreSQL server an open transaction anywhere holds its cursor back, so wait until it has
 * passed the last event it follows), a run follows only if the reaction asked for one (plan_requests moved past
 * the stored plan's input). A command whose events the reaction does not follow plans nothing.
 */
async function planAsLive(): Promise<string> {
	const { last, cursor } = await netChangeSettled(t.rt);
	const r = await t.rt.db.query<{ asked: boolean; version: string; input: string | null }>(
		`select r.version > coalesce(s.input_version, -1) as asked, r.version::text as version, s.input_version::text as input
		from plan_requests r left join plan_state s on s.id = 1 where r.id = 1`
	);
	const q = r.rows[0];
	if (!q?.asked) {
		const at = (c: Cursor | null) => (c ? formatCursor(c) : 'none');
		return `no run asked (request v${q?.version ?? 'none'}, stored plan's input v${q?.input ?? 'none'}; reaction at ${at(cursor)}, last input ${at(last)})`;
	}
	const run = await t.rt.planning.netChange();
	return `${run.mode} ${run.outcome}: ${run.items} items (${run.trigger ?? ''})`;
}

// Commands drawn by the property. Targets (`pick`) are chosen among what exists when the command runs,
// so every command is valid whatever came before it.
type Cmd =
	| { k: 'order'; lines: { item: ItemId; qty: number; day: number }[] }
	| { k: 'change'; pick: number; qty?: number; day?: number }
	| { k: 'cancel'; pick: number }
	| { k: 'promise'; pick: number; day: number }
	| { k: 'ship'; pick: number; quarters: number }
	| { k: 'stock'; item: ItemId; qty: number }
	| { k: 'po'; item: ItemId; qty: number; day: number; fromRequisition: number | null }
	| { k: 'delay'; pick: number; days: number }
	| { k: 'confirm'; pick: number; day: number }
	| { k: 'receive'; pick: number; quarters: number }
	| { k: 'inspect'; pick: number; acceptAll: boolean }
	| { k: 'requisition'; item: ItemId; qty: number; day: number }
	| { k: 'approve'; pick: number }
	| { k: 'item'; item: ItemId; leadTimeDays: number; safetyStock: number; lotSizing: LotSizing | null }
	| { k: 'makeOrBuy'; item: ItemId }
	| { k: 'bom'; parent: ItemId; lines: { child: ItemId; qtyPer: number; scrapPct: number }[] }
	| { k: 'mo'; item: ItemId; qty: number; day: number }
	| { k: 'moReschedule'; pick: number; day: number }
	| { k: 'moRelease'; pick: number }
	| { k: 'moCancel'; pick: number };

const qtyArb = fc.integer({ min: 1, max: 20 });
const dayArb = fc.integer({ min: -4, max: 45 });
const pick = fc.nat({ max: 1000 });
const lotArb: fc.Arbitrary<LotSizing | null> = fc.oneof(
	fc.constant(null),
	fc.record({ rule: fc.constant('LFL' as const), min: fc.integer({ min: 2, max: 15 }) }),
	fc.record({ rule: fc.constant('LFL' as const), multiple: fc.constantFrom(4, 6, 25) }),
	fc.record({ rule: fc.constant('FOQ' as const), qty: fc.integer({ min: 3, max: 30 }) }),
	fc.record({ rule: fc.constant('POQ' as const), periods: fc.integer({ min: 2, max: 10 }) })
);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
	{ arbitrary: fc.record({ k: fc.constant('order' as const), lines: fc.array(fc.record({ item: fc.constantFrom(...SOLD), qty: qtyArb, day: dayArb }), { minLength: 1, maxLength: 2 }) }), weight: 4 },
	{ arbitrary: fc.record({ k: fc.constant('change' as const), pick, qty: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }), day: fc.option(dayArb, { nil: undefined }) }), weight: 3 },
	{ arbitrary: fc.record({ k: fc.constant('cancel' as const), pick }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('promise' as const), pick, day: dayArb }), weight: 1 },
	{ arbitrary: fc.record({ k: fc.constant('ship' as const), pick, quarters: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('stock' as const), item: fc.constantFrom(...ITEMS), qty: fc.integer({ min: -15, max: 30 }).filter((x) => x !== 0) }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('po' as const), item: fc.constantFrom(...ITEMS), qty: qtyArb, day: dayArb, fromRequisition: fc.option(pick, { nil: null }) }), weight: 3 },
	{ arbitrary: fc.record({ k: fc.constant('delay' as const), pick, days: fc.integer({ min: 1, max: 12 }) }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('confirm' as const), pick, day: dayArb }), weight: 1 },
	{ arbitrary: fc.record({ k: fc.constant('receive' as const), pick, quarters: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('inspect' as const), pick, acceptAll: fc.boolean() }), weight: 1 },
	{ arbitrary: fc.record({ k: fc.constant('requisition' as const), item: fc.constantFrom(...ITEMS), qty: qtyArb, day: dayArb }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('approve' as const), pick }), weight: 2 },
	{
		arbitrary: fc.record({
			k: fc.constant('item' as const),
			item: fc.constantFrom(...ITEMS),
			leadTimeDays: fc.integer({ min: 0, max: 8 }),
			safetyStock: fc.constantFrom(0, 0, 3, 10),
			lotSizing: lotArb
		}),
		weight: 2
	},
	{ arbitrary: fc.record({ k: fc.constant('makeOrBuy' as const), item: fc.constantFrom(...BOUGHT_SOMETIMES) }), weight: 2 },
	{
		arbitrary: fc.record({
			k: fc.constant('bom' as const),
			parent: fc.constantFrom(...PARENTS),
			lines: fc.uniqueArray(fc.record({ child: fc.constantFrom(...ITEMS), qtyPer: fc.constantFrom(0.5, 1, 2, 3), scrapPct: fc.constantFrom(0, 0, 5) }), {
				maxLength: 3,
				selector: (l) => l.child
			})
		}),
		weight: 3
	},
	{ arbitrary: fc.record({ k: fc.constant('mo' as const), item: fc.constantFrom(...PARENTS), qty: qtyArb, day: dayArb }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('moReschedule' as const), pick, day: dayArb }), weight: 2 },
	{ arbitrary: fc.record({ k: fc.constant('moRelease' as const), pick }), weight: 1 },
	{ arbitrary: fc.record({ k: fc.constant('moCancel' as const), pick }), weight: 1 }
);

/** A step: a command, then (sometimes) the plan the live system would make before the next one. */
const stepArb = fc.record({ cmd: cmdArb, plan: fc.boolean() });

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
	return (await t.rt.db.query<T & Record<string, unknown>>(sql, params)).rows;
}
const choose = <T>(list: T[], k: number): T | undefined => (list.length ? list[k % list.length] : undefined);

let runNo = 0;

/** Runs one drawn command; `n` makes the ids it creates unique over the whole file. */
async function run(cmd: Cmd, n: string): Promise<string> {
	switch (cmd.k) {
		case 'order': {
			const lines = cmd.lines.map((l, i) => ({ lineId: String((i + 1) * 10), itemId: l.item, qty: l.qty, requestedDate: day(l.day) }));
			await execute(t.rt, createSalesOrder, { allowPastDates: true, orderId: `SO-${n}`, customerId: 'C-1', lines }, admin);
			return `order SO-${n}`;
		}
		case 'change':
		case 'cancel':
		case 'promise':
		case 'ship': {
			const open = await rows<{ order_id: string; line_id: string; item_id: string; open: number; shipped: number }>(
				`select order_id, line_id, item_id, (qty - shipped_qty)::float8 as open, shipped_qty::float8 as shipped from sales_order_lines
				where cancelled_at is null and item_id is not null and qty > shipped_qty order by order_id, line_id`
			);
			const l = choose(open, cmd.pick);
			if (!l) return `${cmd.k}: no open line`;
			const ref = `${l.order_id}/${l.line_id}`;
			if (cmd.k === 'change') {
				const change: Record<string, unknown> = { lineId: l.line_id };
				if (cmd.qty !== undefined) change.qty = Math.max(cmd.qty, l.shipped + 1);
				if (cmd.day !== undefined || cmd.qty === undefined) change.requestedDate = day(cmd.day ?? 3);
				await execute(t.rt, changeSalesOrder, { allowPastDates: true, orderId: l.order_id, reasonCode: 'CUSTOMER_REQUEST', lines: [change] }, admin);
				return `change ${ref} ${JSON.stringify(change)}`;
			}
			if (cmd.k === 'cancel') {
				await execute(t.rt, cancelSalesOrder, { orderId: l.order_id, lineIds: [l.line_id], reasonCode: 'CUSTOMER_CANCELLED' }, admin);
				return `cancel ${ref}`;
			}
			if (cmd.k === 'promise') {
				await execute(t.rt, promiseSalesOrder, { orderId: l.order_id, lines: [{ lineId: l.line_id, promisedDate: day(cmd.day) }] }, admin);
				return `promise ${ref} ${day(cmd.day)}`;
			}
			const qty = Math.ceil((l.open * cmd.quarters) / 4);
			await execute(t.rt, adjustStock, { itemId: l.item_id, locationId: 'MAIN', qty, reasonCode: 'OPENING' }, admin);
			await execute(t.rt, shipSalesOrderLine, { orderId: l.order_id, lineId: l.line_id, qty }, admin);
			return `ship ${qty} of ${ref}`;
		}
		case 'stock': {
			let qty = cmd.qty;
			if (qty < 0) {
				const [s] = await rows<{ on_hand: number }>(`select coalesce(sum(on_hand), 0)::float8 as on_hand from stock where item_id = $1 and location_id = 'MAIN'`, [cmd.item]);
				qty = -Math.min(-qty, s?.on_hand ?? 0);
				if (qty === 0) return `stock ${cmd.item}: none to remove`;
			}
			await execute(t.rt, adjustStock, { itemId: cmd.item, locationId: 'MAIN', qty, reasonCode: qty > 0 ? 'OPENING' : 'COUNT' }, admin);
			return `stock ${cmd.item} ${qty}`;
		}
		case 'po': {
			if (cmd.fromRequisition !== null) {
				const approved = await rows<{ id: string; item_id: string; qty: number; due: string }>(
					`select requisition_id as id, item_id, qty::float8 as qty, needed_by::text as due from requisitions where status = 'approved' and po_id is null order by requisition_id`
				);
				const r = choose(approved, cmd.fromRequisition);
				if (r) {
					const line = { lineId: '1', itemId: r.item_id, qty: r.qty, unitPrice: 1, expectedDate: day(cmd.day), requisitionId: r.id };
					await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: `PO-${n}`, supplierId: 'S-1', lines: [line] }, admin);
					return `PO-${n} for requisition ${r.id} (${r.item_id} ${r.qty}) on ${day(cmd.day)}`;
				}
			}
			await execute(t.rt, placePurchaseOrder, { allowPastDates: true, poId: `PO-${n}`, supplierId: 'S-2', lines: [{ lineId: '1', itemId: cmd.item, qty: cmd.qty, unitPrice: 1, expectedDate: day(cmd.day) }] }, admin);
			return `PO-${n} ${cmd.item} ${cmd.qty} on ${day(cmd.day)}`;
		}
		case 'delay':
		case 'confirm':
		case 'receive': {
			const open = await rows<{ po_id: string; line_id: string; open: number; due: string }>(
				`select po_id, line_id, (qty - received_qty)::float8 as open, coalesce(expected_date, confirmed_date)::text as due from purchase_order_lines
				where item_id is not null and qty > received_qty order by po_id, line_id`
			);
			const l = choose(open, cmd.pick);
			if (!l) return `${cmd.k}: no open PO line`;
			const ref = `${l.po_id}/${l.line_id}`;
			if (cmd.k === 'delay') {
				const expectedDate = addDays(l.due, cmd.days);
				await execute(t.rt, delayPurchaseOrder, { allowPastDates: true, poId: l.po_id, lineId: l.line_id, expectedDate, reasonCode: 'LOGISTICS' }, admin);
				return `delay ${ref} to ${expectedDate}`;
			}
			if (cmd.k === 'confirm') {
				await execute(t.rt, confirmPurchaseOrder, { poId: l.po_id, lines: [{ lineId: l.line_id, confirmedDate: day(cmd.day) }] }, admin);
				return `confirm ${ref} for ${day(cmd.day)}`;
			}
			const qty = Math.ceil((l.open * cmd.quarters) / 4);
			await execute(t.rt, receiveGoods, { poId: l.po_id, lineId: l.line_id, qty }, admin);
			return `receive ${qty} of ${ref}`;
		}
		case 'inspect': {
			const waiting = await rows<{ po_id: string; line_id: string; waiting: number }>(
				`select po_id, line_id, (received_qty - accepted_qty - rejected_qty)::float8 as waiting from purchase_order_lines
				where item_id is not null and received_qty > accepted_qty + rejected_qty order by po_id, line_id`
			);
			const l = choose(waiting, cmd.pick);
			if (!l) return 'inspect: nothing in QC';
			const acceptedQty = cmd.acceptAll ? l.waiting : Math.floor(l.waiting / 2);
			const rejectedQty = l.waiting - acceptedQty;
			await execute(t.rt, recordInspection, { poId: l.po_id, lineId: l.line_id, acceptedQty, rejectedQty, ...(rejectedQty > 0 ? { reasonCode: 'MATERIAL_DEFECT' } : {}) }, admin);
			return `inspect ${l.po_id}/${l.line_id}: ${acceptedQty} accepted, ${rejectedQty} rejected`;
		}
		case 'requisition':
			await execute(t.rt, createRequisition, { allowPastDates: true, requisitionId: `PR-${n}`, itemId: cmd.item, qty: cmd.qty, neededBy: day(cmd.day) }, admin);
			return `PR-${n} ${cmd.item} ${cmd.qty} by ${day(cmd.day)}`;
		case 'approve': {
			const pending = await rows<{ id: string }>(`select requisition_id as id from requisitions where status = 'pending' order by requisition_id`);
			const r = choose(pending, cmd.pick);
			if (!r) return 'approve: none pending';
			await execute(t.rt, approveRequisition, { requisitionId: r.id }, admin);
			return `approve ${r.id}`;
		}
		case 'item': {
			const d: ItemDef = { ...defs.get(cmd.item)!, leadTimeDays: cmd.leadTimeDays, safetyStock: cmd.safetyStock };
			if (cmd.lotSizing) d.lotSizing = cmd.lotSizing;
			else delete d.lotSizing;
			await saveDef(d);
			return `item ${JSON.stringify(d)}`;
		}
		case 'makeOrBuy': {
			const d = defs.get(cmd.item)!;
			await saveDef({ ...d, makeOrBuy: d.makeOrBuy === 'make' ? 'buy' : 'make' });
			return `${cmd.item} is ${defs.get(cmd.item)!.makeOrBuy} now`;
		}
		case 'bom': {
			// Components only from further down the list: no cycles.
			const below = ITEMS.slice(ITEMS.indexOf(cmd.parent) + 1);
			const lines = cmd.lines
				.filter((l) => below.includes(l.child))
				.map((l) => ({ childItemId: l.child, qtyPer: l.qtyPer, ...(l.scrapPct ? { scrapPct: l.scrapPct } : {}) }));
			await execute(t.rt, replaceBom, { parentItemId: cmd.parent, lines }, admin);
			return `bom ${cmd.parent} ${JSON.stringify(lines)}`;
		}
		case 'mo': {
			// Only a made item has production orders: the drawn one, or the next one made.
			const made = PARENTS.filter((i) => defs.get(i)!.makeOrBuy === 'make');
			const item = made.includes(cmd.item) ? cmd.item : made[0];
			await execute(t.rt, createProductionOrder, { allowPastDates: true, productionOrderId: `MO-${n}`, itemId: item, qty: cmd.qty, dueDate: day(cmd.day) }, admin);
			return `MO-${n} ${item} ${cmd.qty} due ${day(cmd.day)}`;
		}
		case 'moReschedule':
		case 'moRelease':
		case 'moCancel': {
			const open = await rows<{ id: string; status: string }>(
				`select production_order_id as id, status from production_orders where status = any($1::text[]) order by production_order_id`,
				[OPEN_PRODUCTION_STATUSES]
			);
			const o = choose(cmd.k === 'moRelease' ? open.filter((x) => x.status === 'created') : open, cmd.pick);
			if (!o) return `${cmd.k}: no open production order`;
			if (cmd.k === 'moReschedule') {
				await execute(t.rt, rescheduleProductionOrder, { allowPastDates: true, productionOrderId: o.id, dueDate: day(cmd.day) }, admin);
				return `reschedule ${o.id} to ${day(cmd.day)}`;
			}
			if (cmd.k === 'moRelease') {
				await execute(t.rt, releaseProductionOrder, { productionOrderId: o.id }, admin);
				return `release ${o.id}`;
			}
			await execute(t.rt, cancelProductionOrder, { productionOrderId: o.id, reasonCode: 'CUSTOMER_CANCELLED' }, admin);
			return `cancel ${o.id}`;
		}
	}
}

/**
 * What the planning left behind, for a failure message: the request and the stored plan's input
 * versions, every reaction's cursor, the open transactions' horizon, and the events since `seq` in log
 * order (tx-seq type data). Taken before the regenerative run that the net change is compared with.
 */
async function planningState(seq: string): Promise<string> {
	const one = async (sql: string) => JSON.stringify((await rows(sql))[0] ?? null);
	const last = await lastPlanningInput(t.rt.db);
	const cursors = await rows<{ name: string; at: string }>(`select name, tx::text || '-' || seq as at from consumer_cursors order by name`);
	const events = await rows<{ at: string; type: string; data: string }>(
		`select tx::text || '-' || seq as at, type, left(data::text, 160) as data from events where seq > $1::bigint order by events.tx, events.seq`,
		[seq]
	);
	return [
		`plan_requests: ${await one(`select version::text, requested_at from plan_requests`)}`,
		`plan_state: ${await one(`select plan_id, mode, generated_at, input_version::text from plan_state`)}`,
		`consumer_cursors: ${cursors.map((c) => `${c.name} ${c.at}`).join(', ')}`,
		`last planning input: ${last ? formatCursor(last) : 'none'}`,
		`snapshot: ${await one(`select pg_current_snapshot()::text as snapshot`)}`,
		`events since the run began (tx-seq type data):`,
		...events.map((e) => `  ${e.at} ${e.type} ${e.data}`)
	].join('\n');
}

async function generatedSince(seq: string): Promise<{ mode: string }[]> {
	return rows<{ mode: string }>(`select data->>'mode' as mode from events where type = 'plan.generated' and seq > $1::bigint order by seq`, [seq]);
}

describe(`net change equals regenerative over the live data (${backendLabel})`, { timeout: 1_800_000 }, () => {
	it('after any sequence of commands, the plan net change stores is the one a regenerative run stores', async () => {
		const modes: Record<string, number> = {};
		let commands = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
				const r = ++runNo;
				// Only net change from here: the plan it starts from is this node's own.
				await planAsLive();
				const [{ seq }] = await rows<{ seq: string }>(`select coalesce(max(seq), 0)::text as seq from events`);
				const log: string[] = [];
				for (const [i, s] of steps.entries()) {
					log.push(await run(s.cmd, `${r}-${i + 1}`));
					commands++;
					if (s.plan) log.push(`  → ${await planAsLive()}`);
				}
				log.push(`  → ${await planAsLive()}`);
				const runs = await generatedSince(seq);
				for (const g of runs) modes[g.mode] = (modes[g.mode] ?? 0) + 1;
				const story = `${log.join('\n')}\n${await planningState(seq)}`;
				expect(runs.map((g) => g.mode).filter((m) => m !== 'net_change'), story).toEqual([]);
				const afterNet = await snapshot(t.rt.db);
				await t.rt.planning.regenerate('test');
				expect(await snapshot(t.rt.db), story).toEqual(afterNet);
			}),
			{ numRuns: Number(process.env.PLAN_PROPERTY_RUNS ?? 80), ...(process.env.PLAN_PROPERTY_SEED ? { seed: Number(process.env.PLAN_PROPERTY_SEED) } : {}) }
		);
		// The property did plan: net changes ran and stored plans.
		expect(modes.net_change ?? 0).toBeGreaterThan(10);
		expect(commands).toBeGreaterThan(25);
		const planned = await rows<{ n: number }>(`select count(*)::int as n from planned_orders`);
		expect(planned[0].n).toBeGreaterThan(0);
	});
});
