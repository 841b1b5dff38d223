// The composition root: builds the Runtime {config, db, bus, hub, clock, log} once per process from
// validated config, and is the only module that knows every capability (catalogue, projectors, topics).
import { authEventTypes } from './auth/events.ts';
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
import { fixedCatalogue, type Catalogue, type EventTypeDefinition } from './events/catalogue.ts';
import { masterdataEventTypes } from './masterdata/schemas.ts';
import { customFieldEventTypes } from './masterdata/custom-fields.ts';
import { salesEventTypes } from './sales/schemas.ts';
import { purchasingEventTypes } from './purchasing/schemas.ts';
import { productionEventTypes } from './production/schemas.ts';
import { inventoryEventTypes } from './inventory/schemas.ts';
import { ProjectorRegistry } from './events/projectors.ts';
import { createEventLog, EVENT_STAGE_DDL, type AppendResult, type EventLog } from './events/append.ts';
import type { ValidEvent } from './events/envelope.ts';
import { hashToken, syncAdminToken, verifyToken, type Principal } from './auth/tokens.ts';
import { stillValid } from './auth/still-valid.ts';
import { countUsers, SESSION_COOKIE, sessionUser } from './auth/users.ts';
import { createUser } from './auth/user-commands.ts';
import { execute, systemActor } from './commands/command.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { memoryLimiter, redisLimiter, type SharedLimiter } from './auth/shared-limits.ts';
import { masterdataProjectors, resetProjections as resetMasterdata } from './masterdata/projectors.ts';
import { salesProjectors, resetProjections as resetSales } from './sales/projectors.ts';
import { ensureDefaultApprovalRules, purchasingProjectors, resetProjections as resetPurchasing } from './purchasing/projectors.ts';
import { productionProjectors, resetProjections as resetProduction } from './production/projectors.ts';
import { inventoryProjectors, resetProjections as resetInventory } from './inventory/projectors.ts';
import { rebuildProjections } from './events/rebuild.ts';
import { ensureDefaultReasonCodes } from './sales/reason-codes.ts';

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
	/** Limits that hold across nodes (sign-in, password changes): Redis when configured. */
	limiter: SharedLimiter;
	append(events: ValidEvent[]): Promise<AppendResult>;
	/** The event log: append, and transact for commands. */
	events: EventLog;
	/** Rebuilds every projection from the event log. */
	rebuildProjections(): Promise<{ events: number }>;
	close(): Promise<void>;
}

export interface RuntimeOptions {
	clock?: Clock;
	log?: Logger;
	/** Hub tuning (tests use short heartbeats and small backlogs). */
	hub?: { heartbeatMs?: number; maxBacklog?: number; highWaterBytes?: number; resumeBuffer?: number; recheckMs?: number };
}

export function buildCatalogue(): Catalogue {
	const c = fixedCatalogue();
	for (const d of [...authEventTypes, ...customFieldEventTypes, ...masterdataEventTypes, ...salesEventTypes, ...purchasingEventTypes, ...productionEventTypes, ...inventoryEventTypes]) {
		c.define(d as EventTypeDefinition);
	}
	return c;
}

/** Every capability's projections, emptied before a rebuild (server/events/rebuild.ts). */
export const PROJECTION_RESETTERS = [resetMasterdata, resetSales, resetPurchasing, resetProduction, resetInventory];

export function buildProjectors(): ProjectorRegistry {
	const r = new ProjectorRegistry();
	for (const p of [...masterdataProjectors, ...salesProjectors, ...purchasingProjectors, ...productionProjectors, ...inventoryProjectors]) {
		r.register(p);
	}
	return r;
}

export async function openDatabase(config: Config): Promise<Db> {
	if (!config.databaseUrl) return openPglite(config.dataDir);
	return enableTimescaleIfAvailable(await openPostgres(config.databaseUrl, { sessionSql: [EVENT_STAGE_DDL] }));
}

function parseCookie(header: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
	}
	return out;
}

/** LIANDONG_ADMIN_PASSWORD: the first user, "admin", when there is no user yet. */
async function bootstrapAdmin(rt: Runtime, password: string): Promise<void> {
	if ((await countUsers(rt.db)) > 0) return;
	try {
		await execute(rt, createUser, { username: 'admin', displayName: 'Administrator', password, roles: ['admin'] }, systemActor);
		rt.log.info('created user "admin" from LIANDONG_ADMIN_PASSWORD');
	} catch (err) {
		// Another node starting at the same moment may have created it first.
		if ((await countUsers(rt.db)) === 0) throw err;
	}
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
		await ensureDefaultReasonCodes(db);
		await ensureDefaultApprovalRules(db);
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
		authenticate: async (req, url): Promise<Principal | null> => {
			const header = req.headers.authorization;
			const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
			const token = url.searchParams.get('token') ?? bearer;
			if (token) return verifyToken(db, token);
			// Pages connect with the session cookie of the signed-in user.
			const cookie = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
			const user = await sessionUser(db, cookie, (opts.clock ?? systemClock).now());
			return user
				? { kind: 'user', tokenId: user.id, name: `user:${user.username}`, roles: user.roles, eventTypes: null, screens: null, sessionId: hashToken(cookie!) }
				: null;
		},
		stillValid: (principals) => stillValid(db, principals, (opts.clock ?? systemClock).now()),
		...opts.hub
	});
	await hub.start();

	const projectors = buildProjectors();
	const eventLog = createEventLog({
		db,
		bus,
		projectors,
		onPublishError: (err) => log.warn({ err }, 'committed events not published on the bus')
	});
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
		limiter: bus.redis ? redisLimiter(bus.redis, busNamespace(config.databaseUrl, config.dataDir)) : memoryLimiter(),
		events: eventLog,
		rebuildProjections: () => rebuildProjections(db, projectors, PROJECTION_RESETTERS),
		append: (events) => eventLog.append(events),
		async close() {
			await hub.close();
			await bus.close();
			await db.close();
		}
	};
	if (config.adminPassword) await bootstrapAdmin(rt, config.adminPassword);
	log.info({ db: db.kind, bus: bus.kind }, 'runtime ready');
	return rt;
}
