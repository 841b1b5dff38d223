import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMasterData } from '../../support/events.ts';
import { openTestRuntime, backendLabel, usesPostgres, type TestRuntime } from '../../support/backend.ts';
import { ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import type { ValidEvent } from '../../../server/events/envelope.ts';
import { COMMITTED_CHANNEL } from '../../../server/events/append.ts';
import pg from 'pg';
import { listEvents, readEvents, type Cursor } from '../../../server/events/read.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
	await appendMasterData(t.rt);
});
afterAll(async () => t?.close());

function valid(events: RawEvent[]): ValidEvent[] {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return v.events;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
	const r = await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`, params);
	return r.rows[0].n;
}

describe(`event log append (${backendLabel})`, () => {
	it('stores a batch once and counts the same batch again as duplicates', async () => {
		const batch = valid(mixedBatch(30));
		expect(await t.rt.append(batch)).toMatchObject({ accepted: 30, duplicates: 0 });
		expect(await t.rt.append(batch)).toMatchObject({ accepted: 0, duplicates: 30 });
		const ids = batch.map((e) => e.id);
		expect(await count('select count(*) from events where id = any($1::uuid[])', [ids])).toBe(30);
	});

	it('stores only the new part of an overlapping batch', async () => {
		const a = valid(mixedBatch(20));
		const b = [...a.slice(10), ...valid(mixedBatch(15))];
		await t.rt.append(a);
		expect(await t.rt.append(b)).toMatchObject({ accepted: 15, duplicates: 10 });
	});

	it('counts an id repeated inside one batch once', async () => {
		const [e] = valid([ev.customer()]);
		expect(await t.rt.append([e, e, e])).toMatchObject({ accepted: 1, duplicates: 2 });
	});

	it('stores each event exactly once when overlapping batches are appended concurrently', async () => {
		const pool = valid(mixedBatch(120));
		const batches = [pool.slice(0, 60), pool.slice(30, 90), pool.slice(60, 120), pool.slice(0, 120)];
		const results = await Promise.all(batches.map((b) => t.rt.append(b)));
		expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(120);
		expect(results.reduce((s, r) => s + r.accepted + r.duplicates, 0)).toBe(60 + 60 + 60 + 120);
		expect(await count('select count(*) from events where id = any($1::uuid[])', [pool.map((e) => e.id)])).toBe(120);
	});

	it('keeps the order of a batch in the sequence numbers', async () => {
		const batch = valid(mixedBatch(12));
		const r = await t.rt.append(batch);
		expect(r.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
		const seqs = r.events.map((e) => e.seq);
		expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
	});

	it('writes nothing from a batch whose projection fails', async () => {
		// A projector that fails after others have written: the whole batch must roll back.
		t.rt.projectors.register({
			type: 'x.test.explode',
			async apply() {
				throw new Error('projection failed');
			}
		});
		const good = valid([ev.customer(), ev.item()]);
		const bad = valid([{ ...ev.extension(), type: 'x.test.explode' }]);
		const before = await count('select count(*) from events');
		const countsBefore = await count("select coalesce(sum(n), 0) from event_counts");
		await expect(t.rt.append([...good, ...bad])).rejects.toThrow('projection failed');
		expect(await count('select count(*) from events')).toBe(before);
		expect(await count("select coalesce(sum(n), 0) from event_counts")).toBe(countsBefore);
		expect(await count('select count(*) from customers where customer_id = $1', [good[0].data.customerId])).toBe(0);
		expect(await count('select count(*) from items where item_id = $1', [good[1].data.itemId])).toBe(0);
	});

	it('publishes committed events on the bus after commit, and nothing for duplicates', async () => {
		const seen: string[] = [];
		const off = await t.rt.bus.subscribe(COMMITTED_CHANNEL, (m) => seen.push(...(m as { id: string }[]).map((e) => e.id)));
		const batch = valid(mixedBatch(5));
		await t.rt.append(batch);
		await t.rt.append(batch);
		// Publishes leave in commit order: once a later marker has arrived, anything the duplicate
		// append had published would have arrived before it.
		const marker = valid([ev.customer({ name: 'marker' })]);
		await t.rt.append(marker);
		await eventually(async () => seen, (s) => s.includes(marker[0].id));
		await off();
		expect(seen).toEqual([...batch, ...marker].map((e) => e.id));
	});

	it('reads events back by type, cursor and time window', async () => {
		const items = valid([
			ev.item({}, { occurredAt: '2030-01-01T00:00:00Z' }),
			ev.item({}, { occurredAt: '2030-01-02T00:00:00Z' }),
			ev.item({}, { occurredAt: '2030-01-03T00:00:00Z' })
		]);
		await t.rt.append(items);
		const window = await listEvents(t.rt.db, { types: ['item.upserted'], from: '2030-01-01T12:00:00Z', to: '2030-01-03T00:00:00Z', limit: 10 });
		expect(window.map((e) => e.id)).toEqual([items[1].id]);
		const first = await eventually(() => readEvents(t.rt.db, { types: ['item.upserted'], from: '2030-01-01T00:00:00Z', stable: true, limit: 2 }), (p) => p.events.length === 2);
		const rest = await readEvents(t.rt.db, { types: ['item.upserted'], from: '2030-01-01T00:00:00Z', after: first.last!, limit: 2 });
		expect([...first.events, ...rest.events].map((e) => e.id)).toEqual(items.map((e) => e.id));
		expect(first.events[0]).toMatchObject({ type: 'item.upserted', source: 'test', data: items[0].data });
	});

	it.skipIf(!usesPostgres)('never lets an event that commits late appear behind a reader\'s cursor', async () => {
		const url = t.database.env.DATABASE_URL;
		const slow = new pg.Client({ connectionString: url });
		await slow.connect();
		try {
			// A batch whose transaction is still open when a later batch commits.
			const [late] = valid([ev.customer({ name: 'late' })]);
			await slow.query('begin');
			await slow.query(
				`insert into events (id, type, occurred_at, source, data) values ($1, $2, $3, $4, $5)`,
				[late.id, late.type, late.occurredAt, late.source, JSON.stringify(late.data)]
			);
			const [early] = valid([ev.customer({ name: 'early' })]);
			await t.rt.append([early]);

			const seen: string[] = [];
			let cursor: Cursor | undefined;
			const readAll = async () => {
				for (;;) {
					const page = await readEvents(t.rt.db, { types: ['customer.upserted'], stable: true, after: cursor, limit: 100 });
					seen.push(...page.events.map((e) => e.id));
					if (page.last) cursor = page.last;
					if (page.events.length < 100) return;
				}
			};
			await readAll();
			expect(seen).not.toContain(early.id); // held back: an older transaction is still open
			await slow.query('commit');
			await eventually(async () => (await readAll(), seen), (s) => s.includes(early.id));
			expect(seen).toContain(late.id);
			expect(seen.indexOf(late.id)).toBeLessThan(seen.indexOf(early.id));
		} finally {
			await slow.query('rollback').catch(() => undefined);
			await slow.end();
		}
	});
});

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await probe();
		if (ok(v) || Date.now() > deadline) return v;
		await new Promise((r) => setTimeout(r, 20));
	}
}
