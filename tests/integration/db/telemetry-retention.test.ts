import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { ev, type RawEvent } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';

// Retention deletes extension events (`x.*`) only: a projection rebuild after it still finds every
// event a projection reads, even the only item.upserted of an item, however old.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

const OLD = '2025-01-10T08:00:00+08:00';
const RECENT = '2026-11-20T08:00:00+08:00';
const CUTOFF = '2026-01-01T00:00:00Z';

async function append(events: RawEvent[]) {
	const v = validateBatch(t.rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return t.rt.append(v.events);
}

async function prune(cutoff: string, maxRows?: number): Promise<number> {
	const r = await t.rt.db.query<{ n: number }>(
		maxRows === undefined ? 'select prune_telemetry($1) as n' : 'select prune_telemetry($1, $2) as n',
		maxRows === undefined ? [cutoff] : [cutoff, maxRows]
	);
	return r.rows[0].n;
}

async function ids(list: RawEvent[]): Promise<string[]> {
	const r = await t.rt.db.query<{ id: string }>('select id::text as id from events where id = any($1::uuid[]) order by id', [list.map((e) => e.id)]);
	return r.rows.map((row) => row.id);
}

async function count(type: string): Promise<number> {
	const r = await t.rt.db.query<{ n: number }>('select coalesce((select n from event_counts where type = $1), 0)::int as n', [type]);
	return r.rows[0].n;
}

describe(`telemetry retention (${backendLabel})`, () => {
	it('deletes only old extension events, keeps what projections read, and counts what is left', async () => {
		const item = ev.item({}, { occurredAt: OLD });
		const oldReadings = [0, 1, 2].map(() => ev.extension({}, { occurredAt: OLD }));
		const otherVendor = { ...ev.extension({}, { occurredAt: OLD }), type: 'x.plc.temperature' };
		const newReading = ev.extension({}, { occurredAt: RECENT });
		await append([item, ...oldReadings, otherVendor, newReading]);
		const before = await count('x.mes.machine_reading');

		expect(await prune(CUTOFF)).toBe(4);

		expect(await ids([item, ...oldReadings, otherVendor, newReading])).toEqual([item.id, newReading.id].sort());
		expect(await count('x.mes.machine_reading')).toBe(before - 3);
		expect(await count('x.plc.temperature')).toBe(0);
		expect(await prune(CUTOFF)).toBe(0);

		await t.rt.rebuildProjections();
		const r = await t.rt.db.query('select 1 from items where item_id = $1', [item.data.itemId]);
		expect(r.rowCount).toBe(1);
	});

	it('deletes in slices of at most max_rows', async () => {
		const readings = [0, 1, 2, 3, 4].map(() => ({ ...ev.extension({}, { occurredAt: OLD }), type: 'x.slice.reading' }));
		await append(readings);
		expect(await prune(CUTOFF, 2)).toBe(2);
		expect(await prune(CUTOFF, 2)).toBe(2);
		expect(await prune(CUTOFF, 2)).toBe(1);
		expect(await ids(readings)).toEqual([]);
		expect(await count('x.slice.reading')).toBe(0);
	});

	it('runs as the scheduled job with a drop_after window, committing slice by slice', async () => {
		// Times far from any clock this runs under: the job measures its window back from now().
		const ancient = [0, 1, 2].map(() => ({ ...ev.extension({}, { occurredAt: '1950-01-01T00:00:00Z' }), type: 'x.job.reading' }));
		const future = { ...ev.extension({}, { occurredAt: '2099-01-01T00:00:00Z' }), type: 'x.job.reading' };
		await append([...ancient, future]);
		await t.rt.db.query(`call prune_telemetry_job(0, '{"drop_after": "1 day"}'::jsonb)`);
		expect(await ids([...ancient, future])).toEqual([future.id]);
		expect(await count('x.job.reading')).toBe(1);
	});
});
