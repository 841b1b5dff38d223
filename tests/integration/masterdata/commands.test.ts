import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev } from '../../support/events.ts';
import { execute, executeAll, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveItem } from '../../../server/masterdata/commands.ts';
import { getItem, listItems } from '../../../server/masterdata/queries.ts';
import { AppError } from '../../../server/errors.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { EventRejected } from '../../../server/events/projectors.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const planner: Actor = { kind: 'user', id: 'u1', name: 'user:li.planner', roles: ['planner'] };
const sales: Actor = { kind: 'user', id: 'u2', name: 'user:wang.sales', roles: ['sales'] };

const item = (itemId: string, kind = 'material', extra: Record<string, unknown> = {}) => ({
	itemId,
	name: `Item ${itemId}`,
	kind,
	uom: 'pcs',
	unitCost: 10,
	makeOrBuy: kind === 'material' ? 'buy' : 'make',
	leadTimeDays: 2,
	...extra
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
	const err = await p.then(
		() => null,
		(e) => e
	);
	expect(err).toBeInstanceOf(AppError);
	return err as AppError;
}

async function count(sql: string, params: unknown[] = []) {
	return (await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`, params)).rows[0].n;
}

describe(`master-data commands (${backendLabel})`, () => {
	it('saves an item with its attributes and records the actor in the event log', async () => {
		await execute(t.rt, saveItem, item('CMD-BIKE', 'product', { category: 'bikes', backflush: 'completion', allowNegativeStock: true }), planner, 'ui');
		const d = await getItem(t.rt.db, 'CMD-BIKE');
		expect(d?.item).toMatchObject({ itemId: 'CMD-BIKE', kind: 'product', category: 'bikes', backflush: 'completion', allowNegativeStock: true });
		expect(d?.history[0]).toMatchObject({ type: 'item.upserted', actor: 'user:li.planner', source: 'ui' });
	});

	it('refuses a role that may not edit master data, and writes nothing', async () => {
		const before = await count('select count(*) from events');
		const err = await rejection(execute(t.rt, saveItem, item('CMD-NOPE'), sales));
		expect([err.code, err.status]).toEqual(['ERR_FORBIDDEN', 403]);
		expect(await count('select count(*) from events')).toBe(before);
		expect(await getItem(t.rt.db, 'CMD-NOPE')).toBeNull();
	});

	it('names every bad field of an item, and writes nothing', async () => {
		const err = await rejection(execute(t.rt, saveItem, { ...item('CMD-BAD'), unitCost: -1, kind: 'gadget', lotSizing: { rule: 'FOQ' } }, planner));
		expect(err.status).toBe(400);
		expect((err.details.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['kind', 'lotSizing.qty', 'unitCost']);
		expect(await getItem(t.rt.db, 'CMD-BAD')).toBeNull();
	});

	it('replaces a two-level BOM and shows where components are used', async () => {
		for (const id of ['CMD-FRAME', 'CMD-WHEEL', 'CMD-TUBE', 'CMD-SPOKE']) await execute(t.rt, saveItem, item(id, id === 'CMD-WHEEL' ? 'semi' : 'material'), planner);
		await execute(t.rt, replaceBom, { parentItemId: 'CMD-WHEEL', lines: [{ childItemId: 'CMD-SPOKE', qtyPer: 32 }, { childItemId: 'CMD-TUBE', qtyPer: 1, scrapPct: 2 }] }, planner);
		await execute(t.rt, replaceBom, { parentItemId: 'CMD-BIKE', lines: [{ childItemId: 'CMD-FRAME', qtyPer: 1 }, { childItemId: 'CMD-WHEEL', qtyPer: 2 }] }, planner);
		const bike = await getItem(t.rt.db, 'CMD-BIKE');
		expect(bike?.bom.map((l) => [l.childItemId, l.qtyPer, l.scrapPct])).toEqual([
			['CMD-FRAME', 1, 0],
			['CMD-WHEEL', 2, 0]
		]);
		const wheel = await getItem(t.rt.db, 'CMD-WHEEL');
		expect(wheel?.usedIn.map((u) => u.parentItemId)).toEqual(['CMD-BIKE']);
		expect(wheel?.bom).toHaveLength(2);
		// replacing drops lines the new BOM does not have
		await execute(t.rt, replaceBom, { parentItemId: 'CMD-WHEEL', lines: [{ childItemId: 'CMD-SPOKE', qtyPer: 36 }] }, planner);
		expect((await getItem(t.rt.db, 'CMD-WHEEL'))?.bom.map((l) => [l.childItemId, l.qtyPer])).toEqual([['CMD-SPOKE', 36]]);
	});

	it('rejects a BOM cycle with the line that closes it, and keeps the old BOM', async () => {
		const err = await rejection(execute(t.rt, replaceBom, { parentItemId: 'CMD-SPOKE', lines: [{ childItemId: 'CMD-TUBE', qtyPer: 1 }, { childItemId: 'CMD-BIKE', qtyPer: 1 }] }, planner));
		expect(err.status).toBe(409);
		expect(err.details.issues).toEqual([{ index: 0, path: 'lines.1.childItemId', message: 'BOM cycle: CMD-SPOKE → CMD-BIKE → CMD-WHEEL → CMD-SPOKE', code: 'ERR_BOM_CYCLE', params: { cycle: 'CMD-SPOKE → CMD-BIKE → CMD-WHEEL → CMD-SPOKE' } }]);
		expect((await getItem(t.rt.db, 'CMD-SPOKE'))?.bom).toEqual([]);
	});

	it('rejects a BOM naming an unknown item, with its path', async () => {
		const err = await rejection(execute(t.rt, replaceBom, { parentItemId: 'CMD-FRAME', lines: [{ childItemId: 'CMD-TUBE', qtyPer: 1 }, { childItemId: 'NO-SUCH', qtyPer: 1 }] }, planner));
		expect(err.status).toBe(409);
		expect((err.details.issues as { path: string; code: string }[])[0]).toMatchObject({ path: 'lines.1.childItemId', code: 'ERR_BOM_UNKNOWN_ITEM' });
		const err2 = await rejection(execute(t.rt, replaceBom, { parentItemId: 'NO-SUCH', lines: [] }, planner));
		expect((err2.details.issues as { path: string }[])[0].path).toBe('parentItemId');
	});

	it('runs a series of independent commands as one batch: all stored, or none, with the refused step named', async () => {
		const out = await executeAll(t.rt, [
			{ command: saveItem as never, input: item('SER-A', 'product') },
			{ command: saveItem as never, input: item('SER-B') }
		], planner, 'liandong', { independent: true });
		expect(out).toEqual([{ itemId: 'SER-A' }, { itemId: 'SER-B' }]);
		const err = await rejection(
			executeAll(t.rt, [
				{ command: replaceBom as never, input: { parentItemId: 'SER-A', lines: [{ childItemId: 'SER-B', qtyPer: 1 }] } },
				{ command: saveItem as never, input: item('SER-C') },
				{ command: replaceBom as never, input: { parentItemId: 'SER-B', lines: [{ childItemId: 'NO-SUCH', qtyPer: 1 }] } }
			], planner, 'liandong', { independent: true })
		);
		expect(err.status).toBe(409);
		expect((err.details.issues as { index: number; path: string; code: string }[])[0]).toMatchObject({ index: 2, path: 'lines.0.childItemId', code: 'ERR_BOM_UNKNOWN_ITEM' });
		expect((await t.rt.db.query(`select 1 from items where item_id = 'SER-C'`)).rowCount).toBe(0);
		expect((await t.rt.db.query(`select 1 from boms where parent_item_id = 'SER-A'`)).rowCount).toBe(0);
	});

	it('applies the same BOM rules to events from the ingest path, items of the same batch included', async () => {
		const batch = [
			ev.item({ itemId: 'ING-A', kind: 'product' }),
			ev.item({ itemId: 'ING-B', kind: 'semi' }),
			{ ...ev.extension(), type: 'bom.replaced', data: { parentItemId: 'ING-A', lines: [{ childItemId: 'ING-B', qtyPer: 2 }] } },
			{ ...ev.extension(), type: 'bom.replaced', data: { parentItemId: 'ING-B', lines: [{ childItemId: 'ING-A', qtyPer: 1 }] } }
		];
		const v = validateBatch(t.rt.catalogue, { events: batch });
		expect(v.ok).toBe(true);
		if (!v.ok) return;
		const err = await t.rt.append(v.events).then(() => null, (e) => e);
		expect(err).toBeInstanceOf(EventRejected);
		expect((err as EventRejected).eventId).toBe(batch[3].id);
		expect(await getItem(t.rt.db, 'ING-A')).toBeNull(); // the whole batch rolled back
		const ok = validateBatch(t.rt.catalogue, { events: batch.slice(0, 3) });
		if (!ok.ok) throw new Error('invalid');
		await t.rt.append(ok.events);
		expect((await getItem(t.rt.db, 'ING-A'))?.bom.map((l) => l.childItemId)).toEqual(['ING-B']);
	});

	it('lists items with search, filter, sorting and pages', async () => {
		const all = await listItems(t.rt.db, { q: 'CMD-', sort: 'itemId', dir: 'asc', page: 1, pageSize: 2 });
		expect(all.total).toBe(5);
		expect(all.items.map((i) => i.itemId)).toEqual(['CMD-BIKE', 'CMD-FRAME']);
		const page3 = await listItems(t.rt.db, { q: 'cmd-', sort: 'itemId', dir: 'asc', page: 3, pageSize: 2 });
		expect(page3.items.map((i) => i.itemId)).toEqual(['CMD-WHEEL']);
		const semis = await listItems(t.rt.db, { kind: 'semi', q: 'CMD', sort: 'name', dir: 'desc', page: 1, pageSize: 50 });
		expect(semis.items.map((i) => i.itemId)).toEqual(['CMD-WHEEL']);
		const literal = await listItems(t.rt.db, { q: '%', sort: 'itemId', dir: 'asc', page: 1, pageSize: 50 });
		expect(literal.total).toBe(0);
	});
});
