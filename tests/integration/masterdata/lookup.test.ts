import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { lookup, lookupQuery, type LookupKind } from '../../../server/masterdata/lookup.queries.ts';

let t: TestRuntime;
const calendar = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5] };
const raw = (type: string, data: Record<string, unknown>): RawEvent => ({
	id: randomUUID(),
	type,
	occurredAt: '2026-12-01T08:00:00+08:00',
	source: 'test',
	data
});

beforeAll(async () => {
	t = await openTestRuntime();
	await append([
		ev.item({ itemId: 'LK-BOLT-M6', name: 'Hex bolt M6', uom: 'pcs', makeOrBuy: 'buy', kind: 'material' }),
		ev.item({ itemId: 'LK-BOLT-M8', name: 'Hex bolt M8', uom: 'pcs', makeOrBuy: 'buy', kind: 'material' }),
		ev.item({ itemId: 'LK-FRAME', name: 'Frame with BOLT holes', uom: 'pcs', makeOrBuy: 'make', kind: 'semi' }),
		ev.item({ itemId: 'LK-WHEEL', name: '车轮 前轮', uom: 'pcs', makeOrBuy: 'buy', kind: 'material' }),
		ev.item({ itemId: 'LK_X', name: '100% steel', uom: 'kg', makeOrBuy: 'buy', kind: 'material' }),
		ev.customer({ customerId: 'LK-C1', name: '杭州 Alpha 机械' }),
		ev.customer({ customerId: 'LK-C2', name: 'Beta Trading' }),
		ev.supplier({ supplierId: 'LK-S1', name: '宁波 Bolt Works' }),
		raw('supplier_item.upserted', { supplierId: 'LK-S1', itemId: 'LK-BOLT-M8', price: 0.2, leadTimeDays: 5 }),
		raw('work_center.upserted', { workCenterId: 'LK-WC-A', name: 'Assembly A', department: 'WS1', calendar }),
		raw('work_center.upserted', { workCenterId: 'LK-WC-B', name: 'Assembly B', department: 'WS2', calendar }),
		raw('work_center.upserted', { workCenterId: 'LK-WC-C', name: 'Assembly common', calendar }),
		raw('stock.adjusted', { itemId: 'LK-BOLT-M6', locationId: 'LK-SHELF-1', qty: 10, unitCost: 1, reasonCode: 'COUNT' })
	]);
});
afterAll(async () => t?.close());

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

const admin = { roles: ['admin'] };
const codes = async (kind: LookupKind, q: Record<string, unknown>, reader: { roles: string[]; department?: string } = admin) =>
	(await lookup(t.rt.db, kind, lookupQuery.parse(q), reader)).map((o) => o.code);

describe(`pickers' lookups (${backendLabel})`, () => {
	it('offers codes starting with the term first, then names containing it, whatever the case', async () => {
		expect(await codes('item', { q: 'lk-bolt' })).toEqual(['LK-BOLT-M6', 'LK-BOLT-M8']);
		// "bolt" starts no code: the names that contain it, by code
		expect(await codes('item', { q: 'BOLT' })).toEqual(['LK-BOLT-M6', 'LK-BOLT-M8', 'LK-FRAME']);
		expect(await codes('item', { q: '前轮' })).toEqual(['LK-WHEEL']);
		const [bolt] = await lookup(t.rt.db, 'item', lookupQuery.parse({ q: 'LK-BOLT-M6' }), admin);
		expect(bolt).toEqual({ code: 'LK-BOLT-M6', name: 'Hex bolt M6', detail: 'pcs' });
	});

	it('puts a code match before a name match of another record', async () => {
		// "lk-f" starts LK-FRAME's code; no name contains it
		await append([ev.item({ itemId: 'LK-GEAR', name: 'gear for lk-frame', uom: 'pcs' })]);
		expect(await codes('item', { q: 'lk-fr' })).toEqual(['LK-FRAME', 'LK-GEAR']);
	});

	it('takes wildcards in the term literally', async () => {
		expect(await codes('item', { q: 'LK_' })).toEqual(['LK_X']);
		expect(await codes('item', { q: '100%' })).toEqual(['LK_X']);
	});

	it('answers at most the limit, and the first records by code for an empty term', async () => {
		expect(await codes('item', { q: 'LK', limit: '2' })).toEqual(['LK-BOLT-M6', 'LK-BOLT-M8']);
		expect(lookupQuery.safeParse({ limit: '51' }).success).toBe(false);
		expect((await codes('customer', {})).filter((c) => c.startsWith('LK-'))).toEqual(['LK-C1', 'LK-C2']);
	});

	it("offers the supplier's items first, then the bought ones, when the form asks", async () => {
		expect(await codes('item', { q: 'bolt', supplierId: 'LK-S1' })).toEqual(['LK-BOLT-M8', 'LK-BOLT-M6', 'LK-FRAME']);
		expect(await codes('item', { q: 'LK-', makeOrBuy: 'make', limit: '2' })).toEqual(['LK-FRAME', 'LK-GEAR']);
	});

	it('finds customers and suppliers by Chinese or Latin name', async () => {
		expect(await codes('customer', { q: '杭州' })).toEqual(['LK-C1']);
		expect(await codes('customer', { q: 'beta' })).toEqual(['LK-C2']);
		expect(await codes('supplier', { q: 'bolt works' })).toEqual(['LK-S1']);
	});

	it("offers a shop-floor user of a department that department's work centres and those of none", async () => {
		expect(await codes('work-center', { q: 'LK-WC' })).toEqual(['LK-WC-A', 'LK-WC-B', 'LK-WC-C']);
		expect(await codes('work-center', { q: 'assembly' }, { roles: ['production'], department: 'WS2' })).toEqual(['LK-WC-B', 'LK-WC-C']);
		// a planner of that department plans every work centre
		expect(await codes('work-center', { q: 'assembly' }, { roles: ['planner'], department: 'WS2' })).toEqual(['LK-WC-A', 'LK-WC-B', 'LK-WC-C']);
		const [a] = await lookup(t.rt.db, 'work-center', lookupQuery.parse({ q: 'LK-WC-A' }), admin);
		expect(a).toEqual({ code: 'LK-WC-A', name: 'Assembly A', detail: 'WS1' });
	});

	it('offers the locations stock is kept at and the three every factory has', async () => {
		expect(await codes('location', { q: 'lk-shelf' })).toEqual(['LK-SHELF-1']);
		const all = await codes('location', {});
		expect(all[0]).toBe('MAIN');
		expect(all).toEqual(expect.arrayContaining(['QC', 'REJECTED', 'LK-SHELF-1']));
		expect(await codes('location', { q: 'rej' })).toEqual(['REJECTED']);
	});

	it('stays quick with ten thousand items, finding a code prefix through its index', async () => {
		await t.rt.db.query(
			`insert into items (item_id, name, kind, uom, unit_cost, make_or_buy, lead_time_days, version_at, version_id)
			select 'BULK-' || lpad(n::text, 5, '0'), '批量物料 bulk part ' || n, 'material', 'pcs', 1, 'buy', 1, now(), gen_random_uuid()
			from generate_series(1, 10000) n`
		);
		await t.rt.db.query('analyze items');
		const started = performance.now();
		expect(await codes('item', { q: 'bulk-0999' })).toEqual(['BULK-09990', 'BULK-09991', 'BULK-09992', 'BULK-09993', 'BULK-09994', 'BULK-09995', 'BULK-09996', 'BULK-09997', 'BULK-09998', 'BULK-09999']);
		expect(await codes('item', { q: 'part 9999' })).toEqual(['BULK-09999']);
		expect(performance.now() - started).toBeLessThan(2000);
		const plan = await t.rt.db.query<{ 'QUERY PLAN': string }>(
			`explain select item_id from items where lower(item_id) like 'bulk-0999%' order by lower(item_id) limit 200`
		);
		expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('items_lookup_code_idx');
	});
});
