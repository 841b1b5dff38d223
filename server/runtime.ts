// The composition root: builds the Runtime {config, db, bus, hub, clock, log} once per process from
// validated config, and is the only module that knows every capability (catalogue, projectors, topics).
import type { Config } from './config.ts';
import { LOCKS, type Db } from './db/db.ts';
import { openPglite } from './db/pglite.ts';
import { enableTimescaleIfAvailable, openPostgres } from './db/postgres.ts';
import { migrate } from './db/migrate.ts';
import { applyTimescale } from './db/timescale.ts';
import { type Bus, busNamespace, memoryBus, redisBus } from './live/bus.ts';
import { Hub } from './live/hub.ts';
import { eventTopics } from './live/topics.ts';
import { createLogger, type Logger } from './log.ts';
import { systemClock, type Clock } from './clock.ts';
import { fixedCatalogue, type Catalogue } from './events/catalogue.ts';
import { ProjectorRegistry } from './events/projectors.ts';
import { createAppender, EVENT_STAGE_DDL, type AppendResult } from './events/append.ts';
import type { ValidEvent } from './events/envelope.ts';
import { syncAdminToken, verifyToken } from './auth/tokens.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { masterdataProjectors } from './masterdata/projectors.ts';
import { salesProjectors } from './sales/projectors.ts';
import { purchasingProjectors } from './purchasing/projectors.ts';
import { productionProjectors } from './production/projectors.ts';

export interface Runtime {
	config: Config;
	db: Db;
	bus: Bus;
	hub: Hub;
	clock: Clock;
	log: Logger;
	catalogue: Catalogue;
	projectors: ProjectorRegistry;
	ingestLimiter: RateLimiter;
	append(events: ValidEvent[]): Promise<AppendResult>;
	close(): Promise<void>;
}

export interface RuntimeOptions {
	clock?: Clock;
	log?: Logger;
	/** Hub tuning (tests use short heartbeats and small backlogs). */
	hub?: { heartbeatMs?: number; maxBacklog?: number; highWaterBytes?: number; resumeBuffer?: number };
}

export function buildCatalogue(): Catalogue {
	return fixedCatalogue();
}

export function buildProjectors(): ProjectorRegistry {
	const r = new ProjectorRegistry();
	for (const p of [...masterdataProjectors, ...salesProjectors, ...purchasingProjectors, ...productionProjectors]) {
		r.register(p);
	}
	return r;
}

export async function openDatabase(config: Config): Promise<Db> {
	if (!config.databaseUrl) return openPglite(config.dataDir);
	return enableTimescaleIfAvailable(await openPostgres(config.databaseUrl, { sessionSql: [EVENT_STAGE_DDL] }));
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
	const log = opts.log ?? createLogger(config.logLevel);
	const db = await openDatabase(config);
	try {
		const applied = await migrate(db);
		if (applied.length) log.info({ applied }, 'migrations applied');
		// Under the migration lock: nodes starting together must not convert the table twice.
		await db.withLock(LOCKS.migrations, () => applyTimescale(db, config.eventRetentionDays));
		await syncAdminToken(db, config.adminToken);
	} catch (err) {
		await db.close();
		throw err;
	}

	const bus = config.redisUrl
		? await redisBus(config.redisUrl, busNamespace(config.databaseUrl, config.dataDir), (err) => log.warn({ err }, 'redis error'))
		: memoryBus();

	const catalogue = buildCatalogue();
	const hub = new Hub({
		origin: config.origin,
		bus,
		log,
		providers: [eventTopics(db, (type) => catalogue.isKnown(type))],
		authenticate: async (req, url) => {
			const header = req.headers.authorization;
			const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
			return verifyToken(db, url.searchParams.get('token') ?? bearer);
		},
		...opts.hub
	});
	await hub.start();

	const projectors = buildProjectors();
	const rt: Runtime = {
		config,
		db,
		bus,
		hub,
		clock: opts.clock ?? systemClock,
		log,
		catalogue,
		projectors,
		ingestLimiter: new RateLimiter(config.ingestRatePerSecond),
		append: createAppender({
			db,
			bus,
			projectors,
			onPublishError: (err) => log.warn({ err }, 'committed events not published on the bus')
		}),
		async close() {
			await hub.close();
			await bus.close();
			await db.close();
		}
	};
	log.info({ db: db.kind, bus: bus.kind }, 'runtime ready');
	return rt;
}
