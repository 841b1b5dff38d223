// Production entry: one HTTP server serves the SvelteKit handler and the WebSocket hub on /live.
// The Runtime is built before the SvelteKit bundle loads, so both use the same one.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { createRuntime } from './runtime.ts';
import { settableClock } from './clock.ts';
import { setProcessRuntime } from './process-runtime.ts';
import { attachHub } from './live/attach.ts';
import { startDemo, type DemoHandle } from '../seed/demo/first-start.ts';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next?: () => void) => void;

function handlerPath(): string {
	for (const c of [new URL('./handler.js', import.meta.url), new URL('../build/handler.js', import.meta.url)]) {
		const p = fileURLToPath(c);
		if (existsSync(p)) return p;
	}
	throw new Error('SvelteKit build not found: run `npm run build` (npm start does this for you)');
}

async function main() {
	let config;
	try {
		config = loadConfig(process.env);
	} catch (err) {
		if (err instanceof ConfigError) {
			console.error(err.message);
			process.exit(2);
		}
		throw err;
	}
	// The demo's first start writes 90 days of history with this clock set back (seed/sim/history.ts);
	// otherwise it follows the system clock.
	// A first start on the embedded database copies the database the build made (scripts/build.js)
	// instead of creating one: 2-3 s sooner.
	const runtime = createRuntime(config, { clock: settableClock(), pgliteTemplate: fileURLToPath(new URL('./pglite-template', import.meta.url)) });
	setProcessRuntime(runtime);
	const rt = await runtime;

	// Ingest enforces its own limits (10 MB, 413 with a JSON body); the adapter's default would cut at 512 KB.

	// adapter-node assumes https unless told; this server speaks plain HTTP (TLS ends at a proxy,
	// which says so in X-Forwarded-Proto). ORIGIN, when set, overrides both.
	process.env.PROTOCOL_HEADER ??= 'x-liandong-proto';
	const protoHeader = process.env.PROTOCOL_HEADER;
	process.env.BODY_SIZE_LIMIT ??= 'Infinity';
	const { handler } = (await import(handlerPath())) as { handler: Handler };
	const server = createServer((req, res) => {
		if (protoHeader === 'x-liandong-proto') {
			const fwd = req.headers['x-forwarded-proto'];
			req.headers['x-liandong-proto'] = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0].trim() || 'http';
		}
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	attachHub(rt, server);
	// The demo factory (LIANDONG_DEMO) is prepared after the server listens: pages show its progress.
	let demo: DemoHandle | null = null;
	let stopping = false;
	server.listen(config.port, config.host, () => {
		const addr = server.address();
		const port = typeof addr === 'object' && addr ? addr.port : config.port;
		rt.log.info({ port, host: config.host, db: rt.db.kind, bus: rt.bus.kind }, `Liandong listening on http://localhost:${port}`);
		if (config.demo && !stopping) demo = startDemo(rt, { historyDays: config.demoHistoryDays, speed: config.demoSpeed });
	});

	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		rt.log.info({ signal }, 'shutting down: finishing requests in flight');
		// Stop accepting, let requests in flight finish (up to 10 s), then close sockets and backends.
		const drained = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
		await demo?.stop().catch((err) => rt.log.error({ err }, 'stopping the demo failed'));
		await rt.hub.close().catch(() => undefined);
		await Promise.race([drained, timeout]);
		server.closeAllConnections();
		await rt.close().catch((err) => rt.log.error({ err }, 'close failed'));
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
	console.error(err instanceof Error ? (err.stack ?? err.message) : err);
	process.exit(1);
});
