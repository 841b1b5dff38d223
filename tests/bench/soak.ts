// A wall screen running for days, accelerated: the built server on a fresh embedded database, the plant
// overview in a playlist (it leaves and comes back every few seconds: every chart destroyed and made
// again) opened in Chromium with a kiosk token through a small TCP relay that cuts the connection now
// and then (the page reconnects and resumes), while sales orders and their shipments are posted fast
// enough that the page gets several live updates a second. Every sample, taken while the plant overview
// is on the wall: JS heap after a forced GC, DOM nodes, event listeners (CDP Performance.getMetrics),
// ECharts instances on the page, canvases on the page and canvases alive in the heap (attached or not).
// Baseline, same run and same wall time: the same playlist, cuts and sampling on a second server that
// gets no events. Target: heap after GC grows ≤ 5% from the first third of the samples to the last.
// The first SOAK_WARMUP_SECONDS (default 30: code compiled, caches filled, a reconnect) are not sampled.
// SOAK_MINUTES (default 2.5, warm-up included) sets the length — SOAK_MINUTES=600 for a long run;
// SOAK_SAMPLE_SECONDS, SOAK_POST_MS, SOAK_CUT_SECONDS tune it.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { ROOT } from '../support/paths.ts';
import { ev, type RawEvent } from '../support/events.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/runtime.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import { cleanup, formatTable, round } from './harness.ts';

const TARGET_GROWTH = 0.05;
/** A simulated day: a busy plant's screen gets about one live update a second. */
const UPDATES_PER_DAY = 86_400;
export const ADMIN = 'soak-admin-token-0123456789abcdef';
const ROTATE_SECONDS = 5;

export function setting(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number above 0, got "${raw}"`);
	return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A relay in front of the server whose connections can all be cut at once. */
async function relay(target: number): Promise<{ port: number; cut(): number; close(): Promise<void> }> {
	const open = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(target, '127.0.0.1');
		const end = () => {
			client.destroy();
			upstream.destroy();
			open.delete(client);
		};
		open.add(client);
		client.pipe(upstream);
		upstream.pipe(client);
		for (const s of [client, upstream]) {
			s.on('error', end);
			s.on('close', end);
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: (server.address() as net.AddressInfo).port,
		cut() {
			const n = open.size;
			for (const s of [...open]) s.destroy();
			return n;
		},
		// A page keeps reconnecting: its connections are cut, or closing would wait for them forever.
		close: () =>
			new Promise((r) => {
				server.close(() => r());
				for (const s of [...open]) s.destroy();
			})
	};
}

interface Sample {
	t: number;
	updates: number;
	heap: number;
	nodes: number;
	listeners: number;
	charts: number;
	canvases: number;
	heapCanvases: number;
}

interface Rig {
	label: string;
	server: TestServer;
	page: Page;
	cdp: CDPSession;
	updates: number;
	reconnects: number;
	cut(): number;
	samples: Sample[];
}

async function rig(label: string, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<Rig> {
	const data = mkdtempSync(join(tmpdir(), `ld-bench-soak-${label}-`));
	const screens = mkdtempSync(join(tmpdir(), `ld-bench-soak-screens-${label}-`));
	cleanup.add(`remove ${data}`, async () => rmSync(data, { recursive: true, force: true }));
	cleanup.add(`remove ${screens}`, async () => rmSync(screens, { recursive: true, force: true }));
	for (const s of ['plant-overview', 'production']) cpSync(join(ROOT, `screens/${s}.json`), join(screens, `${s}.json`));
	writeFileSync(join(screens, 'soak.json'), JSON.stringify({ schemaVersion: 1, title: { 'zh-CN': '轮播', en: 'Playlist' }, playlist: { screens: ['plant-overview', 'production'], seconds: ROTATE_SECONDS } }));
	const env = { LIANDONG_DATA_DIR: data, DATABASE_URL: '', REDIS_URL: '', LIANDONG_DEMO: '0', LIANDONG_SCREENS_DIR: screens, LIANDONG_ADMIN_TOKEN: ADMIN, LIANDONG_INGEST_RATE: '100000' };
	// The kiosk token is made before the server opens the embedded database (one process at a time).
	const db = await openDatabase(loadConfig({ ...env, LIANDONG_LOG_LEVEL: 'warn' }));
	await migrate(db);
	const kiosk = (await createToken(db, { name: 'soak wall', kind: 'kiosk', screens: null })).token;
	await db.close();

	// At info: the server says where it listens.
	const server = await startServer(env, 120_000);
	cleanup.add(`stop ${label} server`, () => server.stop());
	const front = await relay(server.port);
	cleanup.add(`close ${label} relay`, () => front.close());
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	await cdp.send('Network.enable');
	const r: Rig = { label, server, page, cdp, updates: 0, reconnects: 0, cut: front.cut, samples: [] };
	cdp.on('Network.webSocketFrameReceived', (e) => {
		if (e.response.payloadData.includes('"op":"upd"')) r.updates++;
	});
	cdp.on('Network.webSocketCreated', () => r.reconnects++);
	page.on('pageerror', (e) => console.error(`${label} page error: ${e.message}`));
	await page.goto(`http://127.0.0.1:${front.port}/screens/soak?token=${kiosk}`);
	await page.locator('[data-connection="live"]').waitFor({ timeout: 30_000 });
	r.reconnects = 0;
	return r;
}

async function heapCanvases(cdp: CDPSession): Promise<number> {
	const group = 'soak';
	const proto = await cdp.send('Runtime.evaluate', { expression: 'HTMLCanvasElement.prototype', objectGroup: group });
	const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId!, objectGroup: group });
	const n = await cdp.send('Runtime.callFunctionOn', { objectId: found.objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
	await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
	return n.result.value as number;
}

/** One sample, taken once the plant overview is on the wall again and has drawn. */
async function sample(r: Rig, t0: number): Promise<void> {
	await r.page.locator('[data-screen="plant-overview"][data-connection="live"]').waitFor({ timeout: 60_000 });
	await sleep(1000);
	await r.cdp.send('HeapProfiler.collectGarbage');
	const metrics = new Map((await r.cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
	const onPage = await r.page.evaluate(() => ({ charts: document.querySelectorAll('[_echarts_instance_]').length, canvases: document.querySelectorAll('canvas').length }));
	r.samples.push({
		t: (performance.now() - t0) / 1000,
		updates: r.updates,
		heap: metrics.get('JSHeapUsedSize') ?? NaN,
		nodes: metrics.get('Nodes') ?? NaN,
		listeners: metrics.get('JSEventListeners') ?? NaN,
		...onPage,
		heapCanvases: await heapCanvases(r.cdp)
	});
}

/** Sales orders and their shipments, on time and late by turns, so the figures move with each batch. */
export async function poster(server: TestServer, everyMs: number, until: () => boolean): Promise<number> {
	const post = async (events: RawEvent[]) => {
		const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: JSON.stringify({ events }) });
		if (res.status !== 200) throw new Error(`POST /api/events: ${res.status} ${await res.text()}`);
	};
	await post([
		ev.customer({ customerId: 'C-SOAK', name: '大屏客户' }),
		ev.item({ itemId: 'P-SOAK', name: '水泵', makeOrBuy: 'make' }),
		{ ...ev.item(), type: 'stock.adjusted', data: { itemId: 'P-SOAK', locationId: 'MAIN', qty: 1_000_000, reasonCode: 'OPENING' } }
	]);
	const today = factoryDate(new Date(), 'Asia/Shanghai');
	let n = 0;
	while (!until()) {
		const at = { occurredAt: new Date().toISOString() };
		const orderId = `SO-SOAK-${++n}`;
		const due = n % 2 ? today : addDays(today, -3);
		await post([
			ev.salesOrder({ orderId, customerId: 'C-SOAK', lines: [{ lineId: '10', itemId: 'P-SOAK', qty: 1, requestedDate: due }] }, at),
			ev.shipment({ orderId, lineId: '10', qty: 1 }, at)
		]);
		await sleep(everyMs);
	}
	return n * 2;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Growth {
	first: number;
	last: number;
	growth: number;
	perThousand: number;
	perDay: number;
	updatesPerSecond: number;
}

/** Heap after GC: the first third of the samples against the last, per 1,000 updates and per simulated day. */
function growth(samples: Sample[]): Growth {
	const third = Math.max(1, Math.floor(samples.length / 3));
	const head = samples.slice(0, third);
	const tail = samples.slice(-third);
	const first = mean(head.map((s) => s.heap));
	const last = mean(tail.map((s) => s.heap));
	const updates = mean(tail.map((s) => s.updates)) - mean(head.map((s) => s.updates));
	const perUpdate = updates > 0 ? (last - first) / updates : NaN;
	const span = samples.at(-1)!.t - samples[0].t;
	return { first, last, growth: (last - first) / first, perThousand: perUpdate * 1000, perDay: perUpdate * UPDATES_PER_DAY, updatesPerSecond: (samples.at(-1)!.updates - samples[0].updates) / span };
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);
const kb = (bytes: number) => (Number.isFinite(bytes) ? String(round(bytes / 1024, 1)) : '—');
const pct = (x: number) => `${x >= 0 ? '+' : ''}${round(x * 100, 1)}%`;
const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`);

export async function runSoakBench(): Promise<void> {
	const minutes = setting('SOAK_MINUTES', 2.5);
	const sampleSeconds = setting('SOAK_SAMPLE_SECONDS', 10);
	const postMs = setting('SOAK_POST_MS', 100);
	const cutSeconds = setting('SOAK_CUT_SECONDS', 20);
	const warmup = setting('SOAK_WARMUP_SECONDS', 30);
	if (warmup >= minutes * 60 - 3 * sampleSeconds) throw new Error(`SOAK_MINUTES (${minutes}) leaves too little time after the warm-up (SOAK_WARMUP_SECONDS ${warmup}) for three samples of SOAK_SAMPLE_SECONDS (${sampleSeconds})`);
	const browser = await launchBrowser();
	cleanup.add('close browser', () => browser.close());
	const rigs = [await rig('loaded', browser), await rig('baseline', browser)];
	const [loaded] = rigs;
	console.error(`soak: ${minutes} min (the first ${warmup} s not sampled), a sample every ${sampleSeconds} s, a batch every ${postMs} ms, the connection cut every ${cutSeconds} s, the playlist turning every ${ROTATE_SECONDS} s`);

	const t0 = performance.now();
	const end = t0 + minutes * 60_000;
	const over = () => performance.now() >= end;
	const posted = poster(loaded.server, postMs, over);
	const cuts = (async () => {
		let n = 0;
		while (!over()) {
			await sleep(Math.min(cutSeconds * 1000, Math.max(0, end - performance.now())));
			if (over()) break;
			for (const r of rigs) r.cut();
			n++;
		}
		return n;
	})();
	const sampling = rigs.map(async (r) => {
		await sleep(warmup * 1000);
		while (!over()) {
			const next = performance.now() + sampleSeconds * 1000;
			await sample(r, t0);
			await sleep(Math.max(0, next - performance.now()));
		}
	});
	await Promise.all(sampling);
	const [events, cutCount] = await Promise.all([posted, cuts]);

	for (const r of rigs) {
		console.log(`\nsoak — ${r.label} (${r.samples.length} samples)`);
		console.log(formatTable(
			['t s', 'updates', 'heap MB', 'nodes', 'listeners', 'charts', 'canvases', 'canvases in heap'],
			r.samples.map((s) => [String(round(s.t)), String(s.updates), String(mb(s.heap)), String(s.nodes), String(s.listeners), String(s.charts), String(s.canvases), String(s.heapCanvases)])
		));
	}
	const g = rigs.map((r) => growth(r.samples));
	// What the updates themselves leave behind: the loaded page's growth less the idle page's.
	const updates = mean(loaded.samples.slice(-Math.max(1, Math.floor(loaded.samples.length / 3))).map((s) => s.updates)) - mean(loaded.samples.slice(0, Math.max(1, Math.floor(loaded.samples.length / 3))).map((s) => s.updates));
	const net = (g[0].last - g[0].first - (g[1].last - g[1].first)) / updates;
	console.log(`\nsoak summary: ${minutes} min, ${events} events posted, ${loaded.updates} live updates to the loaded page (${round(g[0].updatesPerSecond, 1)}/s, ${round(g[0].updatesPerSecond, 1)}× a busy day's pace), ${cutCount} connection cuts, a playlist turn every ${ROTATE_SECONDS} s`);
	console.log(formatTable(
		['page', 'heap first ⅓ MB', 'heap last ⅓ MB', 'growth', 'KB per 1,000 updates', 'KB per simulated day', 'net of baseline: KB per 1,000 updates', 'per simulated day', 'nodes', 'listeners', 'charts', 'canvases in heap', 'reconnects'],
		rigs.map((r, i) => [
			r.label,
			String(mb(g[i].first)),
			String(mb(g[i].last)),
			pct(g[i].growth),
			kb(g[i].perThousand),
			kb(g[i].perDay),
			i === 0 ? kb(net * 1000) : '—',
			i === 0 ? kb(net * UPDATES_PER_DAY) : '—',
			range(r.samples.map((s) => s.nodes)),
			range(r.samples.map((s) => s.listeners)),
			range(r.samples.map((s) => s.charts)),
			range(r.samples.map((s) => s.heapCanvases)),
			String(r.reconnects)
		])
	));
	const ok = g[0].growth <= TARGET_GROWTH;
	console.log(`heap growth with updates ${pct(g[0].growth)} (target ≤ ${pct(TARGET_GROWTH)}): ${ok ? 'met' : 'MISSED'}; baseline without updates ${pct(g[1].growth)}; difference ${pct(g[0].growth - g[1].growth)}`);
	if (loaded.samples.length < 6) console.log('too few samples for thirds to mean much: run longer (SOAK_MINUTES)');
}
