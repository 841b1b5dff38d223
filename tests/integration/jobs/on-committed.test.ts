import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import type { StoredEvent, ValidEvent } from '../../../server/events/envelope.ts';
import { createLogger } from '../../../server/log.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime({ log: createLogger('silent') }); // one test makes listeners fail on purpose
	await appendMasterData(t.rt); // ingest refuses orders for unknown customers, suppliers and items
});
afterAll(async () => t?.close());

function valid(events: RawEvent[]): ValidEvent[] {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return v.events;
}

/** Records each call, and whether its events were readable (committed) at the time of the call. */
function recorder() {
	const calls: { ids: string[]; committed: Promise<number> }[] = [];
	const off = t.rt.onCommitted((events: StoredEvent[]) => {
		const ids = events.map((e) => e.id);
		// Read on the pool, outside the appending transaction: committed rows only.
		const committed = t.rt.db.query<{ n: number }>('select count(*)::int as n from events where id = any($1::uuid[])', [ids]).then((r) => r.rows[0].n);
		calls.push({ ids, committed });
	});
	return { calls, off };
}

describe(`after-commit listeners (${backendLabel})`, () => {
	it('are called once per commit, after it, with the stored events only', async () => {
		const { calls, off } = recorder();
		try {
			const batch = valid(mixedBatch(6));
			await t.rt.append(batch);
			expect(calls.map((c) => c.ids)).toEqual([batch.map((e) => e.id)]);
			expect(await calls[0].committed).toBe(6);

			const fresh = valid([ev.customer()]);
			await t.rt.append([...batch.slice(0, 2), ...fresh]); // two duplicates, one new event
			expect(calls.map((c) => c.ids)).toEqual([batch.map((e) => e.id), fresh.map((e) => e.id)]);
			await t.rt.append(batch); // only duplicates: nothing was stored, nobody is told
			expect(calls).toHaveLength(2);
		} finally {
			off();
		}
	});

	it('hear commands and multi-step transactions, and nothing that rolled back', async () => {
		const { calls, off } = recorder();
		try {
			const [a] = valid([ev.customer({ name: 'via transact' })]);
			await t.rt.events.transact(async () => ({ events: [a], result: null }));
			expect(calls.map((c) => c.ids)).toEqual([[a.id]]);

			// A step-wise transaction that decides not to commit (an import preview).
			const [b] = valid([ev.customer({ name: 'previewed' })]);
			await t.rt.events.steps(async (_tx, append) => {
				await append([b]);
				return { commit: false, result: null };
			});
			// A transaction whose work fails after its events were written.
			const [c] = valid([ev.customer({ name: 'failed' })]);
			await expect(
				t.rt.events.transact(async (tx) => {
					await tx.query('select 1');
					throw new Error('refused');
				})
			).rejects.toThrow('refused');
			t.rt.projectors.register({
				type: 'x.test.explode',
				async apply() {
					throw new Error('projection failed');
				}
			});
			const bad = valid([c, { ...ev.extension(), type: 'x.test.explode' }]);
			await expect(t.rt.append(bad)).rejects.toThrow('projection failed');
			expect(calls.map((x) => x.ids)).toEqual([[a.id]]);

			const [d] = valid([ev.customer({ name: 'after the failures' })]);
			await t.rt.events.steps(async (_tx, append) => {
				await append([d]);
				return { commit: true, result: null };
			});
			expect(calls.map((x) => x.ids)).toEqual([[a.id], [d.id]]);
			expect(await Promise.all(calls.map((x) => x.committed))).toEqual([1, 1]);
		} finally {
			off();
		}
	});

	it('keep the commit when a listener throws, and stop after unsubscribing', async () => {
		const offThrowing = t.rt.onCommitted(() => {
			throw new Error('listener broke');
		});
		const offRejecting = t.rt.onCommitted(async () => {
			throw new Error('listener broke later');
		});
		const { calls, off } = recorder();
		const [e] = valid([ev.customer()]);
		await expect(t.rt.append([e])).resolves.toMatchObject({ accepted: 1 });
		expect(calls).toHaveLength(1);
		offThrowing();
		offRejecting();
		off();
		await t.rt.append(valid([ev.customer()]));
		expect(calls).toHaveLength(1);
	});
});
