// Delivery: the worker that sends what the outbox holds after commit — each message formatted for its
// channel at send time (fresh signature, current secret) and retried with backoff — plus deliverAlert
// (queue and send one alert now), the test message of the settings page and the delivery log read.
import type { Config } from '../../config.ts';
import type { Clock } from '../../clock.ts';
import type { Db, Queryable } from '../../db/db.ts';
import type { Logger } from '../../log.ts';
import { type AlertMessage, type ChannelTarget, type MessageLocale } from './channel.ts';
import { targets } from './channel.queries.ts';
import { digestNotice } from './digest.ts';
import { format } from './formatters/index.ts';
import { alertNotice, testNotice, type Notice } from './notice.ts';
import { claimDue, enqueue, settle, nextDue, type Claimed, type Queued } from './outbox.ts';
import { sendOnce, type SendOutcome } from './send.ts';

/** Waits before the 2nd, 3rd and 4th attempts; then the delivery is given up. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

export type ChannelConfig = Pick<Config, 'webhookHosts' | 'secretKey' | 'smtpUrl' | 'smtpFrom' | 'timeZone' | 'origin' | 'port'>;

export interface DeliveryDeps {
	db: Db;
	clock: Clock;
	log: Logger;
	config: ChannelConfig;
	retryDelaysMs?: readonly number[];
	/** How long a claimed row is a worker's before another may take it over (default 2 min). */
	leaseMs?: number;
	timeoutMs?: number;
}

/** Where links point: ORIGIN, else this node's own port on localhost. */
export function publicOrigin(config: Pick<Config, 'origin' | 'port'>): string {
	return config.origin ?? `http://localhost:${config.port}`;
}

/** An alert path made absolute on the public origin (an absolute link is kept). */
export function absoluteLink(link: string, origin: string): string {
	return new URL(link || '/', origin).toString();
}

function noticeFor(m: Queued, locale: MessageLocale, config: ChannelConfig): Notice {
	const origin = publicOrigin(config);
	if (m.type === 'digest') return digestNotice(m.digest, locale, origin);
	return alertNotice({ ...m.alert, link: absoluteLink(m.alert.link, origin) }, locale, config.timeZone);
}

async function sendTo(deps: DeliveryDeps, t: ChannelTarget, n: Notice): Promise<SendOutcome> {
	const out = format(t, n, deps.clock.now());
	return sendOnce(out, { webhookHosts: deps.config.webhookHosts, smtpUrl: deps.config.smtpUrl, smtpFrom: deps.config.smtpFrom, timeoutMs: deps.timeoutMs });
}

export interface DrainResult {
	sent: number;
	retrying: number;
	failed: number;
	skipped: number;
	/** When the next waiting delivery falls due. */
	next: Date | null;
}

async function deliverOne(deps: DeliveryDeps, c: Claimed, byId: Map<string, ChannelTarget | { channelId: string; error: string }>, r: DrainResult): Promise<void> {
	const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
	const t = byId.get(c.channelId);
	const now = () => deps.clock.now();
	if (!t || !('kind' in t) || !t.active) {
		const error = !t ? 'channel no longer exists' : 'kind' in t ? 'channel is not active' : t.error;
		await settle(deps.db, c, { status: t && !('kind' in t) ? 'failed' : 'skipped', error }, now());
		if (t && !('kind' in t)) r.failed++;
		else r.skipped++;
		return;
	}
	let outcome: SendOutcome;
	try {
		outcome = await sendTo(deps, t, noticeFor(c.message, t.locale, deps.config));
	} catch (err) {
		outcome = { ok: false, error: (err as Error).message };
	}
	if (outcome.ok) {
		if (await settle(deps.db, c, { status: 'sent', httpStatus: outcome.httpStatus }, now())) r.sent++;
		return;
	}
	const error = outcome.error ?? 'failed';
	const delay = delays[c.attempts - 1];
	if (delay === undefined) {
		await settle(deps.db, c, { status: 'failed', httpStatus: outcome.httpStatus, error }, now());
		r.failed++;
		deps.log.warn({ channel: c.channelId, alert: c.alertId, attempts: c.attempts, error }, 'alert delivery given up');
	} else {
		await settle(deps.db, c, { status: 'retry', httpStatus: outcome.httpStatus, error, nextAt: new Date(now().getTime() + delay) }, now());
		r.retrying++;
	}
}

/** Sends every delivery due now, a batch at a time; a batch's channels are sent to concurrently. */
export async function drain(deps: DeliveryDeps): Promise<DrainResult> {
	const r: DrainResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, next: null };
	for (;;) {
		const batch = await claimDue(deps.db, deps.clock.now(), deps.leaseMs ?? 120_000, 20);
		if (!batch.length) break;
		const ids = [...new Set(batch.map((c) => c.channelId))];
		const byId = new Map((await targets(deps.db, deps.config.secretKey, ids)).map((t) => [t.channelId, t]));
		await Promise.all(batch.map((c) => deliverOne(deps, c, byId, r)));
	}
	r.next = await nextDue(deps.db);
	return r;
}

/**
 * Sends an alert to every active channel its severity reaches (or to `channelIds`, a rule's route),
 * through the outbox: queued in one transaction, then sent with retries as they fall due.
 */
export async function deliverAlert(deps: DeliveryDeps, message: AlertMessage, opts: { channelIds?: string[]; sourceKey?: string } = {}): Promise<{ channels: string[]; result: DrainResult }> {
	if (message.suppress) return { channels: [], result: { sent: 0, retrying: 0, failed: 0, skipped: 0, next: null } };
	const channels = await deps.db.transaction((tx) =>
		enqueue(tx, {
			sourceKey: opts.sourceKey ?? `alert:${message.alertId}:${message.escalationLevel ?? 0}`,
			alertId: message.alertId,
			message: { type: 'alert', alert: message },
			severity: message.severity,
			channelIds: opts.channelIds
		})
	);
	return { channels, result: await drain(deps) };
}

/** The settings page's "send a test message": once, now, logged under `test:<channelId>`. */
export async function sendTestMessage(deps: DeliveryDeps, channelId: string): Promise<SendOutcome | null> {
	const [t] = await targets(deps.db, deps.config.secretKey, [channelId]);
	if (!t) return null;
	const now = deps.clock.now();
	let outcome: SendOutcome;
	if (!('kind' in t)) outcome = { ok: false, error: t.error };
	else {
		try {
			outcome = await sendTo(deps, t, testNotice(channelId, t.locale, absoluteLink('/settings/channels', publicOrigin(deps.config)), now));
		} catch (err) {
			outcome = { ok: false, error: (err as Error).message };
		}
	}
	await deps.db.query(
		`insert into alert_delivery_log (delivery_id, alert_id, channel_id, attempt, status, http_status, error, at) values (null, $1, $2, 1, $3, $4, $5, $6)`,
		[`test:${channelId}`, channelId, outcome.ok ? 'sent' : 'failed', outcome.httpStatus ?? null, outcome.error ?? null, deps.clock.now().toISOString()]
	);
	return outcome;
}

export interface LogEntry {
	alertId: string;
	channelId: string;
	attempt: number;
	status: 'sent' | 'error' | 'failed' | 'skipped' | 'suppressed';
	httpStatus: number | null;
	error: string | null;
	at: string;
}

/** Every attempt for an alert (all alerts when absent; newest last), optionally of one channel. */
export async function deliveryLog(q: Queryable, filter: { alertId?: string; channelId?: string; limit?: number } = {}): Promise<LogEntry[]> {
	const r = await q.query<{ alert_id: string; channel_id: string; attempt: number; status: LogEntry['status']; http_status: number | null; error: string | null; at: Date | string }>(
		`select alert_id, channel_id, attempt, status, http_status, error, at from (
			select * from alert_delivery_log where ($1::text is null or alert_id = $1) and ($2::text is null or channel_id = $2)
			order by id desc limit $3) x order by id`,
		[filter.alertId ?? null, filter.channelId ?? null, filter.limit ?? 200]
	);
	return r.rows.map((x) => ({ alertId: x.alert_id, channelId: x.channel_id, attempt: x.attempt, status: x.status, httpStatus: x.http_status, error: x.error, at: new Date(x.at).toISOString() }));
}

