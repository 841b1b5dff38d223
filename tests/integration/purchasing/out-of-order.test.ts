// Purchasing events posted through ingest before the record they update: approvals and rejections
// before their requisition, orders before the requisition they name, confirmations and delays before
// their order, receipts and inspections (naming no item) before their order. Whatever the arrival
// order, the projections end the same, and a rebuild from the log gives exactly the live ones.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMasterData, ev } from '../../support/events.ts';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import type { RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt);
});
afterAll(async () => t?.close());

const knownItems = new Set<string>();

/** Stores a batch the way POST /api/events does; answers how many events were new. */
async function ingest(events: RawEvent[]): Promise<number> {
	// Orders name known items (ingest refuses unknown ones): the first batch naming a history's material
	// carries it too (master data applies first), so the history takes no extra transaction.
	const items = events.flatMap((e) => (e.type === 'purchase_order.placed' ? (e.data.lines as { itemId: string }[]).map((l) => l.itemId) : []));
	const missing = [...new Set(items)].filter((i) => !knownItems.has(i));
	const master = missing.map((itemId) => ev.item({ itemId, kind: 'material', makeOrBuy: 'buy' }));
	const v = validateBatch(t.rt.catalogue, { events: [...master, ...events] });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	const accepted = (await t.rt.append(v.events)).accepted;
	for (const i of missing) knownItems.add(i);
	return accepted - master.length;
}

// Business times are fixed per step of a history, so two deliveries of one history differ only in ids.
const at = (minute: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + minute * 60_000).toISOString();
const event = (type: string, minute: number, data: Record<string, unknown>, actor = 'user:sun.buyer'): RawEvent => ({
	id: randomUUID(),
	type,
	occurredAt: at(minute),
	source: 'erp',
	actor,
	data
});

/** One requisition through two approval steps, ordered on a two-line purchase order, received and inspected. */
function history(tag: string) {
	const req = `PR-${tag}`;
	const po = `PO-${tag}`;
	const item = `M-${tag}`;
	return {
		created: event('requisition.created', 1, {
			requisitionId: req,
			itemId: item,
			qty: 100,
			neededBy: '2026-12-10',
			supplierId: 'S-OOO',
			unitPrice: 2.5,
			requesterRole: 'planner',
			ruleId: 'TWO_STEPS',
			steps: [{ role: 'purchasing' }, { role: 'manager' }],
			autoApproved: false
		}, 'user:li.planner'),
		approved0: event('requisition.approved', 2, { requisitionId: req, step: 0, role: 'purchasing' }),
		approved1: event('requisition.approved', 3, { requisitionId: req, step: 1, role: 'manager' }, 'user:chen.manager'),
		rejected1: event('requisition.rejected', 3, { requisitionId: req, step: 1, role: 'manager', note: 'too dear' }, 'user:chen.manager'),
		placed: event('purchase_order.placed', 4, {
			poId: po,
			supplierId: 'S-OOO',
			lines: [
				{ lineId: '1', itemId: item, qty: 100, unitPrice: 2.5, expectedDate: '2026-12-05', requisitionId: req },
				{ lineId: '2', itemId: item, qty: 40, unitPrice: 3, expectedDate: '2026-12-06' }
			]
		}),
		confirmed: event('purchase_order.confirmed', 5, { poId: po, lines: [{ lineId: '1', confirmedDate: '2026-12-04' }] }),
		delayed: event('purchase_order.delayed', 6, { poId: po, lineId: '2', expectedDate: '2026-12-12', reasonCode: 'LOGISTICS' }),
		received: event('goods.received', 7, { poId: po, lineId: '1', qty: 60 }, 'user:zhao.wh'),
		inspected: event('inspection.recorded', 8, { poId: po, lineId: '1', acceptedQty: 50, rejectedQty: 10, reasonCode: 'MATERIAL_DEFECT' }, 'user:qian.qc')
	};
}

/** What the projections say about one history, its tag written as X so two deliveries compare. */
async function state(tag: string, opts: { stockValue?: boolean } = { stockValue: true }) {
	const q = async (sql: string) => (await t.rt.db.query(sql, [tag])).rows;
	const out = {
		requisitions: await q(`select requisition_id, status, approvals, po_id from requisitions where requisition_id = 'PR-' || $1`),
		lines: await q(`select line_id, item_id, qty::float8 as qty, expected_date::text as expected, confirmed_date::text as confirmed, delay_reason,
				received_qty::float8 as received, accepted_qty::float8 as accepted, rejected_qty::float8 as rejected
			from purchase_order_lines where po_id = 'PO-' || $1 order by line_id`),
		stock: await q(`select location_id, on_hand::float8 as on_hand${opts.stockValue ? ', value::float8 as value' : ''}
			from stock where item_id = 'M-' || $1 and on_hand <> 0 order by location_id`)
	};
	return JSON.parse(JSON.stringify(out).replaceAll(tag, 'X'));
}

/**
 * Delivers a history three ways: parents first, children first (each in its own transaction), and
 * children before parents in one batch. Answers the three states.
 */
let run = 0;
async function threeWays(parents: (h: ReturnType<typeof history>) => RawEvent[], children: (h: ReturnType<typeof history>) => RawEvent[]) {
	const tags = ['pf', 'cf', 'ob'].map((w) => `${w}${++run}`);
	const [pf, cf, ob] = tags.map(history);
	for (const e of parents(pf)) await ingest([e]);
	for (const e of children(pf)) await ingest([e]);
	for (const e of children(cf)) expect(await ingest([e])).toBe(1);
	for (const e of parents(cf)) await ingest([e]);
	await ingest([...children(ob), ...parents(ob)]);
	return Promise.all(tags.map((tag) => state(tag)));
}

describe(`requisition approvals and rejections that arrive before their requisition (${backendLabel})`, () => {
	it('count once it arrives: parent first, children first and one batch end the same', async () => {
		const [pf, cf, ob] = await threeWays((h) => [h.created], (h) => [h.approved1, h.approved0]);
		expect(pf.requisitions).toEqual([
			{
				requisition_id: 'PR-X',
				status: 'approved',
				po_id: null,
				approvals: [
					{ step: 0, role: 'purchasing', by: 'user:sun.buyer', at: at(2) },
					{ step: 1, role: 'manager', by: 'user:chen.manager', at: at(3) }
				]
			}
		]);
		expect(cf).toEqual(pf);
		expect(ob).toEqual(pf);
	});

	it('a rejection before its requisition rejects it once it arrives', async () => {
		const [pf, cf, ob] = await threeWays((h) => [h.created], (h) => [h.approved0, h.rejected1]);
		expect(pf.requisitions[0]).toMatchObject({ status: 'rejected', approvals: [{ step: 0 }] });
		expect(cf).toEqual(pf);
		expect(ob).toEqual(pf);
	});

	it('an order placed before its requisition marks it ordered once it arrives', async () => {
		const [pf, cf, ob] = await threeWays((h) => [h.created], (h) => [h.approved0, h.approved1, h.placed]);
		expect(pf.requisitions[0]).toMatchObject({ status: 'ordered', po_id: 'PO-X' });
		expect(cf).toEqual(pf);
		expect(ob).toEqual(pf);
	});

	it('counts a duplicate approval once, before and after its requisition', async () => {
		const tag = `dup${++run}`;
		const h = history(tag);
		expect(await ingest([h.approved0, h.approved0])).toBe(1);
		expect(await ingest([h.approved0])).toBe(0);
		await ingest([h.created]);
		expect(await ingest([h.approved0])).toBe(0);
		const s = await state(tag);
		expect(s.requisitions[0]).toMatchObject({ status: 'pending', approvals: [{ step: 0 }] });
	});

	it('keeps an approval whose requisition never arrives in the log, changing nothing', async () => {
		const tag = `orphan${++run}`;
		const h = history(tag);
		expect(await ingest([h.approved0])).toBe(1);
		expect((await state(tag)).requisitions).toEqual([]);
		const stored = await t.rt.db.query(`select 1 from events where id = $1`, [h.approved0.id]);
		expect(stored.rows).toHaveLength(1);
	});
});

describe(`confirmations and delays that arrive before their purchase order (${backendLabel})`, () => {
	it('count once the order arrives: parent first, children first and one batch end the same', async () => {
		const [pf, cf, ob] = await threeWays((h) => [h.placed], (h) => [h.confirmed, h.delayed]);
		expect(pf.lines).toMatchObject([
			{ line_id: '1', confirmed: '2026-12-04', expected: '2026-12-04', delay_reason: null },
			{ line_id: '2', confirmed: null, expected: '2026-12-12', delay_reason: 'LOGISTICS' }
		]);
		expect(cf).toEqual(pf);
		expect(ob).toEqual(pf);
	});

	it('apply on the placement that first names their line, not again on a later version', async () => {
		const tag = `ver${++run}`;
		const h = history(tag);
		const v1 = { ...h.placed, data: { ...h.placed.data, lines: [(h.placed.data.lines as unknown[])[0]] } };
		const v2 = { ...h.placed, id: randomUUID(), occurredAt: at(9) };
		await ingest([h.delayed]);
		await ingest([v1]);
		expect((await state(tag)).lines).toMatchObject([{ line_id: '1', expected: '2026-12-05' }]);
		// line 2 first appears in the second version: the delay that waited for it applies now
		await ingest([h.confirmed]);
		await ingest([v2]);
		expect((await state(tag)).lines).toMatchObject([
			{ line_id: '1', expected: '2026-12-05', confirmed: '2026-12-04' },
			{ line_id: '2', expected: '2026-12-12', delay_reason: 'LOGISTICS' }
		]);
	});

	it('counts a duplicate delay once', async () => {
		const tag = `dupd${++run}`;
		const h = history(tag);
		expect(await ingest([h.delayed, h.delayed])).toBe(1);
		await ingest([h.placed]);
		expect(await ingest([h.delayed])).toBe(0);
		expect((await state(tag)).lines[1]).toMatchObject({ expected: '2026-12-12', delay_reason: 'LOGISTICS' });
	});
});

describe(`receipts and inspections that arrive before their purchase order (${backendLabel})`, () => {
	it('move stock once the order names their item: parent first, children first and one batch end the same', async () => {
		const [pf, cf, ob] = await threeWays((h) => [h.placed], (h) => [h.received, h.inspected]);
		expect(pf.lines[0]).toMatchObject({ received: 60, accepted: 50, rejected: 10 });
		expect(pf.stock).toEqual([
			{ location_id: 'MAIN', on_hand: 50, value: 125 },
			{ location_id: 'REJECTED', on_hand: 10, value: 25 }
		]);
		expect(cf).toEqual(pf);
		expect(ob).toEqual(pf);
	});

	it('inspections before their receipt end as after it', async () => {
		const [pf, cf] = await threeWays((h) => [h.placed, h.received], (h) => [h.inspected]);
		expect(cf.lines).toEqual(pf.lines);
		expect(cf.stock.map((s: { on_hand: number }) => s.on_hand)).toEqual(pf.stock.map((s: { on_hand: number }) => s.on_hand));
	});

	it('counts duplicate receipts and inspections once', async () => {
		const tag = `dupr${++run}`;
		const h = history(tag);
		expect(await ingest([h.received, h.inspected, h.received])).toBe(2);
		await ingest([h.placed]);
		expect(await ingest([h.inspected, h.received])).toBe(0);
		const s = await state(tag);
		expect(s.lines[0]).toMatchObject({ received: 60, accepted: 50, rejected: 10 });
		expect(s.stock.map((x: { on_hand: number }) => x.on_hand)).toEqual([50, 10]);
	});
});

const TABLES: Record<string, string> = {
	requisitions: 'requisition_id',
	purchase_orders: 'po_id',
	purchase_order_lines: 'po_id, line_id',
	stock: 'item_id, location_id'
};

async function snapshot(): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const [table, key] of Object.entries(TABLES)) {
		out[table] = (await t.rt.db.query(`select to_jsonb(x) as row from ${table} x order by ${key}`)).rows.map((r) => (r as { row: unknown }).row);
	}
	return out;
}

describe(`purchasing histories in any arrival order (${backendLabel})`, () => {
	it('end the same as in business order, and a rebuild gives exactly the live projections', async () => {
		const reference = `ref${++run}`;
		const steps = (h: ReturnType<typeof history>) => [h.created, h.approved0, h.approved1, h.placed, h.confirmed, h.delayed, h.received, h.inspected];
		for (const e of steps(history(reference))) await ingest([e]);
		// Stock value follows the order movements are applied in (inventory/projectors.ts); quantities do not.
		const expected = await state(reference, { stockValue: false });
		await fc.assert(
			fc.asyncProperty(
				fc.tuple(
					fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
					fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
					fc.array(fc.nat({ max: 7 }), { maxLength: 3 })
				),
				async ([keys, cuts, repeats]) => {
					const tag = `p${++run}`;
					const events = steps(history(tag));
					// a random arrival order, cut into batches, with some events sent again
					const order = events.map((e, i) => ({ e, k: keys[i] })).sort((a, b) => a.k - b.k).map((x) => x.e);
					const sent = [...order, ...repeats.map((i) => events[i])];
					let batch: RawEvent[] = [];
					for (const [i, e] of sent.entries()) {
						batch.push(e);
						if (cuts[i % cuts.length] || i === sent.length - 1) {
							await ingest(batch);
							batch = [];
						}
					}
					expect(await state(tag, { stockValue: false })).toEqual(expected);
				}
			),
			{ numRuns: 25 }
		);
		const live = await snapshot();
		await t.rt.db.exec(`delete from requisitions; update purchase_order_lines set received_qty = 0; delete from stock`);
		expect(await snapshot()).not.toEqual(live);
		await t.rt.rebuildProjections();
		expect(await snapshot()).toEqual(live);
	});
});
