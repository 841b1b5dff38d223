// Ingest throughput of the built server on PostgreSQL: batches of 1,000 events POSTed to /api/events by
// 2 concurrent clients, for (A) an extension type with no projection and (B) a mix of the 8 fixed types,
// each against the same rows COPYed into a table shaped like `events` with the same concurrency.
// COPY and HTTP trials alternate and the median trial counts, so a busy neighbour skews both alike.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ROOT } from '../support/paths.ts';
import { startServer, type TestServer } from '../support/server.ts';
import type { RawEvent } from '../support/events.ts';
import { adminUrl, createBenchDatabase } from './bench-db.ts';
import { CopySenders, copyText, createCopyTable } from './copy-baseline.ts';
import { mixedBatches, readingBatches, typeCounts } from './ingest-workloads.ts';
import { cleanup, formatTable, jsonClient, processMemory, round, timeBatches, type JsonClient, type Memory, type Timing } from './harness.ts';

const BATCH_SIZE = 1000;
const WARMUP_BATCHES = 3;
const TIMED_BATCHES = 60;
const TRIALS = 3;
const CONCURRENCY = 2;
const COPY_TABLE = 'bench_copy_events';

const TARGETS = {
	eventLog: { minRatioToCopy: 0.3, text: '≥ 0.30 × COPY' },
	mix: { minEventsPerSecond: 20_000, text: '≥ 20,000 events/s' }
} as const;

interface Workload {
	key: 'eventLog' | 'mix';
	label: string;
	batches: RawEvent[][];
}

interface Prepared {
	n: number;
	json: Buffer;
	copy: Buffer;
}

interface Measured {
	copy: Timing;
	http: Timing;
	ratio: number;
	trials: { copy: number[]; http: number[] };
}

function ensureBuild(): void {
	if (existsSync(join(ROOT, 'build/.liandong-build'))) return;
	console.error('no production build: running node scripts/build.js');
	// The build's output goes to stderr so stdout stays the benchmark's report.
	const r = spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
	if (r.status !== 0) throw new Error(`build failed with exit code ${r.status}`);
}

async function warnIfStale(): Promise<void> {
	// scripts/ is plain JS without types; the specifier is widened so tsc does not resolve it.
	const mod = (await import(join(ROOT, 'scripts/build-state.js') as string)) as { buildIsStale(root: string): boolean };
	if (mod.buildIsStale(ROOT)) console.error('warning: build/ is older than its sources; figures are for the last build (npm run build)');
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

interface Phase {
	open(): void;
	close(): void;
	send(b: Prepared, sender: number): Promise<void>;
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
async function measure(q: pg.Client, batches: Prepared[], copy: Phase, http: Phase): Promise<Measured> {
	const warmup = batches.slice(0, WARMUP_BATCHES);
	await timed(q, warmup, copy, false);
	await timed(q, warmup, http, false);
	const copies: Timing[] = [];
	const posts: Timing[] = [];
	for (let t = 0; t < TRIALS; t++) {
		const trial = batches.slice(WARMUP_BATCHES + t * TIMED_BATCHES, WARMUP_BATCHES + (t + 1) * TIMED_BATCHES);
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

function reportRows(results: Map<Workload, Measured>): string[][] {
	const rows: string[][] = [];
	for (const [w, m] of results) {
		const pass = w.key === 'eventLog' ? m.ratio >= TARGETS.eventLog.minRatioToCopy : m.http.eventsPerSecond >= TARGETS.mix.minEventsPerSecond;
		const fmt = (t: Timing) => [String(t.events), t.seconds.toFixed(3), Math.round(t.eventsPerSecond).toLocaleString('en')];
		rows.push([w.label, 'COPY baseline', ...fmt(m.copy), '1.00', '', '']);
		rows.push([w.label, 'POST /api/events', ...fmt(m.http), m.ratio.toFixed(2), TARGETS[w.key].text, pass ? 'PASS' : 'MISS']);
	}
	return rows;
}

const kb = (m: Memory | null) => (m ? `${(m.rssKb / 1024).toFixed(0)} MB` : 'n/a');

export async function runIngestBench(): Promise<void> {
	ensureBuild();
	await warnIfStale();

	const workloads: Workload[] = [
		{ key: 'eventLog', label: 'A event log alone', batches: readingBatches(WARMUP_BATCHES + TRIALS * TIMED_BATCHES, BATCH_SIZE) },
		{ key: 'mix', label: 'B realistic mix', batches: mixedBatches(WARMUP_BATCHES + TRIALS * TIMED_BATCHES, BATCH_SIZE) }
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
	const health = (await (await fetch(`${server.url}/healthz`)).json()) as { db: string; bus: string };
	console.error(`server ${server.url} (pid ${server.proc.pid}, db ${health.db}, bus ${health.bus})`);

	const q = new pg.Client({ connectionString: database.url, application_name: 'liandong-bench' });
	await q.connect();
	cleanup.add('close bench connection', () => q.end());
	await createCopyTable(q, COPY_TABLE);
	const copiers = await CopySenders.open(database.url, CONCURRENCY);
	cleanup.add('close COPY connections', () => copiers.close());

	const memBefore = processMemory(server.proc.pid);
	const results = new Map<Workload, Measured>();
	for (const w of workloads) {
		const batches = prepared.get(w)!;
		console.error(`${w.label}: ${TRIALS} trials of COPY and POST /api/events…`);
		const copy: Phase = { open() {}, close() {}, send: (b, sender) => copiers.copy(sender, COPY_TABLE, b.copy) };
		const m = await measure(q, batches, copy, poster(server, token));
		console.error(`  events/s per trial: COPY ${m.trials.copy.join(', ')}; POST ${m.trials.http.join(', ')}`);
		results.set(w, m);
	}
	const memAfter = processMemory(server.proc.pid);

	// Both paths must have stored every row, or the figures mean nothing.
	const expected = workloads.reduce((n, w) => n + w.batches.reduce((k, b) => k + b.length, 0), 0);
	const counts = await q.query<{ events: number; copied: number }>(
		`select (select count(*) from events)::int as events, (select count(*) from ${COPY_TABLE})::int as copied`
	);
	const { events: stored, copied } = counts.rows[0];
	if (stored !== expected || copied !== expected) throw new Error(`expected ${expected} rows each, found events=${stored} copy=${copied}`);

	const settings =
		`median of ${TRIALS} trials of ${TIMED_BATCHES} batches × ${BATCH_SIZE} events (after ${WARMUP_BATCHES} warm-up), ` +
		`${CONCURRENCY} concurrent clients, PostgreSQL (${health.db}), bus ${health.bus}`;
	console.log(`\ningest — ${settings}\n`);
	console.log(
		formatTable(['workload', 'path', 'events', 'seconds', 'events/s', '× COPY', 'target', ''], reportRows(results))
	);
	console.log(`\nserver RSS: ${kb(memBefore)} before, ${kb(memAfter)} after (peak ${memAfter ? (memAfter.peakRssKb / 1024).toFixed(0) : 'n/a'} MB)\n`);

	const summary = Object.fromEntries(
		[...results].map(([w, m]) => [
			w.key,
			{
				copy: { events: m.copy.events, seconds: round(m.copy.seconds, 3), eventsPerSecond: round(m.copy.eventsPerSecond) },
				http: { events: m.http.events, seconds: round(m.http.seconds, 3), eventsPerSecond: round(m.http.eventsPerSecond) },
				ratioToCopy: round(m.ratio, 3),
				trialsEventsPerSecond: m.trials,
				target: TARGETS[w.key].text,
				pass: w.key === 'eventLog' ? m.ratio >= TARGETS.eventLog.minRatioToCopy : m.http.eventsPerSecond >= TARGETS.mix.minEventsPerSecond,
				...(w.key === 'mix' ? { types: typeCounts(w.batches.slice(WARMUP_BATCHES)) } : {})
			}
		])
	);
	console.log(
		JSON.stringify({
			bench: 'ingest',
			db: health.db,
			bus: health.bus,
			batchSize: BATCH_SIZE,
			batches: TIMED_BATCHES,
			trials: TRIALS,
			warmupBatches: WARMUP_BATCHES,
			concurrency: CONCURRENCY,
			...summary,
			serverRssKb: { before: memBefore?.rssKb ?? null, after: memAfter?.rssKb ?? null, peak: memAfter?.peakRssKb ?? null }
		})
	);
}
