// Reads and validates the process environment once. Every bad variable is reported in one error,
// so a misconfigured node fails at start with a message naming all of them (CONTRACTS.md, Environment).
import { z } from 'zod';

const boolFlag = z.enum(['0', '1']).transform((v) => v === '1');

const timeZone = z.string().refine(
	(tz) => {
		try {
			new Intl.DateTimeFormat('en', { timeZone: tz });
			return true;
		} catch {
			return false;
		}
	},
	{ message: 'not a known IANA time zone' }
);

const urlWithProtocols = (protocols: string[]) =>
	z.string().refine(
		(v) => {
			try {
				return protocols.includes(new URL(v).protocol);
			} catch {
				return false;
			}
		},
		{ message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}` }
	);

/** `host[:port]`, comma-separated: lower-cased, no scheme or path. */
const hostList = z
	.string()
	.transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
	.refine((hosts) => hosts.every((h) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h)), {
		message: 'must be host or host:port names, comma-separated'
	});

/** 32 bytes, as 64 hex digits or base64. */
const secretKey = z.string().refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, {
	message: 'must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)'
});

const envSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
	REDIS_URL: urlWithProtocols(['redis:', 'rediss:']).optional(),
	LIANDONG_DATA_DIR: z.string().min(1).default('./data'),
	/** Wall-screen definitions, one JSON file each (screens/schema.ts), watched for changes. */
	LIANDONG_SCREENS_DIR: z.string().min(1).default('./screens'),
	LIANDONG_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	LIANDONG_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
	LIANDONG_DEMO: boolFlag.optional(),
	/** Days of history the demo's first start writes (0: none, the plant alone). */
	LIANDONG_DEMO_HISTORY_DAYS: z.coerce.number().int('must be a whole number').min(0, 'must be at least 0').max(365, 'must be at most 365').default(90),
	/** The demo simulator's factory time per real time (60: a factory hour a minute); 0 stops it. */
	LIANDONG_DEMO_SPEED: z.coerce.number().min(0, 'must be at least 0').max(100_000, 'must be at most 100000').default(60),
	LIANDONG_TIMEZONE: timeZone.default('Asia/Shanghai'),
	ORIGIN: urlWithProtocols(['http:', 'https:']).optional(),
	LIANDONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	/** Ingest requests per second per token; bursts of twice this are allowed. */
	LIANDONG_INGEST_RATE: z.coerce.number().positive().default(100),
	/** Keep events this many days when TimescaleDB is present (unset: keep forever). */
	LIANDONG_EVENT_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
	/** 0: plan only when asked (CLI, tests); other nodes with 1 plan what this one leaves. */
	LIANDONG_PLANNING: boolFlag.default(true),
	/** 0: this node raises no alerts by itself (tests that count events; other nodes with 1 do). */
	LIANDONG_ALERTS: boolFlag.default(true),
	/** Days the live plan looks ahead, from today (bucket 0) on. */
	LIANDONG_PLANNING_HORIZON_DAYS: z.coerce.number().int('must be a whole number').min(7, 'must be at least 7').max(1000, 'must be at most 1000').default(120),
	/** Hosts alert webhooks may reach besides the official robot hosts (server/alerts/channels). */
	LIANDONG_WEBHOOK_HOSTS: hostList.optional(),
	/** Seals alert channel secrets; unset: a key generated once and kept in the database. */
	LIANDONG_SECRET_KEY: secretKey.optional(),
	/** Where alert email goes out: smtp://user:pass@host:587 or smtps://…:465. */
	LIANDONG_SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']).optional(),
	LIANDONG_SMTP_FROM: z.string().min(3).optional(),
	/** When the standup digest goes out, HH:MM in the factory's time zone. */
	LIANDONG_STANDUP_TIME: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')
		.default('08:30')
});

export type Env = z.input<typeof envSchema>;

export interface Config {
	readonly port: number;
	readonly host: string;
	readonly databaseUrl?: string;
	readonly redisUrl?: string;
	readonly dataDir: string;
	readonly screensDir: string;
	readonly adminToken?: string;
	readonly adminPassword?: string;
	readonly demo: boolean;
	readonly demoHistoryDays: number;
	readonly demoSpeed: number;
	readonly timeZone: string;
	readonly origin?: string;
	readonly logLevel: string;
	readonly ingestRatePerSecond: number;
	readonly eventRetentionDays?: number;
	/** Plan by itself: at start, nightly and after input changes (server/planning/run.ts). */
	readonly planning: boolean;
	readonly planningHorizonDays: number;
	/** Alert channels (server/alerts/channels): extra webhook hosts, the sealing key, SMTP, the digest time. */
	readonly webhookHosts: readonly string[];
	readonly secretKey?: string;
	readonly smtpUrl?: string;
	readonly smtpFrom?: string;
	readonly standupTime: string;
	/** Raise and resolve alerts by themselves after relevant commits (server/alerts/evaluate.ts). */
	readonly alerts: boolean;
}

export class ConfigError extends Error {
	constructor(readonly problems: { variable: string; message: string }[]) {
		super(
			'Invalid configuration: ' + problems.map((p) => `${p.variable}: ${p.message}`).join('; ')
		);
		this.name = 'ConfigError';
	}
}

/** Empty strings count as unset, as shells and .env files commonly produce them. */
function present(env: Record<string, string | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of Object.keys(envSchema.shape)) {
		const v = env[key];
		if (v !== undefined && v !== '') out[key] = v;
	}
	return out;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
	const parsed = envSchema.safeParse(present(env));
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message }))
		);
	}
	const e = parsed.data;
	return Object.freeze({
		port: e.PORT,
		host: e.HOST,
		databaseUrl: e.DATABASE_URL,
		redisUrl: e.REDIS_URL,
		dataDir: e.LIANDONG_DATA_DIR,
		screensDir: e.LIANDONG_SCREENS_DIR,
		adminToken: e.LIANDONG_ADMIN_TOKEN,
		adminPassword: e.LIANDONG_ADMIN_PASSWORD,
		demo: e.LIANDONG_DEMO ?? !e.DATABASE_URL,
		demoHistoryDays: e.LIANDONG_DEMO_HISTORY_DAYS,
		demoSpeed: e.LIANDONG_DEMO_SPEED,
		timeZone: e.LIANDONG_TIMEZONE,
		origin: e.ORIGIN,
		logLevel: e.LIANDONG_LOG_LEVEL,
		ingestRatePerSecond: e.LIANDONG_INGEST_RATE,
		eventRetentionDays: e.LIANDONG_EVENT_RETENTION_DAYS,
		planning: e.LIANDONG_PLANNING,
		planningHorizonDays: e.LIANDONG_PLANNING_HORIZON_DAYS,
		webhookHosts: Object.freeze(e.LIANDONG_WEBHOOK_HOSTS ?? []),
		secretKey: e.LIANDONG_SECRET_KEY,
		smtpUrl: e.LIANDONG_SMTP_URL,
		smtpFrom: e.LIANDONG_SMTP_FROM,
		standupTime: e.LIANDONG_STANDUP_TIME,
		alerts: e.LIANDONG_ALERTS
	});
}
