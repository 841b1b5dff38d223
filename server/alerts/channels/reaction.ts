// The durable reaction that turns alert.raised and alert.escalated into outbox rows, in the
// transaction that moves its cursor: an alert is queued once for each channel it reaches, whatever
// node or restart comes between. Sending happens after commit (worker.ts). The alert events belong to
// the alert rules; this reads their data leniently and keeps what it needs to word an escalation.
import { z } from 'zod';
import type { Queryable } from '../../db/db.ts';
import type { StoredEvent } from '../../events/envelope.ts';
import type { Reaction } from '../../jobs/consumer.ts';
import { SEVERITIES, type AlertMessage, type MessageLocale } from './channel.ts';
import { enqueue, logDecision } from './outbox.ts';

export const ALERT_DELIVERY_REACTION = 'alert-channels';
export const ALERT_EVENT_TYPES = ['alert.raised', 'alert.escalated'];

/** A text in both languages, or one text for both. */
const words = z.union([z.string(), z.object({ 'zh-CN': z.string(), en: z.string() })]);
const both = (w: z.infer<typeof words>): Record<MessageLocale, string> => (typeof w === 'string' ? { 'zh-CN': w, en: w } : w);

const raised = z.object({
	alertId: z.string(),
	rule: z.string(),
	severity: z.enum(SEVERITIES),
	ref: z.object({ kind: z.string(), id: z.string(), lineId: z.string().optional() }),
	message: words,
	title: words.optional(),
	/** `{kind, id}` as the alert rules raise it (server/alerts/schemas.ts), or a plain name. */
	owner: z.union([z.string(), z.object({ kind: z.string(), id: z.string() }).transform((o) => o.id)]).optional(),
	kind: z.string().optional(),
	link: z.string().optional(),
	dedupeKey: z.string().optional(),
	suppress: z.boolean().optional(),
	/** The rule's quiet hours held when it was raised (server/alerts/schemas.ts): shown in the app, pushed nowhere. */
	quiet: z.boolean().optional(),
	/** A rule's route: exactly these channels instead of every channel the severity reaches. */
	channels: z.array(z.string()).optional()
});

/** `to` is the role (or user) it went to: `{kind, id}` as the alerts raise it, or a plain name. */
const escalated = z.object({
	alertId: z.string(),
	to: z.union([z.string(), z.object({ kind: z.string(), id: z.string() }).transform((t) => t.id)]),
	level: z.number(),
	quiet: z.boolean().optional(),
	suppress: z.boolean().optional()
});

/** The alert of an alert.raised event, as channels tell it. */
export function alertMessageOf(e: StoredEvent, data: z.infer<typeof raised>): AlertMessage {
	const message = both(data.message);
	return {
		alertId: data.alertId,
		rule: data.rule,
		severity: data.severity,
		status: 'open',
		ref: data.ref,
		title: data.title ? both(data.title) : message,
		message,
		...(data.owner ? { owner: data.owner } : {}),
		link: data.link ?? `/alerts/${encodeURIComponent(data.alertId)}`,
		raisedAt: e.occurredAt,
		...(data.suppress || data.quiet ? { suppress: true } : {})
	};
}

async function queue(tx: Queryable, e: StoredEvent, m: AlertMessage, channelIds: string[] | undefined): Promise<void> {
	const item = { sourceKey: e.id, alertId: m.alertId, message: { type: 'alert' as const, alert: m }, severity: m.severity, channelIds };
	if (!m.suppress) {
		await enqueue(tx, item);
		return;
	}
	// Quiet hours: nothing is sent, but the log says which channels it would have reached.
	const r = await tx.query<{ channel_id: string }>(
		`select channel_id from alert_channels where active and array_position(array['info','warning','critical'], min_severity) <= array_position(array['info','warning','critical'], $1::text)
		and ($2::text[] is null or channel_id = any($2::text[]))`,
		[m.severity, channelIds ?? null]
	);
	await logDecision(tx, m.alertId, r.rows.map((x) => x.channel_id), 'suppressed', new Date(e.occurredAt));
}

export const alertDeliveryReaction: Reaction = {
	name: ALERT_DELIVERY_REACTION,
	types: ALERT_EVENT_TYPES,
	startAt: 'beginning',
	batchSize: 200,
	async handle(tx, events) {
		for (const e of events) {
			if (e.type === 'alert.raised') {
				const data = raised.safeParse(e.data);
				if (!data.success) continue;
				// The rule's name heads the message when the event carries no title of its own.
				const rule = data.data.title ? null : (await tx.query<{ name: unknown }>('select name from alert_rules where rule_id = $1', [data.data.rule])).rows[0];
				const m = alertMessageOf(e, rule ? { ...data.data, title: rule.name as never } : data.data);
				await tx.query(`insert into channel_alerts (alert_id, message) values ($1, $2::jsonb) on conflict (alert_id) do update set message = excluded.message`, [
					m.alertId,
					JSON.stringify({ ...m, channels: data.data.channels ?? null })
				]);
				await queue(tx, e, m, data.data.channels);
			} else if (e.type === 'alert.escalated') {
				const data = escalated.safeParse(e.data);
				if (!data.success) continue;
				const r = await tx.query<{ message: (AlertMessage & { channels: string[] | null }) | string }>('select message from channel_alerts where alert_id = $1', [data.data.alertId]);
				if (!r.rows[0]) continue;
				const { channels, ...m } = typeof r.rows[0].message === 'string' ? JSON.parse(r.rows[0].message) : r.rows[0].message;
				// An escalation is pushed even when the raise fell in quiet hours: nobody has acknowledged it.
				const up: AlertMessage = { ...m, suppress: data.data.suppress || data.data.quiet ? true : undefined, escalationLevel: data.data.level, escalatedTo: data.data.to };
				await queue(tx, e, up, channels ?? undefined);
			}
		}
	}
};
