import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem, saveSupplier } from '../../../server/masterdata/commands.ts';
import { saveSupplierItem } from '../../../server/purchasing/commands.ts';
import { listSupplierItems, listSuppliers, supplierItemHistory, supplierListQuery } from '../../../server/purchasing/queries.ts';
import { AppError } from '../../../server/errors.ts';

let t: TestRuntime;
const buyer: Actor = { kind: 'user', id: 'u1', name: 'user:zhou.buyer', roles: ['purchasing'] };
const planner: Actor = { kind: 'user', id: 'u2', name: 'user:li.planner', roles: ['planner'] };

const item = (itemId: string, name: string) => ({ itemId, name, kind: 'material', uom: 'kg', unitCost: 3, makeOrBuy: 'buy', leadTimeDays: 5 });

beforeAll(async () => {
	t = await openTestRuntime();
	await execute(t.rt, saveItem, item('SQ-STEEL', '钢板'), planner);
	await execute(t.rt, saveItem, item('SQ-PAINT', '油漆'), planner);
	await execute(t.rt, saveSupplier, { supplierId: 'SQ-A', name: 'Anshan Steel' }, buyer);
	await execute(t.rt, saveSupplier, { supplierId: 'SQ-B', name: 'Baosteel' }, buyer);
	await execute(t.rt, saveSupplier, { supplierId: 'SQ-C', name: 'Coatings Co' }, buyer);
	await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-A', itemId: 'SQ-STEEL', price: 4.2, leadTimeDays: 7, moq: 500 }, buyer);
	await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-B', itemId: 'SQ-STEEL', price: 4.5, leadTimeDays: 3 }, buyer);
	await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-B', itemId: 'SQ-PAINT', price: 12, leadTimeDays: 10, orderMultiple: 20 }, buyer);
});
afterAll(async () => t?.close());

const query = (q: Record<string, unknown> = {}) => supplierListQuery.parse(q);

describe(`supplier list and supplier items (${backendLabel})`, () => {
	it('counts the items each supplier offers and sorts by that count', async () => {
		const r = await listSuppliers(t.rt.db, query({ q: 'SQ-', sort: 'items', dir: 'desc' }));
		expect(r.suppliers.map((s) => [s.supplierId, s.items])).toEqual([
			['SQ-B', 2],
			['SQ-A', 1],
			['SQ-C', 0]
		]);
		expect(r.total).toBe(3);
	});

	it('lists only the suppliers offering an item when asked, with search and paging on top', async () => {
		const steel = await listSuppliers(t.rt.db, query({ item: 'SQ-STEEL' }));
		expect(steel.suppliers.map((s) => s.supplierId)).toEqual(['SQ-A', 'SQ-B']);
		const searched = await listSuppliers(t.rt.db, query({ item: 'SQ-STEEL', q: 'bao' }));
		expect(searched.suppliers.map((s) => s.supplierId)).toEqual(['SQ-B']);
		const paged = await listSuppliers(t.rt.db, query({ item: 'SQ-STEEL', pageSize: 1, page: 2 }));
		expect(paged).toMatchObject({ total: 2, suppliers: [{ supplierId: 'SQ-B' }] });
		expect((await listSuppliers(t.rt.db, query({ item: 'SQ-NONE' }))).total).toBe(0);
	});

	it("lists a supplier's terms with the item's name and unit, empty terms as null", async () => {
		expect(await listSupplierItems(t.rt.db, 'SQ-B')).toEqual([
			expect.objectContaining({ itemId: 'SQ-PAINT', itemName: '油漆', uom: 'kg', price: 12, leadTimeDays: 10, moq: null, orderMultiple: 20 }),
			expect.objectContaining({ itemId: 'SQ-STEEL', itemName: '钢板', price: 4.5, leadTimeDays: 3, moq: null, orderMultiple: null })
		]);
		expect(await listSupplierItems(t.rt.db, 'SQ-C')).toEqual([]);
	});

	it('changes terms in place and keeps every change in the history, newest first', async () => {
		await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-A', itemId: 'SQ-STEEL', price: 4.0, leadTimeDays: 7, moq: 1000 }, buyer, 'ui');
		const rows = await listSupplierItems(t.rt.db, 'SQ-A');
		expect(rows.map((r) => [r.itemId, r.price, r.moq])).toEqual([['SQ-STEEL', 4, 1000]]);
		const history = await supplierItemHistory(t.rt.db, 'SQ-A');
		expect(history.map((e) => [e.data.price, e.actor])).toEqual([
			[4, 'user:zhou.buyer'],
			[4.2, 'user:zhou.buyer']
		]);
		expect((await supplierItemHistory(t.rt.db, 'SQ-B')).every((e) => e.data.supplierId === 'SQ-B')).toBe(true);
	});

	it('refuses terms with a bad value or an unknown item, naming the field, and writes nothing', async () => {
		const before = await listSupplierItems(t.rt.db, 'SQ-C');
		const negative = await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-C', itemId: 'SQ-PAINT', price: -1, leadTimeDays: 2 }, buyer).catch((e) => e);
		expect(negative).toBeInstanceOf(AppError);
		expect(((negative as AppError).details.issues as { path: string }[]).map((i) => i.path)).toEqual(['price']);
		const unknown = await execute(t.rt, saveSupplierItem, { supplierId: 'SQ-C', itemId: 'SQ-NONE', price: 1, leadTimeDays: 2 }, buyer).catch((e) => e);
		expect((unknown as AppError).details.issues).toEqual([expect.objectContaining({ path: 'itemId', code: 'ERR_UNKNOWN_ITEM' })]);
		expect(await listSupplierItems(t.rt.db, 'SQ-C')).toEqual(before);
		expect(await supplierItemHistory(t.rt.db, 'SQ-C')).toEqual([]);
	});
});
