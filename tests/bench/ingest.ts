// Ingest throughput of the built server on PostgreSQL: batches of 1,000 events POSTed to /api/events by
// 2 concurrent clients, for (A) machine telemetry, an extension type with no projection, and (B) a
// plant's stream of the 8 fixed types in the shares of MIX, both from the benchmark data (seed/bench/
// sets.ts: readingsSet, mixSet; B's plant, opening stock and open orders are posted first, not timed),
// each against the same rows COPYed into a table shaped like `events` with the same concurrency.
// COPY and HTTP trials alternate and the median trial counts, so a busy neighbour skews both alike.
// The set-up is analyzed before the trials, as autovacuum would (see where it is posted).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ROOT } from '../support/paths.ts';
import { startServer, type TestServer } from '../support/server.ts';
import type { RawEvent } from '../support/events.ts';
import { countByType } from '../../seed/bench/events.ts';
import { firstEvents, mixSet, readingsSet, setupOf } from '../../seed/bench/sets.ts';
import { adminUrl, createBenchDatabase } from './bench-db.ts';
import { CopySenders, copyText, createCopyTable } from './copy-baseline.ts';
import { cleanup, formatTable, jsonClient, processMemory, round, timeBatches, type JsonClient, type Memory, type Timing } from './harness.ts';

const BATCH_SIZE = 1000;
const TRIALS = 3;
/** Batches per trial and warm-up at scale 1; fewer in proportion below it, at least one. */
const FULL_TIMED_BATCHES = 60;
const FULL_WARMUP_BATCHES = 3;

interface Size {
	timed: number;
	warmup: number;
}
/** Clients posting at once (INGEST_BENCH_CLIENTS overrides it: 1 shows the work of a batch without lock waits between batches). */
const CONCURRENCY = Math.max(1, Math.round(Number(process.env.INGEST_BENCH_CLIENTS ?? 2)) || 2);
const COPY_TABLE = 'bench_copy_events';

const TARGETS = {
	eventLog: { minRatioToCopy: 0.3, text: '≥ 0.30 × COPY' },
	mix: { minRatioToCopy: 0.14, text: '≥ 0.14 × COPY' }
} as const;

interface Workload {
	key: 'eventLog' | 'mix';
	label: string;
	batches: RawEvent[][];
	/** Posted once before the workload, not timed: the state its events refer to (master data, opening stock). */
	setup?: RawEvent[][];
}

interface Prepared {
	n: number;
	json: Buffer;
	copy: Buffer;
}

/** One way of storing batches (COPY or POST) and the connections it opens for a phase. */
interface Phase {
	open(): void;
	close(): void;
	send(b: Prepared, sender: number): Promise<void>;
}

interface Measured {
	copy: Timing;
	http: Timing;
	ratio: number;
	trials: { copy: number[]; http: number[] };
}

/** Builds when the build is missing or older than its sources, so figures are for the code as it is. */
export async function ensureBuild(): Promise<void> {
	// scripts/ is plain JS without types; the specifier is widened so tsc does not resolve it.
	const mod = (await import(join(ROOT, 'scripts/build-state.js') as string)) as { buildIsStale(root: string): boolean };
	if (!mod.buildIsStale(ROOT)) return;
	console.error('production build missing or stale: running node scripts/build.js');
	// The build's output goes to stderr so stdout stays the benchmark's report.
	const r = spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
	if (r.status !== 0) throw new Error(`build failed with exit code ${r.status}`);
}

/** Ingest over a fresh keep-alive client per phase (see jsonClient); every event must be accepted. */
function poster(server: TestServer, token: string): Phase {
	const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	let client: JsonClient | null = null;
	return {
		open: () => void (client = jsonClient(server.url, CONCURRENCY)),
		close: () => client?.close(),
		async send(b) {
			const res = await client!.post('/api/events', headers, b.json);
			if (res.status !== 200) throw new Error(`POST /api/events → ${res.status}: ${res.text.slice(0, 500)}`);
			const r = JSON.parse(res.text) as { accepted: number; duplicates: number };
			if (r.accepted !== b.n) throw new Error(`POST /api/events accepted ${r.accepted} of ${b.n} (duplicates ${r.duplicates})`);
		}
	};
}

function copier(senders: CopySenders): Phase {
	return { open() {}, close() {}, send: (b, sender) => senders.copy(sender, COPY_TABLE, b.copy) };
}

/** A checkpoint first, so dirty pages of the previous phase are not billed to this one. */
async function timed(q: pg.Client, batches: Prepared[], phase: Phase, checkpoint = true): Promise<Timing> {
	if (checkpoint) await q.query('checkpoint').catch(() => undefined);
	phase.open();
	try {
		return await timeBatches(batches, CONCURRENCY, (b) => b.n, phase.send);
	} finally {
		phase.close();
	}
}

const median = (ts: Timing[]): Timing => [...ts].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(ts.length / 2)];

/** Warm-up on both paths, then TRIALS alternating pairs (COPY first, then HTTP first, …) on fresh rows. */
async function measure(q: pg.Client, batches: Prepared[], copy: Phase, http: Phase, size: Size): Promise<Measured> {
	const warmup = batches.slice(0, size.warmup);
	await timed(q, warmup, copy, false);
	await timed(q, warmup, http, false);
	const copies: Timing[] = [];
	const posts: Timing[] = [];
	for (let t = 0; t < TRIALS; t++) {
		const trial = batches.slice(size.warmup + t * size.timed, size.warmup + (t + 1) * size.timed);
		if (t % 2 === 0) {
			copies.push(await timed(q, trial, copy));
			posts.push(await timed(q, trial, http));
		} else {
			posts.push(await timed(q, trial, http));
			copies.push(await timed(q, trial, copy));
		}
	}
	const [c, h] = [median(copies), median(posts)];
	const eps = (ts: Timing[]) => ts.map((x) => round(x.eventsPerSecond));
	return { copy: c, http: h, ratio: h.eventsPerSecond / c.eventsPerSecond, trials: { copy: eps(copies), http: eps(posts) } };
}

function passes(w: Workload, m: Measured): boolean {
	return m.ratio >= TARGETS[w.key].minRatioToCopy;
}

/** Both paths must have stored every row, or the figures mean nothing. */
async function checkStored(q: pg.Client, workloads: Workload[]): Promise<void> {
	const count = (list: RawEvent[][]) => list.reduce((k, b) => k + b.length, 0);
	const expected = workloads.reduce((n, w) => n + count(w.batches), 0);
	const setup = workloads.reduce((n, w) => n + count(w.setup ?? []), 0);
	const r = await q.query<{ events: number; copied: number }>(
		`select (select count(*) from events)::int as events, (select count(*) from ${COPY_TABLE})::int as copied`
	);
	const { events, copied } = r.rows[0];
	if (events !== expected + setup || copied !== expected) {
		throw new Error(`expected ${expected} rows each (and ${setup} set-up events), found events=${events} copy=${copied}`);
	}
}

interface Report {
	scale: number;
	size: Size;
	results: Map<Workload, Measured>;
	health: { db: string; bus: string };
	memory: { before: Memory | null; after: Memory | null };
}

/** The table for people, then one JSON line with every figure for scripts. */
function printReport({ scale, size, results, health, memory }: Report): void {
	const fmt = (t: Timing) => [String(t.events), t.seconds.toFixed(3), Math.round(t.eventsPerSecond).toLocaleString('en')];
	const rows = [...results].flatMap(([w, m]) => [
		[w.label, 'COPY baseline', ...fmt(m.copy), '1.00', '', ''],
		[w.label, 'POST /api/events', ...fmt(m.http), m.ratio.toFixed(2), TARGETS[w.key].text, passes(w, m) ? 'PASS' : 'MISS']
	]);
	const mb = (kb: number | undefined) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
	console.log(
		`\ningest — median of ${TRIALS} trials of ${size.timed} batches × ${BATCH_SIZE} events (after ${size.warmup} warm-up), ` +
			`${CONCURRENCY} concurrent clients, PostgreSQL (${health.db}), bus ${health.bus}\n`
	);
	console.log(formatTable(['workload', 'path', 'events', 'seconds', 'events/s', '× COPY', 'target', ''], rows));
	console.log(
		`\nserver RSS: ${mb(memory.before?.rssKb)} before, ${mb(memory.after?.rssKb)} after (peak ${mb(memory.after?.peakRssKb)})\n`
	);

	const timing = (t: Timing) => ({ events: t.events, seconds: round(t.seconds, 3), eventsPerSecond: round(t.eventsPerSecond) });
	const workloads = Object.fromEntries(
		[...results].map(([w, m]) => [
			w.key,
			{
				copy: timing(m.copy),
				http: timing(m.http),
				ratioToCopy: round(m.ratio, 3),
				trialsEventsPerSecond: m.trials,
				target: TARGETS[w.key].text,
				pass: passes(w, m),
				...(w.key === 'mix' ? { types: countByType(w.batches.slice(size.warmup).flat()) } : {})
			}
		])
	);
	console.log(
		JSON.stringify({
			bench: 'ingest',
			scale,
			db: health.db,
			bus: health.bus,
			batchSize: BATCH_SIZE,
			batches: size.timed,
			trials: TRIALS,
			warmupBatches: size.warmup,
			concurrency: CONCURRENCY,
			...workloads,
			serverRssKb: { before: memory.before?.rssKb ?? null, after: memory.after?.rssKb ?? null, peak: memory.after?.peakRssKb ?? null }
		})
	);
}

const chunk = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** `scale`: how many batches each trial posts (1: 60 of 1,000 events, as the targets were set). */
export async function runIngestBench(scale = 1): Promise<void> {
	const size: Size = { timed: Math.max(1, Math.round(FULL_TIMED_BATCHES * scale)), warmup: Math.max(1, Math.round(FULL_WARMUP_BATCHES * scale)) };
	await ensureBuild();

	const events = (size.warmup + TRIALS * size.timed) * BATCH_SIZE;
	const mix = mixSet(scale, events);
	const workloads: Workload[] = [
		{ key: 'eventLog', label: 'A event log alone', batches: chunk(firstEvents(readingsSet(scale, events), events), BATCH_SIZE) },
		{ key: 'mix', label: 'B realistic mix', batches: chunk(firstEvents(mix, events), BATCH_SIZE), setup: chunk(setupOf(mix), BATCH_SIZE) }
	];
	// Encoded before any clock starts: client-side serialisation is not what is measured.
	const prepared = new Map(
		workloads.map((w) => [w, w.batches.map((b) => ({ n: b.length, json: Buffer.from(JSON.stringify({ events: b })), copy: copyText(b) }))])
	);

	const database = await createBenchDatabase(await adminUrl());
	cleanup.add(`drop database ${database.name}`, database.drop);
	console.error(`database ${database.name}`);

	const token = 'bench-' + randomBytes(16).toString('hex');
	const server = await startServer({ DATABASE_URL: database.url, LIANDONG_ADMIN_TOKEN: token, LIANDONG_INGEST_RATE: '100000' });
	cleanup.add('stop server', server.stop);
	const health = (await (await fetch(`${server.url}/healthz`)).json()) as Report['health'];
	console.error(`server ${server.url} (pid ${server.proc.pid}, db ${health.db}, bus ${health.bus})`);

	const q = new pg.Client({ connectionString: database.url, application_name: 'liandong-bench' });
	await q.connect();
	cleanup.add('close bench connection', () => q.end());
	await createCopyTable(q, COPY_TABLE);
	const senders = await CopySenders.open(database.url, CONCURRENCY);
	cleanup.add('close COPY connections', () => senders.close());

	const before = processMemory(server.proc.pid);
	const results = new Map<Workload, Measured>();
	for (const w of workloads) {
		for (const b of w.setup ?? []) {
			const res = await fetch(`${server.url}/api/events`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ events: b })
			});
			if (res.status !== 200) throw new Error(`set-up batch → ${res.status}: ${(await res.text()).slice(0, 500)}`);
		}
		// A PostgreSQL server in use analyzes a table once a tenth of it has changed (autovacuum), and the
		// planner then knows, say, that an order has a few lines; a server may run without autovacuum
		// (CI's does). The set-up just loaded is analyzed as autovacuum would, so the trials start from
		// the statistics of a plant's database rather than of an empty one. The tables grow threefold
		// during the trials without another analysis.
		await q.query('analyze');
		console.error(`${w.label}: ${TRIALS} trials of COPY and POST /api/events…`);
		const m = await measure(q, prepared.get(w)!, copier(senders), poster(server, token), size);
		console.error(`  events/s per trial: COPY ${m.trials.copy.join(', ')}; POST ${m.trials.http.join(', ')}`);
		results.set(w, m);
	}
	const after = processMemory(server.proc.pid);
	await checkStored(q, workloads);
	printReport({ scale, size, results, health, memory: { before, after } });
}
