import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';

// Batches committed at the same moment that each make the first stock of an item at a location: on
// PostgreSQL they race to create the same stock row, and the loser is run again (server/db/postgres.ts)
// instead of failing the sender with an internal error.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt);
}, 60_000);
afterAll(async () => t?.close());

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

describe(`first stock of an item at a location, concurrently (${backendLabel})`, () => {
	it('every batch is stored and the stock is the sum of them all', async () => {
		// Receipts go to quality control: the first ones of a new material there race to create its row.
		await append([ev.item({ itemId: 'MAT-RACE', kind: 'material', makeOrBuy: 'buy' })]);
		const n = 24;
		await append(
			Array.from({ length: n }, (_, i) =>
				ev.purchaseOrder({ poId: `PO-RACE-${i}`, supplierId: 'S-1', lines: [{ lineId: '1', itemId: 'MAT-RACE', qty: 10, unitPrice: 2, expectedDate: '2026-12-05' }] })
			)
		);
		const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => append([ev.receipt({ poId: `PO-RACE-${i}`, lineId: '1', qty: 5 })])));
		expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
		const rows = (await t.rt.db.query<{ qty: number }>(`select sum(on_hand)::float8 as qty from stock where item_id = 'MAT-RACE'`)).rows;
		expect(rows[0].qty).toBe(n * 5);
	});
});
