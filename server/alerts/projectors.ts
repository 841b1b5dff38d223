// Alert rules and alerts as state tables, from their events, inside the append transaction; every
// change of an alert also lands in alert_history. Events of one alert arrive in lifecycle order
// (raised before anything else), and a resolved alert takes no further change.
import type { Queryable } from '../db/db.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { DEFAULT_ALERT_RULES } from './rules.ts';
import type { AlertEscalated, AlertRaised, AlertRule } from './schemas.ts';

const RULE_COLUMNS = `rule_id, kind, name, severity, owner, dedupe_key, params, quiet_hours, escalation, active, version_at, version_id`;
const RULE_RECORD = `x("ruleId" text, kind text, name jsonb, severity text, owner jsonb, "dedupeKey" text, params jsonb, "quietHours" jsonb, escalation jsonb, active boolean, at timestamptz, id uuid)`;

export const alertRuleUpserted: Projector<AlertRule> = {
	type: 'alert_rule.upserted',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.ruleId).map((e) => ({ ...e.data, at: e.occurredAt, id: e.id }));
		await tx.query(
			`insert into alert_rules (${RULE_COLUMNS})
			select "ruleId", kind, name, severity, owner, "dedupeKey", params, "quietHours", escalation, active, at, id from jsonb_to_recordset($1::jsonb) as ${RULE_RECORD}
			on conflict (rule_id) do update set kind = excluded.kind, name = excluded.name, severity = excluded.severity, owner = excluded.owner,
				dedupe_key = excluded.dedupe_key, params = excluded.params, quiet_hours = excluded.quiet_hours, escalation = excluded.escalation,
				active = excluded.active, version_at = excluded.version_at, version_id = excluded.version_id
			where (alert_rules.version_at, alert_rules.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

async function history(tx: Queryable, action: string, events: StoredEvent<{ alertId: string }>[]): Promise<void> {
	const rows = events.map((e) => {
		const { alertId, ...detail } = e.data;
		return { eventId: e.id, alertId, at: e.occurredAt, actor: e.actor ?? null, detail };
	});
	await tx.query(
		`insert into alert_history (event_id, alert_id, action, at, actor, detail)
		select "eventId", "alertId", $2, at, actor, detail from jsonb_to_recordset($1::jsonb) as x("eventId" uuid, "alertId" uuid, at timestamptz, actor text, detail jsonb)
		on conflict (event_id) do nothing`,
		[asJson(rows), action]
	);
}

export const alertRaised: Projector<AlertRaised> = {
	type: 'alert.raised',
	async apply(tx, events) {
		const rows = events.map((e) => ({ ...e.data, ownerKind: e.data.owner?.kind ?? null, ownerId: e.data.owner?.id ?? null, quiet: e.data.quiet ?? false, at: e.occurredAt }));
		await tx.query(
			`insert into alerts (alert_id, rule_id, kind, severity, status, ref, message, link, dedupe_key, owner_kind, owner_id, raised_owner_kind, raised_owner_id, quiet, raised_at)
			select "alertId", rule, kind, severity, 'open', ref, message, link, "dedupeKey", "ownerKind", "ownerId", "ownerKind", "ownerId", quiet, at
			from jsonb_to_recordset($1::jsonb) as x("alertId" uuid, rule text, kind text, severity text, ref jsonb, message jsonb, link text, "dedupeKey" text,
				"ownerKind" text, "ownerId" text, quiet boolean, at timestamptz)
			on conflict (alert_id) do nothing`,
			[asJson(rows)]
		);
		await history(tx, 'raised', events);
	}
};

export const alertEscalated: Projector<AlertEscalated> = {
	type: 'alert.escalated',
	async apply(tx, events) {
		const rows = events.map((e) => ({ alertId: e.data.alertId, role: e.data.to.id, level: e.data.level, at: e.occurredAt }));
		await tx.query(
			`update alerts a set owner_kind = 'role', owner_id = x.role, level = x.level, escalated_at = x.at
			from jsonb_to_recordset($1::jsonb) as x("alertId" uuid, role text, level int, at timestamptz)
			where a.alert_id = x."alertId" and a.status = 'open' and a.level < x.level`,
			[asJson(rows)]
		);
		await history(tx, 'escalated', events);
	}
};

export const alertAcknowledged: Projector<{ alertId: string; comment?: string }> = {
	type: 'alert.acknowledged',
	async apply(tx, events) {
		const rows = events.map((e) => ({ alertId: e.data.alertId, at: e.occurredAt, actor: e.actor ?? null }));
		await tx.query(
			`update alerts a set status = 'acknowledged', acknowledged_at = x.at, acknowledged_by = x.actor
			from jsonb_to_recordset($1::jsonb) as x("alertId" uuid, at timestamptz, actor text)
			where a.alert_id = x."alertId" and a.status = 'open'`,
			[asJson(rows)]
		);
		await history(tx, 'acknowledged', events);
	}
};

export const alertResolved: Projector<{ alertId: string; comment?: string; auto?: boolean }> = {
	type: 'alert.resolved',
	async apply(tx, events) {
		const rows = events.map((e) => ({ alertId: e.data.alertId, at: e.occurredAt, actor: e.actor ?? null, comment: e.data.comment ?? null, auto: e.data.auto ?? false }));
		await tx.query(
			`update alerts a set status = 'resolved', resolved_at = x.at, resolved_by = x.actor, resolution = x.comment, auto_resolved = x.auto
			from jsonb_to_recordset($1::jsonb) as x("alertId" uuid, at timestamptz, actor text, comment text, auto boolean)
			where a.alert_id = x."alertId" and a.status <> 'resolved'`,
			[asJson(rows)]
		);
		await history(tx, 'resolved', events);
	}
};

/** The rules every installation starts with, one per kind; a rule saved in settings is never overwritten. */
export async function ensureDefaultAlertRules(q: Queryable): Promise<void> {
	const rows = DEFAULT_ALERT_RULES.map((r) => ({ ...r, at: '1970-01-01T00:00:00Z', id: '00000000-0000-0000-0000-000000000000' }));
	await q.query(
		`insert into alert_rules (${RULE_COLUMNS})
		select "ruleId", kind, name, severity, owner, "dedupeKey", params, "quietHours", escalation, active, at, id from jsonb_to_recordset($1::jsonb) as ${RULE_RECORD}
		on conflict (rule_id) do nothing`,
		[asJson(rows)]
	);
}

/** Empties the alert tables before a rebuild; the default rules come back at once. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate alert_rules, alerts, alert_history');
	await ensureDefaultAlertRules(tx);
}

// Raised before escalated, acknowledged and resolved: a batch holding several steps of one alert applies them in order.
export const alertProjectors = [alertRuleUpserted, alertRaised, alertEscalated, alertAcknowledged, alertResolved];
