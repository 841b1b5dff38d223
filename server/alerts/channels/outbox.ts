// The outbox of alert_deliveries: rows written in the transaction that decided to send (the delivery
// reaction, the digest job, deliverAlert), claimed by a worker after commit, and settled with one
// row of alert_delivery_log per attempt. A claimed row is leased: a worker that dies mid-send leaves
// it to another after the lease, so a crash loses nothing; only then may a message go out twice.
import type { Queryable } from '../../db/db.ts';
import type { AlertMessage, Severity } from './channel.ts';
import type { DigestData } from './digest.ts';

export type Queued = { type: 'alert'; alert: AlertMessage } | { type: 'digest'; date: string; digest: DigestData };

export interface Claimed {
	id: number;
	alertId: string;
	channelId: string;
	message: Queued;
	attempts: number;
}

/** Due at once (before any clock a test may set). */
const DUE_NOW = '1970-01-01T00:00:00Z';

/**
 * Queues `message` for each active channel whose threshold the severity reaches (or for exactly
 * `channelIds`, a rule's route); once per source key and channel. Answers the channels queued.
 */
export async function enqueue(
	tx: Queryable,
	item: { sourceKey: string; alertId: string; message: Queued; severity: Severity | null; channelIds?: string[]; digest?: boolean }
): Promise<string[]> {
	const r = await tx.query<{ channel_id: string }>(
		`insert into alert_deliveries (source_key, alert_id, channel_id, message, status, next_at, created_at)
		select $1, $2, channel_id, $3::jsonb, 'pending', $4::timestamptz, now() from alert_channels
		where active
			and ($5::text is null or array_position(array['info','warning','critical'], min_severity) <= array_position(array['info','warning','critical'], $5::text))
			and ($6::text[] is null or channel_id = any($6::text[]))
			and (not $7::boolean or digest)
		on conflict (source_key, channel_id) do nothing
		returning channel_id`,
		[item.sourceKey, item.alertId, JSON.stringify(item.message), DUE_NOW, item.severity, item.channelIds ?? null, item.digest ?? false]
	);
	return r.rows.map((x) => x.channel_id).sort();
}

/** A log row for something decided without sending (suppressed by quiet hours, skipped). */
export async function logDecision(q: Queryable, alertId: string, channelIds: string[], status: 'suppressed', at: Date): Promise<void> {
	await q.query(
		`insert into alert_delivery_log (delivery_id, alert_id, channel_id, attempt, status, at) select null, $1, c, 0, $2, $3 from unnest($4::text[]) as c`,
		[alertId, status, at.toISOString(), channelIds]
	);
}

/** Claims up to `limit` due rows (pending and due, or leased by a worker whose lease ran out). */
export async function claimDue(q: Queryable, now: Date, leaseMs: number, limit: number): Promise<Claimed[]> {
	const r = await q.query<{ id: string; alert_id: string; channel_id: string; message: Queued | string; attempts: number }>(
		`update alert_deliveries d set status = 'sending', attempts = d.attempts + 1, claimed_until = $2::timestamptz
		where d.id in (
			select id from alert_deliveries
			where (status = 'pending' and next_at <= $1::timestamptz) or (status = 'sending' and claimed_until < $1::timestamptz)
			order by next_at, id limit $3 for update skip locked)
		returning d.id::text as id, d.alert_id, d.channel_id, d.message, d.attempts`,
		[now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit]
	);
	return r.rows
		.map((x) => ({ id: Number(x.id), alertId: x.alert_id, channelId: x.channel_id, message: (typeof x.message === 'string' ? JSON.parse(x.message) : x.message) as Queued, attempts: x.attempts }))
		.sort((a, b) => a.id - b.id);
}

export type Settlement =
	| { status: 'sent'; httpStatus?: number }
	| { status: 'retry'; httpStatus?: number; error: string; nextAt: Date }
	| { status: 'failed' | 'skipped'; httpStatus?: number; error: string };

/** Records an attempt's end; only the worker still holding the claim (same attempt) may. */
export async function settle(q: Queryable, c: Claimed, s: Settlement, now: Date): Promise<boolean> {
	const status = s.status === 'retry' ? 'pending' : s.status;
	const error = s.status === 'sent' ? null : s.error;
	const r = await q.query(
		`with done as (
			update alert_deliveries set status = $3, last_error = $4, claimed_until = null,
				next_at = coalesce($5::timestamptz, next_at), done_at = case when $3 in ('sent', 'failed', 'skipped') then $6::timestamptz end
			where id = $1 and status = 'sending' and attempts = $2
			returning id, alert_id, channel_id, attempts)
		insert into alert_delivery_log (delivery_id, alert_id, channel_id, attempt, status, http_status, error, at)
		select id, alert_id, channel_id, attempts, $7, $8, $4, $6::timestamptz from done`,
		[c.id, c.attempts, status, error, s.status === 'retry' ? s.nextAt.toISOString() : null, now.toISOString(), s.status === 'retry' ? 'error' : s.status, s.httpStatus ?? null]
	);
	return r.rowCount === 1;
}

/** When the next pending row falls due (null: nothing waits). */
export async function nextDue(q: Queryable): Promise<Date | null> {
	const r = await q.query<{ at: Date | string | null }>(
		`select min(case when status = 'pending' then next_at else claimed_until end) as at from alert_deliveries where status in ('pending', 'sending')`
	);
	return r.rows[0]?.at ? new Date(r.rows[0].at) : null;
}
