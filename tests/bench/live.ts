// Commit-to-screen latency of the live hub: two server nodes on PostgreSQL + Redis, 1,000 WebSocket
// clients (half on each node) following a probe stream topic, while a realistic mix of 1,000 events/s
// is posted to the two nodes. Every 100 ms a probe event is posted (to the nodes in turn) carrying the
// time it was sent; each client notes when it arrives. The load is the benchmark data's plant stream
// (seed/bench/sets.ts mixSet, its plant posted first). Latency = arrival − send: HTTP, validation,
// commit, the bus between nodes, the hub and the socket. Baseline in the same run: two bare `ws`
// servers (bare-ws-server.js) broadcasting the same probes to the same 1,000 clients, with the same
// load posted to them (parsed and dropped). Also: how long a new sales order takes to show in the
// `orders:progress` value topic (read again at most every 250 ms under load), on both nodes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { ROOT } from '../support/paths.ts';
import { startServer } from '../support/server.ts';
import type { RawEvent } from '../support/events.ts';
import { firstEvents, mixSet, setupOf } from '../../seed/bench/sets.ts';
import { adminUrl, createBenchDatabase } from './bench-db.ts';
import { ensureBuild } from './ingest.ts';
import { cleanup, formatTable, jsonClient, round, type JsonClient } from './harness.ts';

/** Clients and events a second at scale 1 (LIVE_BENCH_CLIENTS and LIVE_BENCH_RATE override the scaled figures). */
const FULL_CLIENTS = 1000;
const FULL_EVENTS_PER_SECOND = 1000;
const TICK_MS = 100;
const SECONDS = 20;
const PROBE = 'x.bench.probe';
const TOKEN = 'bench-live-admin-token-0123456789';
const TARGET_P99_MS = 100;

interface Node {
	url: string;
	stop(): Promise<void>;
}

interface Run {
	/** Probe latencies of every client, ms. */
	latencies: number[];
	expected: number;
	duplicates: number;
	/** Events per second actually posted. */
	rate: number;
	/** orders:progress: ms from posting an order to seeing it, per node. */
	valueLatencies: number[];
	/** Probe POSTs: ms from sending to the answer (the commit acknowledged). */
	acks: number[];
}

function startBare(): Promise<Node> {
	return new Promise((resolve, reject) => {
		const proc: ChildProcess = spawn(process.execPath, [join(ROOT, 'tests/bench/bare-ws-server.js'), PROBE], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		proc.stdout!.on('data', (b: Buffer) => {
			const m = /listening on (\d+)/.exec(b.toString());
			if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, stop: async () => void proc.kill() });
		});
		proc.on('exit', (code) => reject(new Error(`bare ws server exited with ${code}`)));
	});
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function connect(url: string, topics: string[], token?: string): Promise<WebSocket> {
	const u = new URL('/live', url.replace(/^http/, 'ws'));
	if (token) u.searchParams.set('token', token);
	const ws = new WebSocket(u);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	if (token) ws.send(JSON.stringify({ op: 'sub', topics }));
	return ws;
}

interface Size {
	clients: number;
	eventsPerSecond: number;
}

interface MeasureOptions {
	token?: string;
	load: RawEvent[][];
	/** A known customer and product for the orders:progress probe's orders (null: no probe). */
	valueProbe: { customerId: string; itemId: string } | null;
	diagnose?: () => string;
}

async function measure(nodes: Node[], size: Size, opts: MeasureOptions): Promise<Run> {
	const latencies: number[] = [];
	const seen = new Set<string>();
	let duplicates = 0;
	const sockets: WebSocket[] = [];
	for (let i = 0; i < size.clients; i++) {
		const ws = await connect(nodes[i % nodes.length].url, [`events:${PROBE}`], opts.token);
		ws.on('message', (data: Buffer) => {
			const now = performance.now();
			const m = JSON.parse(data.toString()) as { op: string; value?: { id: string; data: { sentAt: number } } };
			if (m.op !== 'upd' || !m.value?.data) return;
			const key = `${i}:${m.value.id}`;
			if (seen.has(key)) duplicates++;
			else {
				seen.add(key);
				latencies.push(now - m.value.data.sentAt);
			}
		});
		sockets.push(ws);
	}
	// Let the subscriptions settle.
	await new Promise((r) => setTimeout(r, 1500));

	// One screen per node following orders:progress: when does a new order show there?
	const valueLatencies: number[] = [];
	const pendingOrders = new Map<string, number>();
	if (opts.valueProbe) {
		for (const n of nodes) {
			const ws = await connect(n.url, ['orders:progress'], opts.token);
			const found = new Set<string>();
			ws.on('message', (data: Buffer) => {
				const now = performance.now();
				const m = JSON.parse(data.toString()) as { op: string; topic?: string; value?: { orders: { orderId: string }[] } };
				if (m.topic !== 'orders:progress' || !m.value) return;
				for (const o of m.value.orders) {
					const sent = pendingOrders.get(o.orderId);
					if (sent !== undefined && !found.has(o.orderId)) {
						found.add(o.orderId);
						valueLatencies.push(now - sent);
					}
				}
			});
			sockets.push(ws);
		}
	}

	const headers = { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) };
	const clients: JsonClient[] = nodes.map((n) => jsonClient(n.url, 8));
	const path = opts.token ? '/api/events' : '/broadcast';
	const inflight = new Set<Promise<void>>();
	const acks: number[] = [];
	const failures: string[] = [];
	const send = (node: number, events: unknown[], ack = false) => {
		const sent = performance.now();
		const p = clients[node]
			.post(path, headers, Buffer.from(JSON.stringify({ events })))
			.then((r) => {
				if (r.status !== 200) failures.push(`POST ${path} → ${r.status}: ${r.text.slice(0, 300)}`);
				if (ack) acks.push(performance.now() - sent);
			})
			.finally(() => inflight.delete(p));
		inflight.add(p);
	};
	const perTick = (size.eventsPerSecond * TICK_MS) / 1000;
	const ticks = (SECONDS * 1000) / TICK_MS;
	let posted = 0;
	let probes = 0;
	const t0 = performance.now();
	for (let t = 0; t < ticks; t++) {
		const due = t0 + t * TICK_MS;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		const batch = opts.load[t % opts.load.length];
		send(t % nodes.length, batch.slice(0, perTick));
		posted += Math.min(perTick, batch.length);
		const probe = { id: crypto.randomUUID(), type: PROBE, occurredAt: new Date().toISOString(), source: 'bench', data: { probe: t, sentAt: performance.now() } };
		// The hub spreads a commit to every node over the bus; bare servers know only their own clients,
		// so the baseline posts each probe to every one of them.
		if (opts.token) send((t + 1) % nodes.length, [probe], true);
		else for (let n = 0; n < nodes.length; n++) send(n, [probe], true);
		probes++;
		if (opts.valueProbe && t % 10 === 5) {
			const orderId = `SO-LIVE-${t}`;
			pendingOrders.set(orderId, performance.now());
			// Due long ago: the first row of the table, which lists the earliest due first.
			send(t % nodes.length, [
				{ id: crypto.randomUUID(), type: 'sales_order.created', occurredAt: new Date().toISOString(), source: 'bench', data: { orderId, customerId: opts.valueProbe.customerId, lines: [{ lineId: '10', itemId: opts.valueProbe.itemId, qty: 1, requestedDate: '2026-01-01' }] } }
			]);
		}
	}
	const elapsed = (performance.now() - t0) / 1000;
	await Promise.all(inflight);
	await new Promise((r) => setTimeout(r, 2000));
	for (const ws of sockets) ws.terminate();
	for (const c of clients) c.close();
	if (failures.length) throw new Error(`${failures.length} posts failed, the first: ${failures[0]}\n${opts.diagnose?.() ?? ''}`);
	return { latencies, expected: probes * size.clients, duplicates, rate: posted / elapsed, valueLatencies, acks };
}

async function redisUrl(): Promise<string> {
	const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
	const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
	try {
		await r.connect();
		await r.ping();
		return url;
	} catch {
		throw new Error(`Redis not reachable at ${url}; set REDIS_URL`);
	} finally {
		r.disconnect();
	}
}

const chunk = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** `scale`: clients and events a second (1: 1,000 of each); the 20 s stay. */
export async function runLiveBench(scale = 1): Promise<void> {
	const clients = Number(process.env.LIVE_BENCH_CLIENTS ?? Math.max(10, Math.round(FULL_CLIENTS * scale)));
	const eventsPerSecond = Number(process.env.LIVE_BENCH_RATE ?? Math.max(10, Math.round(FULL_EVENTS_PER_SECOND * scale)));
	const size: Size = { clients, eventsPerSecond };
	await ensureBuild();
	const admin = await adminUrl();
	const redis = await redisUrl();
	const perTick = Math.max(1, Math.round((eventsPerSecond * TICK_MS) / 1000));
	const ticks = SECONDS * (1000 / TICK_MS);
	const plant = mixSet(scale, ticks * perTick);
	const load = chunk(firstEvents(plant, ticks * perTick), perTick);
	const product = plant.factory.items.find((i) => i.kind === 'product')!;

	// Baseline first: bare ws broadcasting the probes.
	const bare = await Promise.all([startBare(), startBare()]);
	cleanup.add('bare ws servers', async () => void (await Promise.all(bare.map((b) => b.stop()))));
	const base = await measure(bare, size, { load, valueProbe: null });
	await Promise.all(bare.map((b) => b.stop()));

	const db = await createBenchDatabase(admin);
	cleanup.add('bench database', () => db.drop());
	const env = { DATABASE_URL: db.url, REDIS_URL: redis, LIANDONG_ADMIN_TOKEN: TOKEN };
	const servers = await Promise.all([startServer(env, 120_000), startServer(env, 120_000)]);
	cleanup.add('servers', async () => void (await Promise.all(servers.map((s) => s.stop()))));
	const setupClient = jsonClient(servers[0].url, 1);
	for (const batch of chunk(setupOf(plant), 1000)) {
		const r = await setupClient.post('/api/events', { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, Buffer.from(JSON.stringify({ events: batch })));
		if (r.status !== 200) throw new Error(`setup → ${r.status}: ${r.text.slice(0, 300)}`);
	}
	setupClient.close();
	const ours = await measure(servers, size, {
		token: TOKEN,
		load,
		valueProbe: process.env.LIVE_BENCH_VALUE !== '0' ? { customerId: plant.factory.customers[0], itemId: product.id } : null,
		diagnose: () => servers.map((s) => s.output().slice(-4000)).join('\n---\n')
	});

	const row = (label: string, r: Run, ratio: string, target: string) => {
		const s = [...r.latencies].sort((a, b) => a - b);
		return [label, String(r.latencies.length), String(r.expected), String(r.duplicates), Math.round(r.rate).toLocaleString('en'), percentile(s, 50).toFixed(1), percentile(s, 99).toFixed(1), ratio, target];
	};
	const p = (r: Run, q: number) => percentile([...r.latencies].sort((a, b) => a - b), q);
	const ratio99 = p(ours, 99) / p(base, 99);
	const pass = p(ours, 99) <= TARGET_P99_MS;
	console.log(`\nlive — ${clients} WebSocket clients over 2 nodes, ${eventsPerSecond} events/s posted for ${SECONDS} s, a probe every ${TICK_MS} ms\n`);
	console.log(
		formatTable(
			['path', 'delivered', 'expected', 'dupes', 'events/s', 'p50 ms', 'p99 ms', '× bare p99', 'target'],
			[row('bare ws broadcast (baseline)', base, '1.00', ''), row('Liandong hub, PostgreSQL + Redis', ours, ratio99.toFixed(2), `p99 ≤ ${TARGET_P99_MS} ms ${pass ? 'PASS' : 'MISS'}`)]
		)
	);
	const ack = (r: Run) => [...r.acks].sort((a, b) => a - b);
	console.log(`\nprobe POST answered: bare p50 ${percentile(ack(base), 50).toFixed(1)} ms p99 ${percentile(ack(base), 99).toFixed(1)} ms; hub p50 ${percentile(ack(ours), 50).toFixed(1)} ms p99 ${percentile(ack(ours), 99).toFixed(1)} ms`);
	const v = [...ours.valueLatencies].sort((a, b) => a - b);
	console.log(`\norders:progress (value topic, read again at most every 250 ms): ${v.length} orders seen; p50 ${percentile(v, 50).toFixed(0)} ms, max ${(v.at(-1) ?? NaN).toFixed(0)} ms\n`);
	console.log(
		JSON.stringify({
			bench: 'live',
			scale,
			clients,
			eventsPerSecond,
			seconds: SECONDS,
			baseline: { delivered: base.latencies.length, expected: base.expected, p50: round(p(base, 50), 1), p99: round(p(base, 99), 1) },
			hub: { delivered: ours.latencies.length, expected: ours.expected, duplicates: ours.duplicates, rate: round(ours.rate), p50: round(p(ours, 50), 1), p99: round(p(ours, 99), 1) },
			ratioP99: round(ratio99, 2),
			target: `p99 ≤ ${TARGET_P99_MS} ms`,
			pass,
			ordersProgress: { seen: v.length, p50: round(percentile(v, 50)), max: round(v.at(-1) ?? NaN) }
		})
	);
}
