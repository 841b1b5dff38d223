// The composition root: builds the Runtime {config, db, bus, hub, clock, log} once per process from
// validated config, and is the only module that knows every capability (catalogue, projectors, topics,
// timed jobs and durable reactions).
import { authEventTypes } from './auth/events.ts';
import { trackingEventTypes } from './sales/tracking.ts';
import { kpiCommentEventTypes, kpiCommented, resetKpiComments } from './kpi/comments.ts';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { migrate } from './db/migrate.ts';
import { setupTimescale } from './db/timescale.ts';
import { type Bus, busNamespace, memoryBus, redisBus } from './live/bus.ts';
import { Hub } from './live/hub.ts';
import { eventTopics } from './live/topics.ts';
import { boardTopics } from './live/board-topics.ts';
import { trackingPrincipal, trackingTopics } from './live/tracking-topics.ts';
import { liveTrackingLinkIds, openTrackingLink } from './sales/tracking.ts';
import { kpiSeriesTopics, kpiTopics } from './kpi/topics.ts';
import { openScreenStore, type ScreenStore } from './screens/store.ts';
import { screenEventTypes } from './screens/commands.ts';
import { screenTopic, screenTopics, screenValue } from './screens/topics.ts';
import { latestSavedScreens, resetScreenVersions, screenSaved } from './screens/versions.ts';
import { kpiDigestSource } from './kpi/digest.ts';
import { standupDigestJob } from './alerts/channels/digest.job.ts';
import { kpiWindow } from './kpi/queries.ts';
import type { KpiWindowName } from './kpi/time.ts';
import { createLogger, type Logger } from './log.ts';
import { systemClock, wallTime, type Clock } from './clock.ts';
import { fixedCatalogue, type Catalogue, type EventTypeDefinition } from './events/catalogue.ts';
import { masterdataEventTypes } from './masterdata/schemas.ts';
import { customFieldEventTypes } from './masterdata/custom-fields.ts';
import { salesEventTypes } from './sales/schemas.ts';
import { purchasingEventTypes } from './purchasing/schemas.ts';
import { productionEventTypes } from './production/schemas.ts';
import { inventoryEventTypes } from './inventory/schemas.ts';
import { linkageEventTypes } from './planning/linkage-schemas.ts';
import { ProjectorRegistry } from './events/projectors.ts';
import { createKpiCompactor } from './kpi/compaction.ts';
import { COMMITTED_CHANNEL, createEventLog, EVENT_STAGE_DDL, type AppendResult, type EventLog } from './events/append.ts';
import type { ValidEvent } from './events/envelope.ts';
import { hashToken, syncAdminToken, verifyToken, type Principal } from './auth/tokens.ts';
import { stillValid } from './auth/still-valid.ts';
import { countUsers, SESSION_COOKIE, sessionUser } from './auth/users.ts';
import { createUser } from './auth/user-commands.ts';
import { execute, systemActor } from './commands/command.ts';
import { RateLimiter } from './auth/rate-limit.ts';
import { memoryLimiter, redisLimiter, type SharedLimiter } from './auth/shared-limits.ts';
import { masterdataProjectors, partnerChanges, resetProjections as resetMasterdata, masterdataCodeGuards } from './masterdata/projectors.ts';
import { salesProjectors, resetProjections as resetSales, salesCodeGuards } from './sales/projectors.ts';
import { salesOrderProgress } from './sales/progress.ts';
import { ensureDefaultApprovalRules, purchasingProjectors, resetProjections as resetPurchasing } from './purchasing/projectors.ts';
import { purchaseOrderProgress } from './purchasing/progress.ts';
import { resetReversals } from './events/reversal.ts';
import { productionProjectors, resetProjections as resetProduction, productionCodeGuards } from './production/projectors.ts';
import { inventoryProjectors, resetProjections as resetInventory } from './inventory/projectors.ts';
import { linkageProjectors, resetProjections as resetLinkage } from './planning/linkage.projectors.ts';
import { numberingProjectors, resetProjections as resetNumbering } from './numbering/projectors.ts';
import { numberingEventTypes } from './numbering/schemas.ts';
import { autoLinkOnCommit, createAutoLinker, type AutoLinker } from './planning/linkage-auto.ts';
import { rebuildProjections } from './events/rebuild.ts';
import { ensureDefaultReasonCodes } from './sales/reason-codes.ts';
import type { StoredEvent } from './events/envelope.ts';
import { memoryLocks, postgresLocks, type Locks } from './jobs/lock.ts';
import { startJobs, type Job, type Jobs } from './jobs/scheduler.ts';
import { startConsumer, type Consumer, type Reaction } from './jobs/consumer.ts';
import { purgeSessionsJob } from './auth/purge-sessions.job.ts';
import { maintainEmbeddedJob, needsUpkeep } from './db/maintenance.job.ts';
import { planningEventTypes } from './planning/schemas.ts';
import { planningProjectors, resetProjections as resetPlanning } from './planning/projectors.ts';
import { createPlanner, type AfterPlanStep, type Planner } from './planning/run.ts';
import { NET_CHANGE_REACTION, netChangeReaction } from './planning/net-change.reaction.ts';
import { REGENERATE_JOB, regenerateJob } from './planning/regenerate.job.ts';
import { assessRiskEvents } from './planning/risk-events.ts';
import { channelEventTypes } from './alerts/channels/schemas.ts';
import { channelProjectors, resetProjections as resetChannels } from './alerts/channels/channel.projectors.ts';
import { ALERT_DELIVERY_REACTION, alertDeliveryReaction } from './alerts/channels/reaction.ts';
import { startDeliveryWorker, type DeliveryWorker } from './alerts/channels/worker.ts';
import { alertEventTypes } from './alerts/schemas.ts';
import { alertProjectors, ensureDefaultAlertRules, resetProjections as resetAlerts } from './alerts/projectors.ts';
import { ALERTS_REACTION, alertsJob, alertsReaction } from './alerts/evaluate.ts';
import type { KpiReader } from './alerts/triggers.queries.ts';
import { kpiProjector, resetKpis } from './kpi/projectors.ts';
import { kpiClockJob } from './kpi/clock.job.ts';
import { ensureKpiTimeZone } from './kpi/rebuild.ts';

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
	/**
	 * Calls `listener` on this node after each commit that stored events, with those events (never
	 * inside the transaction, never for a rollback); answers an unsubscribe. Node-local and at most
	 * once: what must happen once across nodes is a durable reaction (server/jobs/consumer.ts).
	 */
	onCommitted(listener: CommittedListener): () => void;
	/** Locks every node respects: one leader per job and per reaction. */
	locks: Locks;
	/** Timed jobs (server/jobs/scheduler.ts). */
	jobs: Jobs;
	/** Durable reactions by name, each following the event log by its own cursor. */
	reactions: ReadonlyMap<string, Consumer>;
	/** This node's planner: plan runs over the live data (server/planning/run.ts). */
	planning: Planner;
	/** Firms the planned orders of categories in `auto` after each stored plan (server/planning/linkage-auto.ts). */
	autoLink: AutoLinker;
	/** Sends queued alert and digest messages to their channels (server/alerts/channels/worker.ts). */
	deliveries: DeliveryWorker;
	/** Wall screens from their files and the versions saved through the editor (server/screens/store.ts). */
	screens: ScreenStore;
	close(): Promise<void>;
}

export type CommittedListener = (events: StoredEvent[]) => void | Promise<void>;

/** Timed jobs of every capability; each runs on one node at a time. */
export const JOBS: Job[] = [purgeSessionsJob, maintainEmbeddedJob];

/** Durable reactions of every capability (KPIs and alerts add theirs here; planning's needs the node's planner, below). */
export const REACTIONS: Reaction[] = [alertDeliveryReaction];

/** Steps after each stored plan, in the plan's transaction; the events they answer are appended with it. */
export const AFTER_PLAN_STEPS: AfterPlanStep[] = [
	// Sales order lines the plan expects to be late, and those no longer at risk.
	async ({ tx, plan, input, calendar }) => (await assessRiskEvents(tx, plan, input, calendar.startDate)).map((e) => ({ type: e.type, data: { ...e.data } }))
];

export interface RuntimeOptions {
	clock?: Clock;
	/** A new embedded data folder is copied from this database folder made by the build (server/db/pglite.ts `template`). */
	pgliteTemplate?: string;
	log?: Logger;
	/** Hub tuning (tests use short heartbeats and small backlogs). */
	hub?: { heartbeatMs?: number; maxBacklog?: number; highWaterBytes?: number; resumeBuffer?: number; recheckMs?: number; valueMinGapMs?: number };
	/** Timed jobs fire on their schedule unless false; then they run only through `jobs.run` (tests, CLI). */
	jobs?: boolean;
	/** Durable reactions to run besides REACTIONS (tests). */
	reactions?: Reaction[];
	/** How often reactions look for events they were not woken for (default 10 s). */
	reactionPollMs?: number;
	/** KPI delta compaction: how long after a commit, and how often besides (tests set both long and compact by hand). */
	kpiCompaction?: { delayMs?: number; everyMs?: number; vacuumAfterRows?: number };
	/**
	 * Planning runs by itself — at start, nightly, and after commits that change its inputs — unless
	 * false; then only when asked (`planning.regenerate()`, `planning.netChange()`, the job by name).
	 * When absent: LIANDONG_PLANNING, and not when `jobs` is false.
	 */
	planning?: boolean;
	/** After-plan steps instead of AFTER_PLAN_STEPS (tests). */
	planSteps?: AfterPlanStep[];
	/**
	 * Alerts are raised by themselves — the reaction on source events and the minute job — unless false;
	 * with `jobs` false the job still runs by name. When absent: LIANDONG_ALERTS, and not when `jobs` is false.
	 */
	alerts?: boolean;
	/** Reads a KPI for the alert rules of kind kpi_threshold; without it those rules wait. */
	kpiReader?: KpiReader;
	/**
	 * Another node's database and bus, to run two nodes in one process on one embedded database
	 * (tests). This runtime uses them and leaves closing them to their owner.
	 */
	shared?: { db: Db; bus: Bus };
	/** How often the saved screens are read again in case a commit's message was lost (default 30 s). */
	screenPollMs?: number;
}

export function buildCatalogue(): Catalogue {
	const c = fixedCatalogue();
	for (const d of [...authEventTypes, ...customFieldEventTypes, ...masterdataEventTypes, ...salesEventTypes, ...purchasingEventTypes, ...productionEventTypes, ...inventoryEventTypes, ...planningEventTypes, ...linkageEventTypes, ...numberingEventTypes, ...channelEventTypes, ...alertEventTypes, ...trackingEventTypes, ...kpiCommentEventTypes, ...screenEventTypes]) {
		c.define(d as EventTypeDefinition);
	}
	return c;
}

/** Every capability's projections, emptied before a rebuild (server/events/rebuild.ts). */
export const PROJECTION_RESETTERS = [resetReversals, resetMasterdata, resetSales, resetPurchasing, resetProduction, resetInventory, resetPlanning, resetLinkage, resetNumbering, resetChannels, resetAlerts, resetKpis, resetKpiComments, resetScreenVersions];

/**
 * Every capability's projectors, then the batch projectors: the KPI ledger's runs after every type of the
 * batch was projected and so reads the state the batch left (server/kpi/projectors.ts); the orders'
 * progress comes last, so the order rows it locks are held only until the commit that follows.
 * `timeZone` is the factory's: KPI buckets and due dates follow it. A bulk load may leave the ledger out
 * (`kpi: false`) and build it once at the end with kpi-rebuild, which gives the same sums.
 */
export function buildProjectors(timeZone: string, opts: { kpi?: boolean } = {}): ProjectorRegistry {
	const r = new ProjectorRegistry();
	for (const p of [...masterdataProjectors, ...salesProjectors, ...purchasingProjectors, ...productionProjectors, ...inventoryProjectors, ...planningProjectors, ...linkageProjectors, ...numberingProjectors, ...channelProjectors, ...alertProjectors, kpiCommented, screenSaved, ...masterdataCodeGuards, ...productionCodeGuards, ...salesCodeGuards]) {
		r.register(p);
	}
	if (opts.kpi !== false) r.registerBatch(kpiProjector(timeZone));
	// Changes to existing customers and suppliers last: their row locks are held for the commit only.
	return r.registerBatch(salesOrderProgress).registerBatch(purchaseOrderProgress).registerBatch(partnerChanges);
}

/** `log` hears of transactions that took a second or more (waiting for a connection, retries, lock waits). */
export async function openDatabase(config: Config, log?: Logger, pgliteTemplate?: string): Promise<Db> {
	if (!config.databaseUrl) return openPglite(config.dataDir, { template: pgliteTemplate });
	return openPostgres(config.databaseUrl, {
		sessionSql: [EVENT_STAGE_DDL],
		onSlow: log ? (t) => log.warn({ transaction: t }, 'slow transaction') : undefined
	});
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
	const allReactions = [...REACTIONS, ...(opts.reactions ?? [])];
	const autoAlerts = opts.alerts ?? (config.alerts && opts.jobs !== false);
	const names = [...allReactions.map((r) => r.name), NET_CHANGE_REACTION, ...(autoAlerts ? [ALERTS_REACTION] : [])];
	const dup = names.find((n, i) => names.indexOf(n) !== i);
	if (dup) throw new Error(`two reactions are named ${dup}`);
	const log = opts.log ?? createLogger(config.logLevel);
	const db = opts.shared?.db ?? (await openDatabase(config, log, opts.pgliteTemplate));
	try {
		const applied = await migrate(db);
		if (applied.length) log.info({ applied }, 'migrations applied');
		// Under the migration lock; afterwards db.kind says what `events` is, whichever node converted it.
		await setupTimescale(db, { retentionDays: config.eventRetentionDays, log });
		await syncAdminToken(db, config.adminToken);
		await ensureDefaultReasonCodes(db);
		await ensureDefaultApprovalRules(db);
		await ensureDefaultAlertRules(db);
		if (await ensureKpiTimeZone(db, config.timeZone)) log.info({ timeZone: config.timeZone }, 'KPI ledger rebuilt for the factory time zone');
		if (db.kind !== 'pglite' && (await needsUpkeep(db))) log.warn('autovacuum is off on this PostgreSQL server: the hourly upkeep job vacuums and analyzes it');
	} catch (err) {
		if (!opts.shared) await db.close();
		throw err;
	}

	const bus =
		opts.shared?.bus ??
		(config.redisUrl ? await redisBus(config.redisUrl, busNamespace(config.databaseUrl, config.dataDir), (err) => log.warn({ err }, 'redis error')) : memoryBus());

	const catalogue = buildCatalogue();
	const screens = openScreenStore(config.screensDir, log, { saved: () => latestSavedScreens(db) });
	// What was saved through the editor while this node was down, before it serves a screen.
	await screens.sync().catch((err) => log.error({ err }, 'screens: saved versions not read; serving the files'));
	const hub = new Hub({
		origin: config.origin,
		bus,
		log,
		providers: [
			eventTopics(db, (type) => catalogue.isKnown(type)),
			...boardTopics({ db, clock: opts.clock ?? systemClock, timeZone: config.timeZone }),
			kpiTopics({ db, clock: opts.clock ?? systemClock, timeZone: config.timeZone }),
			...kpiSeriesTopics({ db, clock: opts.clock ?? systemClock, timeZone: config.timeZone }),
			screenTopics(screens),
			trackingTopics({ db, clock: opts.clock ?? systemClock, timeZone: config.timeZone })
		],
		authenticate: async (req, url): Promise<Principal | null> => {
			const header = req.headers.authorization;
			const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
			const token = url.searchParams.get('token') ?? bearer;
			if (token) return verifyToken(db, token);
			// A customer's tracking page: its share link's secret opens its one topic (not logged as an opening).
			const track = url.searchParams.get('track');
			if (track) {
				const link = await openTrackingLink(db, track);
				return link && link !== 'revoked' ? trackingPrincipal(link.linkId) : null;
			}
			// Pages connect with the session cookie of the signed-in user.
			const cookie = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
			const user = await sessionUser(db, cookie, wallTime(opts.clock ?? systemClock));
			return user
				? { kind: 'user', tokenId: user.id, name: `user:${user.username}`, roles: user.roles, eventTypes: null, screens: null, sessionId: hashToken(cookie!) }
				: null;
		},
		stillValid: async (principals) => {
			const links = principals.filter((p) => p.kind === 'tracking').map((p) => p.tokenId);
			const [valid, liveLinks] = await Promise.all([stillValid(db, principals, wallTime(opts.clock ?? systemClock)), liveTrackingLinkIds(db, links)]);
			return principals.map((p, i) => (p.kind === 'tracking' ? liveLinks.has(p.tokenId) : valid[i]));
		},
		...opts.hub
	});
	await hub.start();
	// A screen file saved: every page showing it here draws the new version.
	screens.onChange((id, entry) => hub.publish(screenTopic(id), screenValue(entry)));
	// A screen saved or rolled back on any node reaches this one through the bus; what the bus lost,
	// the poll finds.
	let screensOpen = true;
	const syncScreens = () => screensOpen && void screens.sync().catch((err) => log.warn({ err }, 'screens: saved versions not read'));
	const offScreensBus = await bus.subscribe(COMMITTED_CHANNEL, (m) => Array.isArray(m) && m.some((e: StoredEvent) => e.type === 'screen.saved') && syncScreens());
	bus.onResync?.(syncScreens);
	const screensPoll = setInterval(syncScreens, opts.screenPollMs ?? 30_000);
	screensPoll.unref();

	const projectors = buildProjectors(config.timeZone);
	const committedListeners = new Set<CommittedListener>();
	const eventLog = createEventLog({
		db,
		bus,
		projectors,
		onPublishError: (err) => log.warn({ err }, 'committed events not published on the bus'),
		onSlowPublish: (ms, events) => log.warn({ ms, events }, 'slow publish of committed events'),
		onCommitted(events) {
			for (const listener of committedListeners) {
				// A listener's failure is its own: the events are committed whatever it does.
				try {
					Promise.resolve(listener(events)).catch((err) => log.error({ err }, 'after-commit listener failed'));
				} catch (err) {
					log.error({ err }, 'after-commit listener failed');
				}
			}
		}
	});
	const clock = opts.clock ?? systemClock;
	const locks = db.kind === 'pglite' ? memoryLocks() : postgresLocks(config.databaseUrl!, (err) => log.warn({ err }, 'lock connection error'));
	const onCommitted = (listener: CommittedListener) => {
		committedListeners.add(listener);
		return () => void committedListeners.delete(listener);
	};
	const autoPlan = opts.planning ?? (config.planning && opts.jobs !== false);
	const planning = createPlanner({
		db,
		events: eventLog,
		catalogue,
		clock,
		log,
		timeZone: config.timeZone,
		horizonDays: config.planningHorizonDays,
		steps: opts.planSteps ?? AFTER_PLAN_STEPS,
		auto: autoPlan
	});
	// Alert rules read "now" from the injected clock and dates in the factory's time zone.
	// KPI threshold rules read the live KPI windows unless a test passes its own reader.
	const kpiReader: KpiReader = opts.kpiReader ?? ((q, kpi, window) => kpiWindow(q, { kpi, window: window as KpiWindowName, now: clock.now(), timeZone: config.timeZone }));
	const alertDeps = { clock, timeZone: config.timeZone, kpi: kpiReader };
	// The standup digest: yesterday's KPIs and the open alerts, to every channel with digest on.
	const standupDigest = standupDigestJob({ source: kpiDigestSource(config.timeZone), at: config.standupTime, drain: () => deliveries.drain() });
	const jobs = startJobs({ db, clock, log, locks, timeZone: config.timeZone }, [...JOBS, regenerateJob(planning), kpiClockJob(config.timeZone), standupDigest, ...(autoAlerts || opts.jobs === false ? [alertsJob(eventLog, alertDeps)] : [])], {
		schedule: opts.jobs !== false
	});
	const reactions = new Map<string, Consumer>();
	// Planned orders of categories in `auto` are firmed after each plan this node stores.
	const autoLink = createAutoLinker();
	const offAutoLink = onCommitted(autoLinkOnCommit(autoLink));
	// The KPI deltas of this node's commits are folded into the sums shortly after (server/kpi/compaction.ts).
	const kpiCompactor = createKpiCompactor({ db, log, ...opts.kpiCompaction });
	const offCompactor = onCommitted(() => kpiCompactor.schedule());
	kpiCompactor.schedule();
	for (const reaction of [...allReactions, netChangeReaction(planning), ...(autoAlerts ? [alertsReaction(alertDeps)] : [])]) {
		const deps = { db, events: eventLog, bus, locks, log, onCommitted };
		reactions.set(reaction.name, startConsumer(deps, reaction, { pollMs: opts.reactionPollMs }));
	}
	const deliveries = startDeliveryWorker({ db, clock, log, config, bus, onCommitted, reaction: () => reactions.get(ALERT_DELIVERY_REACTION) });
	const rt: Runtime = {
		config,
		db,
		bus,
		hub,
		clock,
		log,
		catalogue,
		projectors,
		ingestLimiter: new RateLimiter(config.ingestRatePerSecond),
		limiter: bus.redis ? redisLimiter(bus.redis, busNamespace(config.databaseUrl, config.dataDir)) : memoryLimiter(),
		events: eventLog,
		rebuildProjections: () => rebuildProjections(db, projectors, PROJECTION_RESETTERS),
		append: (events) => eventLog.append(events),
		onCommitted,
		locks,
		jobs,
		reactions,
		planning,
		autoLink,
		deliveries,
		screens,
		async close() {
			screensOpen = false;
			clearInterval(screensPoll);
			await offScreensBus();
			screens.close();
			await jobs.stop();
			await deliveries.stop();
			for (const r of reactions.values()) await r.stop();
			offAutoLink();
			offCompactor();
			await kpiCompactor.stop();
			await autoLink.stop();
			await planning.stop();
			await locks.close();
			await hub.close();
			if (opts.shared) return;
			await bus.close();
			await db.close();
		}
	};
	autoLink.attach(rt);
	if (config.adminPassword) {
		// A runtime that fails to start leaves no jobs, reactions or connections behind.
		await bootstrapAdmin(rt, config.adminPassword).catch(async (err) => {
			await rt.close().catch(() => undefined);
			throw err;
		});
	}
	// The plan of the data as it is at start, on the node that leads the planning job.
	if (autoPlan) void jobs.run(REGENERATE_JOB).catch((err) => log.error({ err }, 'planning at start failed'));
	log.info({ db: db.kind, bus: bus.kind }, 'runtime ready');
	return rt;
}
