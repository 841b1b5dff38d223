import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshDatabase, testConfig, usesPostgres, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { EventIdConflict } from '../../../server/events/insert.ts';
import { ev, mixedBatch, type RawEvent } from '../../support/events.ts';

// Runs where the PostgreSQL server has TimescaleDB preloaded; elsewhere it is skipped, and the plain
// PostgreSQL parts (the race, the insert path, telemetry pruning) are covered by the other files here.
async function timescaleOnServer(): Promise<boolean> {
	if (!usesPostgres) return false;
	const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await c.connect();
	try {
		const r = await c.query<{ available: boolean; libs: string | null }>(
			`select exists (select 1 from pg_available_extensions where name = 'timescaledb') as available,
				(select setting from pg_settings where name = 'shared_preload_libraries') as libs`
		);
		return r.rows[0].available && /\btimescaledb\b/.test(r.rows[0].libs ?? '');
	} finally {
		await c.end();
	}
}
const hasTimescale = await timescaleOnServer();

const dbs: TestDatabase[] = [];
const open: Runtime[] = [];
afterAll(async () => {
	for (const rt of open) await rt.close();
	for (const d of dbs) await d.drop();
});

async function fresh(): Promise<TestDatabase> {
	const d = await freshDatabase({ migrated: false });
	dbs.push(d);
	return d;
}

async function start(d: TestDatabase, env: Record<string, string> = {}): Promise<Runtime> {
	const rt = await createRuntime(testConfig({ ...d.env, ...env }), { log: createLogger('warn') });
	open.push(rt);
	return rt;
}

async function stop(rt: Runtime): Promise<void> {
	open.splice(open.indexOf(rt), 1);
	await rt.close();
}

function valid(rt: Runtime, events: RawEvent[]) {
	const v = validateBatch(rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return v.events;
}

async function jobs(rt: Runtime, proc: string): Promise<{ job_id: number; config: { drop_after?: string } }[]> {
	const r = await rt.db.query<{ job_id: number; config: { drop_after?: string } }>(
		"select job_id, config from timescaledb_information.jobs where proc_name = $1 and (hypertable_name is null or hypertable_name = 'events') order by job_id",
		[proc]
	);
	return r.rows;
}

describe.skipIf(!hasTimescale)('TimescaleDB (runs only where the PostgreSQL server has the timescaledb extension preloaded)', () => {
	it('nodes starting together on a fresh database create the extension once and both write to the hypertable', async () => {
		const d = await fresh();
		const [a, b] = await Promise.all([start(d), start(d)]);
		expect([a.db.kind, b.db.kind]).toEqual(['timescaledb', 'timescaledb']);
		const hyper = await a.db.query("select 1 from timescaledb_information.hypertables where hypertable_name = 'events'");
		expect(hyper.rowCount).toBe(1);
		const toA = mixedBatch(20);
		const toB = mixedBatch(20);
		expect(await a.append(valid(a, toA))).toMatchObject({ accepted: 20 });
		expect(await b.append(valid(b, toB))).toMatchObject({ accepted: 20 });
		const both = [...toA, ...toB];
		const [ra, rb] = await Promise.all([a.append(valid(a, both)), b.append(valid(b, both))]);
		expect(ra.accepted + rb.accepted).toBe(0);
		const n = await a.db.query<{ events: number; ids: number }>(
			'select (select count(*) from events where id = any($1::uuid[]))::int as events, (select count(*) from event_ids where id = any($1::uuid[]))::int as ids',
			[both.map((e) => e.id)]
		);
		expect(n.rows[0]).toEqual({ events: 40, ids: 40 });
		await stop(a);
		await stop(b);
	}, 120_000);

	it('refuses an id sent again with another body on the hypertable too, storing nothing of the batch', async () => {
		const rt = await start(await fresh());
		const c = ev.customer();
		await rt.append(valid(rt, [c]));
		const other = mixedBatch(2);
		const err = await rt.append(valid(rt, [other[0], { ...c, source: 'changed' }, other[1]])).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(EventIdConflict);
		expect((err as EventIdConflict).conflicts).toEqual([{ index: 1, id: c.id }]);
		const r = await rt.db.query<{ n: number }>('select count(*)::int as n from event_ids where id = any($1::uuid[])', [other.map((e) => e.id)]);
		expect(r.rows[0].n).toBe(0);
		expect(await rt.append(valid(rt, [c]))).toMatchObject({ accepted: 0, duplicates: 1 });
		await stop(rt);
	}, 120_000);

	it('keeps one telemetry job while the variable is set, changes it in place, and removes it when unset', async () => {
		const d = await fresh();
		let rt = await start(d, { LIANDONG_EVENT_RETENTION_DAYS: '30' });
		const [first] = await jobs(rt, 'prune_telemetry_job');
		expect(first.config).toMatchObject({ drop_after: '30 days' });
		// A chunk-dropping policy (left by an earlier version, or added by hand) is removed at start.
		await rt.db.query("select add_retention_policy('events', interval '7 days')");
		await stop(rt);

		rt = await start(d, { LIANDONG_EVENT_RETENTION_DAYS: '30' });
		expect(await jobs(rt, 'prune_telemetry_job')).toEqual([first]);
		expect(await jobs(rt, 'policy_retention')).toEqual([]);
		await stop(rt);

		rt = await start(d, { LIANDONG_EVENT_RETENTION_DAYS: '60' });
		expect(await jobs(rt, 'prune_telemetry_job')).toEqual([{ job_id: first.job_id, config: expect.objectContaining({ drop_after: '60 days' }) }]);
		await stop(rt);

		rt = await start(d);
		expect(await jobs(rt, 'prune_telemetry_job')).toEqual([]);
		expect(await jobs(rt, 'policy_retention')).toEqual([]);
		await stop(rt);
	}, 180_000);

	it('prunes old telemetry from compressed chunks with its event_ids, and a rebuild still finds every item', async () => {
		const rt = await start(await fresh());
		const item = ev.item({}, { occurredAt: '2025-01-10T08:00:00+08:00' });
		const readings = [0, 1, 2].map(() => ev.extension({}, { occurredAt: '2025-01-10T09:00:00+08:00' }));
		await rt.append(valid(rt, [item, ...readings]));
		await rt.db.query("select compress_chunk(c, if_not_compressed => true) from show_chunks('events', older_than => '2026-01-01'::timestamptz) c");
		const pruned = await rt.db.query<{ n: number }>("select prune_telemetry('2026-01-01T00:00:00Z') as n");
		expect(pruned.rows[0].n).toBe(3);
		const left = await rt.db.query<{ events: number; ids: number }>(
			'select (select count(*) from events where id = any($1::uuid[]))::int as events, (select count(*) from event_ids where id = any($1::uuid[]))::int as ids',
			[[item, ...readings].map((e) => e.id)]
		);
		expect(left.rows[0]).toEqual({ events: 1, ids: 1 });
		await rt.rebuildProjections();
		expect((await rt.db.query('select 1 from items where item_id = $1', [item.data.itemId])).rowCount).toBe(1);
		await stop(rt);
	}, 120_000);
});
