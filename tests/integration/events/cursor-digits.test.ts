// The (tx, seq) cursor across a digit boundary of transaction ids (9999 → 10000): sorted as text,
// 10000 comes before 9999 and a reader following the cursor skips every event behind it. Events are
// appended below a power of ten, ids are burnt up to it, more events are appended above it; then the
// log is paged in small pages by every reader that follows the cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, testConfig, type TestDatabase } from '../../support/backend.ts';
import { ev } from '../../support/events.ts';
import { startServer } from '../../support/server.ts';
import { ADMIN_TOKEN } from '../../support/tokens.ts';
import { burnXidsTo, currentXid, nextDigitBoundary } from '../../support/xids.ts';
import { createRuntime, PROJECTION_RESETTERS, type Runtime } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { readEvents, type Cursor } from '../../../server/events/read.ts';
import { rebuildProjections } from '../../../server/events/rebuild.ts';
import { eventTopics } from '../../../server/live/topics.ts';

const BATCHES = 10;
const PER_BATCH = 15;
const PAGE = 25;
// A PostgreSQL cluster's counter only grows, and each run of this file moves it to the next power
// of ten. Beyond this many ids (≈ 10 s) the events are instead given ids around the power of ten
// just below the counter, which exercises the same SQL without burning millions of ids.
const BURN_BUDGET = 2_000_000n;

let database: TestDatabase;
let rt: Runtime | null = null;
let boundary: bigint;
/** Every event id in (tx, seq) order, compared as numbers here (not by the code under test). */
let expected: string[];

async function appendBatches(): Promise<string[][]> {
	const out: string[][] = [];
	for (let b = 0; b < BATCHES; b++) {
		const v = validateBatch(rt!.catalogue, { events: Array.from({ length: PER_BATCH }, () => ev.customer()) });
		if (!v.ok) throw new Error(JSON.stringify(v.issues));
		out.push((await rt!.append(v.events)).events.map((e) => e.id));
	}
	return out;
}

async function logOrder(): Promise<{ id: string; tx: bigint; seq: number }[]> {
	const r = await rt!.db.query<{ id: string; tx: string; seq: string }>('select id, tx::text as tx, seq::text as seq from events');
	const rows = r.rows.map((x) => ({ id: x.id, tx: BigInt(x.tx), seq: Number(x.seq) }));
	return rows.sort((a, b) => (a.tx === b.tx ? a.seq - b.seq : a.tx < b.tx ? -1 : 1));
}

beforeAll(async () => {
	database = await freshDatabase();
	rt = await createRuntime(testConfig({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN }), { log: createLogger('warn') });
	const now = await currentXid(rt.db);
	boundary = nextDigitBoundary(now, 1000n);
	if (boundary - now <= BURN_BUDGET) {
		await appendBatches();
		await burnXidsTo(rt.db, boundary);
		await appendBatches();
	} else {
		boundary = nextDigitBoundary(now, 0n) / 10n;
		const batches = [...(await appendBatches()), ...(await appendBatches())];
		for (const [i, ids] of batches.entries()) {
			await rt.db.query('update events set tx = $1::text::xid8 where id = any($2::uuid[])', [String(boundary - BigInt(BATCHES) + BigInt(i)), ids]);
		}
	}
	const log = await logOrder();
	expected = log.map((e) => e.id);
	// The precondition of every test below: half the events on each side of the boundary.
	expect(log.filter((e) => e.tx < boundary).length).toBeGreaterThanOrEqual(BATCHES * PER_BATCH);
	expect(log.filter((e) => e.tx >= boundary).length).toBeGreaterThanOrEqual(BATCHES * PER_BATCH);
}, 60_000);

afterAll(async () => {
	await rt?.close();
	await database?.drop();
});

describe(`the event cursor across a digit boundary of transaction ids (${backendLabel})`, () => {
	it('readEvents pages through every event exactly once, in log order', async () => {
		const seen: string[] = [];
		let after: Cursor | undefined;
		for (let pages = 0; pages < 1000; pages++) {
			const page = await readEvents(rt!.db, { after, stable: true, noWatermark: true, limit: PAGE });
			seen.push(...page.events.map((e) => e.id));
			if (page.events.length < PAGE) break;
			after = page.last!;
		}
		expect(seen).toEqual(expected);
	});

	it('the events:* snapshot (also the seed after a bus resync) holds the newest events', async () => {
		const topics = eventTopics(rt!.db, () => true);
		const snap = (await topics.snapshot('events:*')) as { id: string }[];
		expect(snap.map((e) => e.id)).toEqual(expected.slice(-20));
	});

	it('a rebuild replays every event once and projects every customer', async () => {
		const r = await rebuildProjections(rt!.db, rt!.projectors, PROJECTION_RESETTERS, { pageSize: PAGE });
		expect(r.events).toBe(expected.length);
		const n = await rt!.db.query<{ n: number }>('select count(*)::int as n from customers');
		expect(n.rows[0].n).toBe(2 * BATCHES * PER_BATCH);
	});

	it('GET /api/events pages through every event exactly once, in log order', async () => {
		await rt!.close();
		rt = null;
		const server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
		try {
			const seen: string[] = [];
			let after = '';
			// Cursor reads wait for older transactions anywhere in the cluster: follow `next` until every
			// event has come or the log stays silent (a skipped event never comes, and fails below).
			const giveUp = Date.now() + 40_000;
			while (seen.length < expected.length && Date.now() < giveUp) {
				const r = await fetch(`${server.url}/api/events?limit=${PAGE}${after ? `&after=${after}` : ''}`, {
					headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
				});
				expect(r.status).toBe(200);
				const body = (await r.json()) as { events: { id: string }[]; next: string | null };
				seen.push(...body.events.map((e) => e.id));
				if (body.next) after = body.next;
				if (!body.events.length) await new Promise((res) => setTimeout(res, 50));
			}
			expect(seen).toEqual(expected);
		} finally {
			await server.stop();
		}
	}, 90_000);
});
