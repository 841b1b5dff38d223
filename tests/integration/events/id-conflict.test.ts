import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { appendMasterData, ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import type { ValidEvent } from '../../../server/events/envelope.ts';
import { EventIdConflict } from '../../../server/events/insert.ts';

// An event id names one fact: sent again with the same body it is a duplicate, with another body the
// whole batch is refused and the conflicting ids are named by their index in the batch.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt); // ingest refuses orders for unknown customers, suppliers and items
});
afterAll(async () => t?.close());

function valid(events: RawEvent[]): ValidEvent[] {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return v.events;
}

async function stored(ids: string[]): Promise<number> {
	const r = await t.rt.db.query<{ n: number }>('select count(*)::int as n from events where id = any($1::uuid[])', [ids]);
	return r.rows[0].n;
}

async function conflictOf(batch: RawEvent[]): Promise<EventIdConflict> {
	const err = await t.rt.append(valid(batch)).then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(EventIdConflict);
	return err as EventIdConflict;
}

describe(`the same event id with another body (${backendLabel})`, () => {
	it('is a duplicate when the body is the same, whatever its key order, business-time form or actor', async () => {
		const first = ev.extension({ machine: 'CNC-1', reading: { rpm: 1200, temp: 41.5 } }, { occurredAt: '2026-11-20T08:00:00+08:00' });
		await t.rt.append(valid([first]));
		const again = {
			...first,
			actor: 'token:gateway-2',
			occurredAt: '2026-11-20T00:00:00.000Z',
			data: { reading: { temp: 41.5, rpm: 1200 }, spindleRpm: first.data.spindleRpm, machine: 'CNC-1' }
		};
		expect(await t.rt.append(valid([again]))).toMatchObject({ accepted: 0, duplicates: 1 });
	});

	it('refuses the whole batch, naming index and id, when a stored id comes with a changed body', async () => {
		const item = ev.item();
		const reading = ev.extension();
		await t.rt.append(valid([item, reading]));
		const fresh = mixedBatch(3);
		const changed = { ...reading, data: { ...reading.data, spindleRpm: 1 } };
		const moved = { ...item, occurredAt: '2026-11-21T08:00:00+08:00' };
		const err = await conflictOf([fresh[0], changed, fresh[1], item, moved, fresh[2]]);
		// `moved` repeats `item` of this very batch with another time: refused as well, at its own index.
		expect(err.conflicts).toEqual([{ index: 4, id: item.id }]);
		const stored1 = await conflictOf([fresh[0], changed, fresh[1]]);
		expect(stored1.conflicts).toEqual([{ index: 1, id: reading.id }]);
		expect(await stored(fresh.map((e) => e.id))).toBe(0);
	});

	it('refuses a changed type or source as a changed body', async () => {
		const c = ev.customer();
		await t.rt.append(valid([c]));
		expect((await conflictOf([{ ...c, source: 'erp-2' }])).conflicts).toEqual([{ index: 0, id: c.id }]);
		expect((await conflictOf([{ ...c, type: 'supplier.upserted', data: { supplierId: 'S-9', name: c.data.name } }])).conflicts).toEqual([
			{ index: 0, id: c.id }
		]);
		const r = await t.rt.db.query<{ type: string; source: string }>('select type, source from events where id = $1', [c.id]);
		expect(r.rows).toEqual([{ type: 'customer.upserted', source: 'test' }]);
	});

	it('names every conflicting id, with the new events of the batch stored not at all', async () => {
		const olds = mixedBatch(4);
		await t.rt.append(valid(olds));
		const news = mixedBatch(2);
		const batch = [news[0], ...olds.map((e, i) => (i % 2 ? e : { ...e, source: 'changed' })), news[1]];
		const err = await conflictOf(batch);
		expect(err.conflicts).toEqual([
			{ index: 1, id: olds[0].id },
			{ index: 3, id: olds[2].id }
		]);
		expect(await stored(news.map((e) => e.id))).toBe(0);
		expect(await t.rt.append(valid(batch.map((e, i) => (i >= 1 && i <= 4 ? olds[i - 1] : e))))).toMatchObject({ accepted: 2, duplicates: 4 });
	});
});
