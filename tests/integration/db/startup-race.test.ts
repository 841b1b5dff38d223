import { afterAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { freshDatabase, testConfig, usesPostgres, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { eventsTableKind } from '../../../server/db/timescale.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import type { ValidEvent } from '../../../server/events/envelope.ts';
import { appendMasterData, mixedBatch, type RawEvent } from '../../support/events.ts';

// Nodes starting together on a fresh database set it up once, under the migration lock, and each
// then writes by what the catalog says `events` is, never by what it guessed before the others finished.
const dbs: TestDatabase[] = [];
const runtimes: Runtime[] = [];
afterAll(async () => {
	for (const rt of runtimes) await rt.close();
	for (const d of dbs) await d.drop();
});

async function start(d: TestDatabase, env: Record<string, string> = {}, log = createLogger('warn')): Promise<Runtime> {
	const rt = await createRuntime(testConfig({ ...d.env, ...env }), { log });
	runtimes.push(rt);
	return rt;
}

async function fresh(): Promise<TestDatabase> {
	const d = await freshDatabase({ migrated: false });
	dbs.push(d);
	return d;
}

function valid(rt: Runtime, events: RawEvent[]): ValidEvent[] {
	const v = validateBatch(rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return v.events;
}

async function stored(rt: Runtime, events: RawEvent[]): Promise<number> {
	const r = await rt.db.query<{ n: number }>('select count(*)::int as n from events where id = any($1::uuid[])', [events.map((e) => e.id)]);
	return r.rows[0].n;
}

describe.skipIf(!usesPostgres)('two nodes starting together on a fresh PostgreSQL database', () => {
	it('both know what `events` is and both store what they are sent, each event once', async () => {
		const d = await fresh();
		const [a, b] = await Promise.all([start(d), start(d)]);
		const truth = await eventsTableKind(a.db);
		expect(a.db.kind).toBe(truth);
		expect(b.db.kind).toBe(truth);
		await appendMasterData(a); // ingest refuses orders for unknown customers, suppliers and items
		const toA = mixedBatch(20);
		const toB = mixedBatch(20);
		expect(await a.append(valid(a, toA))).toMatchObject({ accepted: 20, duplicates: 0 });
		expect(await b.append(valid(b, toB))).toMatchObject({ accepted: 20, duplicates: 0 });
		const both = [...toA, ...toB];
		const [ra, rb] = await Promise.all([a.append(valid(a, both)), b.append(valid(b, both))]);
		expect(ra.accepted + rb.accepted).toBe(0);
		expect(ra.duplicates + rb.duplicates).toBe(80);
		expect(await stored(a, both)).toBe(40);
	}, 120_000);
});

describe.skipIf(!usesPostgres)('the insert path follows what the catalog says `events` is', () => {
	it('looks again when an insert fails because the table is not what the node believed, and carries on', async () => {
		const d = await fresh();
		const rt = await start(d);
		const truth = rt.db.kind;
		await appendMasterData(rt);
		// What the node that lost the race to create the extension used to believe: the other kind.
		rt.db.kind = truth === 'postgres' ? 'timescaledb' : 'postgres';
		const batch = mixedBatch(12);
		expect(await rt.append(valid(rt, batch))).toMatchObject({ accepted: 12, duplicates: 0 });
		expect(rt.db.kind).toBe(truth);
		expect(await rt.append(valid(rt, batch))).toMatchObject({ accepted: 0, duplicates: 12 });
		expect(await stored(rt, batch)).toBe(12);
	}, 120_000);

	it('answers the database error when looking again changes nothing (no endless retry)', async () => {
		const d = await fresh();
		const rt = await start(d);
		expect(rt.db.kind).toBe('postgres');
		// A plain table that lost its unique id: neither path can keep ids unique, and the catalog says so.
		await rt.db.exec('alter table events drop constraint events_pkey');
		const batch = mixedBatch(3);
		await expect(rt.append(valid(rt, batch))).rejects.toMatchObject({ code: '42P10' });
		expect(rt.db.kind).toBe('postgres');
		expect(await stored(rt, batch)).toBe(0);
	}, 120_000);
});

describe(`event retention without TimescaleDB (${backendLabel})`, () => {
	it('says once at start that LIANDONG_EVENT_RETENTION_DAYS keeps every event here', async () => {
		const d = await fresh();
		const lines: string[] = [];
		const sink = new Writable({
			write(chunk, _enc, done) {
				lines.push(...chunk.toString().split('\n').filter(Boolean));
				done();
			}
		});
		const rt = await start(d, { LIANDONG_EVENT_RETENTION_DAYS: '30' }, pino({ level: 'warn' }, sink));
		if (rt.db.kind === 'timescaledb') return; // the TimescaleDB suite covers retention there
		const warnings = lines.map((l) => JSON.parse(l) as { msg: string }).filter((l) => l.msg.includes('LIANDONG_EVENT_RETENTION_DAYS'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0].msg).toMatch(/only with TimescaleDB/);
	}, 120_000);
});
