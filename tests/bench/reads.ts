// Read latency of the built server over HTTP at two sizes in the same run: the benchmark factory's two
// years of history (100,000 sales order lines, 20,000 purchase order lines, 10,000 items, 1,000,000
// events at scale 1: reads-data.ts, seed/bench/sets.ts) and the same at 1%. Every list page, record
// page and API read is asked by a signed-in user, the two sizes alternating request by request so a
// busy neighbour slows both alike; p95 per read and size, and the ratio full / 1%. Targets: every p95
// ≤ 100 ms, and full-size p95 ≤ 2 × the 1% p95.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '../support/server.ts';
import type { Db } from '../../server/db/db.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { EVENT_STAGE_DDL } from '../../server/events/append.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createSession, insertUser, SESSION_COOKIE } from '../../server/auth/users.ts';
import { factoryDate } from '../../server/shared/factory-date.ts';
import { adminUrl, createBenchDatabase } from './bench-db.ts';
import { ensureBuild } from './ingest.ts';
import { dataSet, loadDataSet, type DataSet } from './reads-data.ts';
import { cleanup, formatTable, round } from './harness.ts';

const WARMUP = 3;
const SAMPLES = 40;
const TARGET_MS = 100;
const TARGET_RATIO = 2;
const TIME_ZONE = 'Asia/Shanghai';

/** Every read, by what a person or integrator would open; `path` gets the size's sample records. */
const READS: { name: string; path: (s: DataSet['sample']) => string }[] = [
	{ name: 'page /sales', path: () => '/sales' },
	{ name: 'page /sales (landing: mine, active)', path: () => '/sales?mine=1&status=active' },
	{ name: 'page /sales?status=late', path: () => '/sales?status=late' },
	{ name: 'page sales order', path: (s) => `/sales/${s.orderId}` },
	{ name: 'page /items', path: () => '/items' },
	{ name: 'page item', path: (s) => `/items/${s.itemId}` },
	{ name: 'page /customers', path: () => '/customers' },
	{ name: 'page customer (history)', path: (s) => `/customers/${s.customerId}` },
	{ name: 'page /suppliers', path: () => '/suppliers' },
	{ name: 'page supplier (history)', path: (s) => `/suppliers/${s.supplierId}` },
	{ name: 'page /inventory', path: () => '/inventory' },
	{ name: 'page item stock', path: (s) => `/inventory/${s.itemId}` },
	{ name: 'page user (history)', path: (s) => `/settings/users/${s.username}` },
	{ name: 'page /purchasing/requisitions', path: () => '/purchasing/requisitions' },
	{ name: 'page /purchasing/orders', path: () => '/purchasing/orders' },
	{ name: 'page /production/orders', path: () => '/production/orders' },
	{ name: 'page /production/work-centers', path: () => '/production/work-centers' },
	{ name: 'GET /api/sales-orders', path: () => '/api/sales-orders' },
	{ name: 'GET /api/sales-orders (mine, active)', path: () => '/api/sales-orders?mine=1&status=active' },
	{ name: 'GET /api/sales-orders/<id>', path: (s) => `/api/sales-orders/${s.orderId}` },
	{ name: 'GET /api/items', path: () => '/api/items' },
	{ name: 'GET /api/items/<id>', path: (s) => `/api/items/${s.itemId}` },
	{ name: 'GET /api/customers', path: () => '/api/customers' },
	{ name: 'GET /api/customers/<id>', path: (s) => `/api/customers/${s.customerId}` },
	{ name: 'GET /api/suppliers', path: () => '/api/suppliers' },
	{ name: 'GET /api/suppliers/<id>', path: (s) => `/api/suppliers/${s.supplierId}` },
	{ name: 'GET /api/stock', path: () => '/api/stock' },
	{ name: 'GET /api/stock/<itemId>', path: (s) => `/api/stock/${s.itemId}` },
	{ name: 'GET /api/requisitions', path: () => '/api/requisitions' },
	{ name: 'GET /api/purchase-orders', path: () => '/api/purchase-orders' },
	{ name: 'GET /api/production-orders', path: () => '/api/production-orders' },
	{ name: 'GET /api/work-centers', path: () => '/api/work-centers' },
	{ name: 'GET /api/openapi.json', path: () => '/api/openapi.json' }
];

interface Target {
	label: string;
	data: DataSet;
	server: TestServer;
	cookie: string;
	agent: http.Agent;
	loadSeconds: number;
}

/** Loads a data set through the event log; answers the session secret of the benchmark's user. */
async function fill(db: Db, scale: number): Promise<{ data: DataSet; secret: string; loadSeconds: number }> {
	const user = await insertUser(db, { username: 'bench', displayName: 'Bench', password: randomBytes(12).toString('hex'), roles: ['admin', 'sales'] });
	const session = await createSession(db, user.id, new Date());
	const t0 = performance.now();
	const data = await loadDataSet(db, dataSet(scale), factoryDate(new Date(), TIME_ZONE), TIME_ZONE);
	return { data, secret: session.secret, loadSeconds: (performance.now() - t0) / 1000 };
}

function target(label: string, server: TestServer, filled: Awaited<ReturnType<typeof fill>>, where: string): Target {
	console.error(`${label}: ${where}, ${filled.data.salesOrderLines} sales order lines, ${filled.data.events} events loaded in ${round(filled.loadSeconds, 1)} s`);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	cleanup.add(`close agent (${label})`, async () => agent.destroy());
	return { label, data: filled.data, server, cookie: `${SESSION_COOKIE}=${filled.secret}`, agent, loadSeconds: filled.loadSeconds };
}

/** The embedded database: filled in this process, then served by the server (it takes the folder's lock). */
async function prepareEmbedded(label: string, scale: number): Promise<Target> {
	const dir = mkdtempSync(join(tmpdir(), 'ld-bench-reads-'));
	cleanup.add(`remove ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
	const db = await openPglite(dir);
	let filled;
	try {
		await migrate(db);
		filled = await fill(db, scale);
	} finally {
		await db.close();
	}
	// Embedded whatever the shell has configured: child_process leaves out variables set to undefined.
	const unset = undefined as unknown as string;
	const server = await startServer({ LIANDONG_DATA_DIR: dir, LIANDONG_TIMEZONE: TIME_ZONE, DATABASE_URL: unset, REDIS_URL: unset }, 120_000);
	cleanup.add(`stop server (${label})`, server.stop);
	return target(label, server, filled, 'PGlite');
}

async function prepare(label: string, scale: number, admin: string): Promise<Target> {
	const database = await createBenchDatabase(admin);
	cleanup.add(`drop database ${database.name}`, database.drop);
	// The server migrates the empty database; the data set goes in while it listens (nothing is cached).
	const server = await startServer({ DATABASE_URL: database.url, LIANDONG_ADMIN_TOKEN: 'bench-' + randomBytes(16).toString('hex'), LIANDONG_TIMEZONE: TIME_ZONE });
	cleanup.add(`stop server (${label})`, server.stop);
	const db = await openPostgres(database.url, { sessionSql: [EVENT_STAGE_DDL] });
	cleanup.add(`close connection (${label})`, () => db.close());
	return target(label, server, await fill(db, scale), database.name);
}

/** One GET, timed from the request to the last byte; anything but 200 stops the benchmark. */
function get(t: Target, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = http.get(new URL(path, t.server.url), { agent: t.agent, headers: { cookie: t.cookie, accept: 'text/html,application/json' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const ms = performance.now() - started;
				if (res.statusCode !== 200) reject(new Error(`${t.label} GET ${path} → ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
				else resolve(ms);
			});
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

/**
 * `embedded`: PGlite, as with nothing configured; else PostgreSQL (DATABASE_URL or the local server).
 * `scale`: the size of the full data set (1: 100,000 sales order lines); the small one is 1% of it.
 */
export async function runReadsBench(backend: 'postgres' | 'embedded' = 'postgres', scale = 1): Promise<void> {
	await ensureBuild();
	const admin = backend === 'postgres' ? await adminUrl() : '';
	const open = (label: string, s: number) => (backend === 'postgres' ? prepare(label, s, admin) : prepareEmbedded(label, s));
	const small = await open('1%', scale * 0.01);
	const full = await open('full', scale);
	const rows: { name: string; small: number; full: number; ratio: number; pass: boolean }[] = [];
	for (const read of READS) {
		const paths = { small: read.path(small.data.sample), full: read.path(full.data.sample) };
		for (let i = 0; i < WARMUP; i++) {
			await get(small, paths.small);
			await get(full, paths.full);
		}
		const ms = { small: [] as number[], full: [] as number[] };
		for (let i = 0; i < SAMPLES; i++) {
			// Alternating, and each size first in turn, so neither always follows the other.
			if (i % 2) {
				ms.small.push(await get(small, paths.small));
				ms.full.push(await get(full, paths.full));
			} else {
				ms.full.push(await get(full, paths.full));
				ms.small.push(await get(small, paths.small));
			}
		}
		const r = { name: read.name, small: p95(ms.small), full: p95(ms.full), ratio: p95(ms.full) / p95(ms.small), pass: false };
		r.pass = r.full <= TARGET_MS && r.small <= TARGET_MS && r.ratio <= TARGET_RATIO;
		rows.push(r);
		console.error(`  ${read.name}: p95 ${round(r.small, 1)} ms at 1%, ${round(r.full, 1)} ms full (×${round(r.ratio, 2)})${r.pass ? '' : '  ✗'}`);
	}
	const health = (await (await fetch(`${full.server.url}/healthz`)).json()) as { db: string; bus: string };
	console.log(
		formatTable(
			['read', 'p95 1% (ms)', 'p95 full (ms)', 'full / 1%', 'meets'],
			rows.map((r) => [r.name, round(r.small, 1).toFixed(1), round(r.full, 1).toFixed(1), round(r.ratio, 2).toFixed(2), r.pass ? 'yes' : 'NO'])
		)
	);
	const missed = rows.filter((r) => !r.pass);
	console.log(
		`targets: every p95 ≤ ${TARGET_MS} ms and full ≤ ${TARGET_RATIO} × 1%: ${missed.length ? `${missed.length} of ${rows.length} missed` : `all ${rows.length} met`}` +
			`; worst p95 ${round(Math.max(...rows.map((r) => r.full)), 1)} ms, worst ratio ${round(Math.max(...rows.map((r) => r.ratio)), 2)}`
	);
	console.log(
		JSON.stringify({
			bench: 'reads',
			db: health.db,
			scale,
			samples: SAMPLES,
			sizes: Object.fromEntries(
				[small, full].map((t) => [
					t.label,
					{
						salesOrderLines: t.data.salesOrderLines,
						purchaseOrderLines: t.data.purchaseOrderLines,
						items: t.data.items,
						events: t.data.events,
						loadSeconds: round(t.loadSeconds, 1)
					}
				])
			),
			reads: rows.map((r) => ({ read: r.name, p95SmallMs: round(r.small, 1), p95FullMs: round(r.full, 1), ratio: round(r.ratio, 2), pass: r.pass })),
			pass: missed.length === 0
		})
	);
}
