// Series of commands in one transaction: executeAll with steps by their own actors at their own times,
// and executeEach, which answers each step on its own (a refused step leaves the others standing),
// appends the accepted ones together, falls back to step by step when they break a rule together, and
// chains steps that must see each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, executeAll, executeEach, type Actor, type Command } from '../../../server/commands/command.ts';
import { saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder, promiseSalesOrder, shipSalesOrderLine } from '../../../server/sales/commands.ts';
import { adjustStock } from '../../../server/inventory/commands.ts';
import { AppError } from '../../../server/errors.ts';
import { z } from 'zod';

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const sales: Actor = { kind: 'user', id: 's', name: 'user:wang.xs', roles: ['sales'] };
const warehouse: Actor = { kind: 'user', id: 'w', name: 'user:wu.ck', roles: ['warehouse'] };
const viewer: Actor = { kind: 'user', id: 'v', name: 'user:guest', roles: ['viewer'] };
const cmd = <I, R>(c: Command<I, R>) => c as unknown as Command<never, unknown>;

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveCustomer, { customerId: 'EA-C', name: 'Each Co' }, admin);
	await execute(t.rt, saveItem, { itemId: 'EA-P', name: 'Pump', kind: 'product', uom: 'pcs', unitCost: 10, makeOrBuy: 'make', leadTimeDays: 2 }, admin);
	await execute(t.rt, adjustStock, { itemId: 'EA-P', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' }, admin);
}, 120_000);
afterAll(async () => t?.close());

const order = (orderId: string, qty = 5) => ({ orderId, customerId: 'EA-C', lines: [{ lineId: '10', itemId: 'EA-P', qty, requestedDate: '2026-12-20' }] });
const events = async (like: string) =>
	(
		await t.rt.db.query<{ type: string; actor: string; at: string; tx: string; source: string }>(
			`select type, actor, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at, tx::text as tx, source from events where data->>'orderId' like $1 order by seq`,
			[like]
		)
	).rows;
const count = async () => (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;

describe(`executeAll and executeEach (${backendLabel})`, { timeout: 60_000 }, () => {
	it('executeAll records each step by its own actor at its own time', async () => {
		await executeAll(
			t.rt,
			[
				{ command: cmd(createSalesOrder), input: order('EA-1'), actor: sales, at: new Date('2026-12-01T01:00:00Z') },
				{ command: cmd(promiseSalesOrder), input: { orderId: 'EA-1', lines: [{ lineId: '10', promisedDate: '2026-12-21' }] }, actor: sales, at: new Date('2026-12-01T03:00:00Z') }
			],
			viewer
		);
		expect((await events('EA-1')).map((e) => [e.type, e.actor, e.at])).toEqual([
			['sales_order.created', 'user:wang.xs', '2026-12-01T01:00:00'],
			['sales_order.promised', 'user:wang.xs', '2026-12-01T03:00:00']
		]);
	});

	it('executeAll checks each step against its own actor: a step by someone without the role refuses the series', async () => {
		const before = await count();
		const err = await executeAll(t.rt, [{ command: cmd(createSalesOrder), input: order('EA-2'), actor: sales }, { command: cmd(createSalesOrder), input: order('EA-3'), actor: warehouse }], sales).catch((e) => e);
		expect(err).toBeInstanceOf(AppError);
		expect(err.code).toBe('ERR_FORBIDDEN');
		expect(await count()).toBe(before);
	});

	it('executeEach answers each step: refused ones (bad input, a broken rule) leave the others standing, in one transaction', async () => {
		const outcomes = await executeEach(
			t.rt,
			[
				{ command: cmd(createSalesOrder), input: order('EA-4'), actor: sales, at: new Date('2026-12-02T01:00:00Z') },
				{ command: cmd(createSalesOrder), input: { ...order('EA-5'), customerId: '' }, actor: sales },
				{ command: cmd(createSalesOrder), input: order('EA-1'), actor: sales },
				{ command: cmd(createSalesOrder), input: order('EA-6'), actor: viewer },
				{ command: cmd(createSalesOrder), input: order('EA-7'), actor: sales, at: new Date('2026-12-02T02:00:00Z') }
			],
			viewer,
			'test'
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, false, true]);
		const codes = outcomes.map((o) => (o.ok ? null : (o.error as AppError).code));
		expect(codes).toEqual([null, 'ERR_VALIDATION', 'ERR_REJECTED', 'ERR_FORBIDDEN', null]);
		expect((outcomes[2] as { error: AppError }).error.details.issues).toMatchObject([{ index: 2, path: 'orderId', code: 'ERR_SO_EXISTS' }]);
		const stored = [...(await events('EA-4')), ...(await events('EA-7'))];
		expect(stored.map((e) => [e.type, e.at, e.source])).toEqual([
			['sales_order.created', '2026-12-02T01:00:00', 'test'],
			['sales_order.created', '2026-12-02T02:00:00', 'test']
		]);
		expect(stored[0].tx).toBe(stored[1].tx);
		expect(await events('EA-5')).toEqual([]);
	});

	it('executeEach decides every step on the state the series found: a step after another on the same record is refused', async () => {
		const outcomes = await executeEach(
			t.rt,
			[
				{ command: cmd(createSalesOrder), input: order('EA-8'), actor: sales },
				{ command: cmd(promiseSalesOrder), input: { orderId: 'EA-8', lines: [{ lineId: '10', promisedDate: '2026-12-21' }] }, actor: sales }
			],
			viewer
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
		expect((outcomes[1] as { error: AppError }).error.details.issues).toMatchObject([{ index: 1, code: 'ERR_SO_UNKNOWN' }]);
	});

	it('chained, each step sees the ones before it, and a refused step still leaves the others', async () => {
		const outcomes = await executeEach(
			t.rt,
			[
				{ command: cmd(createSalesOrder), input: order('EA-9'), actor: sales },
				{ command: cmd(createSalesOrder), input: order('EA-9'), actor: sales },
				{ command: cmd(promiseSalesOrder), input: { orderId: 'EA-9', lines: [{ lineId: '10', promisedDate: '2026-12-21' }] }, actor: sales }
			],
			viewer,
			'test',
			{ chained: true }
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
		expect((await events('EA-9')).map((e) => e.type)).toEqual(['sales_order.created', 'sales_order.promised']);
	});

	it('when accepted steps break a rule together, appends them one by one and refuses the one that breaks it', async () => {
		await execute(t.rt, createSalesOrder, order('EA-10', 6), sales);
		await execute(t.rt, createSalesOrder, order('EA-11', 6), sales);
		const stock = async () => (await t.rt.db.query<{ n: number }>(`select on_hand::float8 as n from stock where item_id = 'EA-P' and location_id = 'MAIN'`)).rows[0].n;
		expect(await stock()).toBe(10);
		// Each shipment alone fits the 10 on hand; together they would take 12.
		const outcomes = await executeEach(
			t.rt,
			[
				{ command: cmd(shipSalesOrderLine), input: { orderId: 'EA-10', lineId: '10', qty: 6 }, actor: warehouse },
				{ command: cmd(shipSalesOrderLine), input: { orderId: 'EA-11', lineId: '10', qty: 6 }, actor: warehouse }
			],
			viewer
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
		expect((outcomes[1] as { error: AppError }).error.details.issues).toMatchObject([{ index: 1, code: 'ERR_STOCK_NEGATIVE' }]);
		expect(await stock()).toBe(4);
		expect((await events('EA-1_')).filter((e) => e.type === 'shipment.shipped')).toHaveLength(1);
	});

	it('fails the whole series on anything but a refusal, and writes nothing', async () => {
		const broken: Command<{ x: number }, null> = {
			name: 'test.broken',
			input: z.strictObject({ x: z.number() }),
			roles: ['sales'],
			async run() {
				throw new Error('disk on fire');
			}
		};
		const before = await count();
		await expect(
			executeEach(t.rt, [{ command: cmd(createSalesOrder), input: order('EA-12'), actor: sales }, { command: cmd(broken), input: { x: 1 }, actor: sales }], viewer)
		).rejects.toThrow('disk on fire');
		expect(await count()).toBe(before);
	});
});
