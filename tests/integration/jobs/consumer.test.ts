import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, testConfig, usesPostgres, usesRedis, type TestDatabase } from '../../support/backend.ts';
import { baseMasterData, ev, mixedBatch, type RawEvent } from '../../support/events.ts';
import { prepareReactionLog, recorded, recordingReaction } from '../../support/reactions.ts';
import { createRuntime, openDatabase, type Runtime, type RuntimeOptions } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { appendInTx } from '../../../server/events/append.ts';
import { readCursor, startConsumer, type Reaction } from '../../../server/jobs/consumer.ts';
import { memoryLocks } from '../../../server/jobs/lock.ts';

let database: TestDatabase;
const open: Runtime[] = [];

beforeAll(async () => {
	database = await freshDatabase();
	await prepareReactionLog(database);
});
afterEach(async () => {
	// A failed test leaves its runtimes open; the embedded database admits one at a time.
	for (const rt of open.splice(0)) await rt.close().catch(() => undefined);
});
afterAll(async () => database?.drop());

async function runtime(opts: RuntimeOptions = {}): Promise<Runtime> {
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('silent'), jobs: false, ...opts });
	open.push(rt);
	return rt;
}

async function close(rt: Runtime) {
	open.splice(open.indexOf(rt), 1);
	await rt.close();
}

async function append(rt: Runtime, events: RawEvent[]): Promise<string[]> {
	const v = validateBatch(rt.catalogue, { events });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	return (await rt.append(v.events)).events.map((e) => e.id);
}

/** Every event of these types in the log, in log order. */
async function logIds(rt: Runtime, types?: string[]): Promise<string[]> {
	const r = await rt.db.query<{ id: string }>(
		`select id from events ${types ? 'where type = any($1::text[])' : ''} order by tx, seq`,
		types ? [types] : []
	);
	return r.rows.map((x) => x.id);
}

/**
 * Waits for a condition on the database (reactions run on their own, and on a shared PostgreSQL
 * cluster other transactions may hold the newest events back for a moment); fails after a while.
 */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
	const deadline = Date.now() + 40_000;
	for (;;) {
		const v = await probe();
		if (ok(v)) return v;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

// Generous limits: on a shared cluster a long transaction elsewhere holds every event cursor back.
describe(`durable reactions (${backendLabel})`, { timeout: 90_000 }, () => {
	it('hand over every event once, in log order, and resume after a restart with what came meanwhile', async () => {
		const reaction = recordingReaction('restart', 'n1', { types: ['customer.upserted', 'item.upserted'] });
		const types = reaction.types!;
		const first = await runtime({ reactions: [reaction] });
		await append(first, baseMasterData()); // ingest refuses orders for unknown customers, suppliers and items
		for (let i = 0; i < 3; i++) await append(first, mixedBatch(6));
		expect(await first.reactions.get('restart')!.catchUp()).toBe(true);
		const before = await logIds(first, types);
		const seen = await until(() => recorded(first.db, 'restart'), (r) => r.length >= before.length, 'the first events');
		expect(seen.map((r) => r.id)).toEqual(before);
		await close(first);

		// Down: events keep coming through a node that does not run the reaction.
		const other = await runtime();
		const meanwhile = await append(other, [ev.customer(), ev.item(), ev.supplier(), ev.customer()]);
		await close(other);

		const again = await runtime({ reactions: [reaction] });
		const all = await logIds(again, types);
		expect(all).toEqual(expect.arrayContaining([meanwhile[0], meanwhile[1], meanwhile[3]]));
		const caughtUp = await until(() => recorded(again.db, 'restart'), (r) => r.length >= all.length, 'the events that came meanwhile');
		expect(caughtUp.map((r) => r.id)).toEqual(all);
		const last = (await again.db.query<{ tx: string; seq: string }>(
			'select tx::text as tx, seq::text as seq from events where id = $1',
			[all.at(-1)]
		)).rows[0];
		expect(await readCursor(again.db, 'restart')).toEqual({ tx: last.tx, seq: Number(last.seq) });
		await close(again);
	});

	it('find events they were not woken for (a lost bus message) by polling', async () => {
		const rt = await runtime({ reactions: [recordingReaction('poll', 'n1', { types: ['x.mes.machine_reading'] })], reactionPollMs: 50 });
		await rt.reactions.get('poll')!.catchUp();
		// Written without telling anyone: no bus message, no after-commit call.
		const v = validateBatch(rt.catalogue, { events: [ev.extension(), ev.extension()] });
		if (!v.ok) throw new Error('invalid');
		const ids = (await rt.db.transaction((tx) => appendInTx(tx, { db: rt.db, projectors: rt.projectors }, v.events))).map((e) => e.id);
		const seen = await until(() => recorded(rt.db, 'poll'), (r) => r.length >= 2, 'the poll');
		expect(seen.map((r) => r.id)).toEqual(ids);
		await close(rt);
	});

	it('roll back a failing page with its cursor, and retry it until it passes', async () => {
		let broken = true;
		const base = recordingReaction('retry', 'n1', { types: ['x.test.retry'], batchSize: 1 });
		const reaction: Reaction = {
			...base,
			async handle(tx, events) {
				await base.handle(tx, events);
				if (broken && events.some((e) => e.data.name === 'poison')) throw new Error('cannot handle this one yet');
			}
		};
		const rt = await runtime({ reactions: [reaction] });
		const retry = (name: string) => ev.extension({ name }, { type: 'x.test.retry' });
		const ok1 = await append(rt, [retry('ok')]);
		const poison = await append(rt, [retry('poison')]);
		const ok2 = await append(rt, [retry('ok')]);
		const consumer = rt.reactions.get('retry')!;
		const attempt = async () => (await consumer.catchUp(), recorded(rt.db, 'retry'));
		expect((await until(attempt, (r) => r.length >= 1, 'the first event')).map((r) => r.id)).toEqual(ok1);
		const at = (await rt.db.query<{ tx: string; seq: string }>('select tx::text as tx, seq::text as seq from events where id = $1', [ok1[0]])).rows[0];
		expect(await readCursor(rt.db, 'retry')).toEqual({ tx: at.tx, seq: Number(at.seq) }); // stopped before the poison
		expect((await attempt()).map((r) => r.id)).toEqual(ok1); // the poison page rolled back again
		broken = false;
		const all = await until(attempt, (r) => r.length >= 3, 'the retried events');
		expect(all.map((r) => r.id)).toEqual([...ok1, ...poison, ...ok2]);
		await close(rt);
	});

	it('apply each page once even when two consumers both believe they lead (the cursor is compared and set)', async () => {
		const rt = await runtime();
		const reaction = recordingReaction('race', 'x', { types: ['x.test.race'], batchSize: 3 });
		const deps = (locks = memoryLocks()) => ({ db: rt.db, events: rt.events, bus: rt.bus, locks, log: rt.log, onCommitted: rt.onCommitted });
		const a = startConsumer(deps(), { ...reaction, handle: recordingReaction('race', 'a').handle });
		const b = startConsumer(deps(), { ...reaction, handle: recordingReaction('race', 'b').handle });
		try {
			const ids: string[] = [];
			const race = () => ev.extension({}, { type: 'x.test.race' });
			for (let i = 0; i < 10; i++) ids.push(...(await append(rt, [race(), race()])));
			const seen = await until(
				async () => (await Promise.all([a.catchUp(), b.catchUp()]), recorded(rt.db, 'race')),
				(r) => r.length >= ids.length,
				'every event'
			);
			expect(seen.map((r) => r.id)).toEqual(ids);
		} finally {
			await a.stop();
			await b.stop();
		}
		await close(rt);
	});

	it.skipIf(!usesPostgres)('start "from the end" before the events of a transaction still open, not after them', async () => {
		const rt = await runtime();
		const type = 'x.test.end';
		const valid = (n: number) => {
			const v = validateBatch(rt.catalogue, { events: Array.from({ length: n }, () => ev.extension({}, { type })) });
			if (!v.ok) throw new Error(JSON.stringify(v.issues));
			return v.events;
		};
		const before = await append(rt, [ev.extension({}, { type })]); // before the start: not handed over
		// An append that stays open (its transaction id is older), and one that commits meanwhile (of
		// another type: appends of one type wait for each other's counts).
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let written!: () => void;
		const inserted = new Promise<void>((r) => (written = r));
		const open = rt.db.transaction(async (tx) => {
			const stored = await appendInTx(tx, { db: rt.db, projectors: rt.projectors }, valid(2));
			written();
			await held;
			return stored.map((e) => e.id);
		});
		await inserted;
		const beside = await append(rt, [ev.extension({}, { type: 'x.test.beside' })]);
		const deps = { db: rt.db, events: rt.events, bus: rt.bus, locks: memoryLocks(), log: rt.log, onCommitted: rt.onCommitted };
		const consumer = startConsumer(deps, recordingReaction('from-end', 'n1', { types: [type], startAt: 'end' }));
		try {
			await until(() => readCursor(rt.db, 'from-end'), (c) => c !== null, 'the cursor to be placed');
			release();
			const late = await open;
			// In log order the open append comes first (its id is older), though it committed last.
			expect(await logIds(rt, [type, 'x.test.beside'])).toEqual([...before, ...late, ...beside]);
			const seen = await until(async () => (await consumer.catchUp(), recorded(rt.db, 'from-end')), (r) => late.every((id) => r.some((x) => x.id === id)), 'the events after the start');
			// Every event of the transaction open at the start is handed over. The start is the watermark —
			// the oldest transaction still open anywhere on the server — so on a shared server another
			// database's open transaction may place it a little earlier, and an event committed just
			// before the start may come too; never anything else.
			expect(seen.map((r) => r.id).filter((id) => !before.includes(id))).toEqual(late);
		} finally {
			release();
			await consumer.stop();
		}
		await close(rt);
	});

	it.skipIf(!(usesPostgres && usesRedis))('process each event exactly once with two nodes, and move to the other node when the leader stops', async () => {
		const [na, nb] = await Promise.all([
			runtime({ reactions: [recordingReaction('nodes', 'A', { types: ['x.test.nodes'] })], reactionPollMs: 200 }),
			runtime({ reactions: [recordingReaction('nodes', 'B', { types: ['x.test.nodes'] })], reactionPollMs: 200 })
		]);
		const nodes = () => ev.extension({}, { type: 'x.test.nodes' });
		const ids: string[] = [];
		for (let i = 0; i < 10; i++) ids.push(...(await append(i % 2 ? nb : na, [nodes(), nodes()])));
		// Woken by the bus (Redis) or their own commits, whichever node leads catches up on its own.
		let seen = await until(() => recorded(na.db, 'nodes'), (r) => r.length >= ids.length, 'every event');
		const leader = seen[0].node === 'A' ? na : nb;
		const follower = leader === na ? nb : na;
		expect(new Set(seen.map((r) => r.node)).size).toBe(1);

		await close(leader);
		const later = await append(follower, [nodes()]);
		seen = await until(() => recorded(follower.db, 'nodes'), (r) => r.length >= ids.length + 1, 'the follower taking over');
		await close(follower); // waits for a run in progress: anything recorded twice is in the table now
		const db = await openDatabase(testConfig(database.env));
		seen = await recorded(db, 'nodes');
		await db.close();
		expect(seen.map((r) => r.id)).toEqual([...ids, ...later]);
		expect(seen.at(-1)!.node).toBe(follower === na ? 'A' : 'B');
	});
});
