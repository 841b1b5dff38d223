// Alert rules (data an administrator edits in settings) and the alert lifecycle events. Rules and
// alerts are written only through commands and the alerts reaction and job: every type here is
// command-only (the ingest API takes them from admin tokens alone).
//
// What the channels deliver (server/alerts/channels): the data of `alert.raised` or `alert.escalated`
// below, together with the alert's row as `openAlerts` / `listAlerts` answer it (alert.queries.ts:
// AlertView). Field names are a contract:
//   alert.raised    {alertId, rule, kind, severity, ref:{kind,id,lineId?}, message:{"zh-CN","en"}, owner?:{kind,id},
//                    link, dedupeKey, quiet?}
//                   `link` is the record's page path ("/purchasing/orders/PO-1"); `quiet: true` means the
//                   rule's quiet hours held when it was raised: show it in the app, push it to no channel.
//   alert.escalated {alertId, to:{kind:"role",id}, level, quiet?}   level 1 is the first escalation.
//   alert.acknowledged {alertId, comment?}
//   alert.resolved  {alertId, comment?, auto?}   auto: resolved by the rule (its condition no longer holds).
import { z } from 'zod';
import { code, text } from '../events/primitives.ts';
import { coded, pattern } from '../events/issue-codes.ts';
import { ROLES } from '../auth/roles.ts';

export const ALERT_KINDS = ['shortage', 'po_late', 'line_at_risk', 'capacity_overload', 'work_center_down', 'kpi_threshold'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const KPI_WINDOWS = ['today', '7d', '30d', 'mtd'] as const;

/** Who an alert is for: everyone with a role, everyone in a department, or one user (by username). */
export const ownerSchema = z.strictObject({ kind: z.enum(['role', 'department', 'user']), id: code }).superRefine((o, ctx) => {
	if (o.kind === 'role' && !(ROLES as readonly string[]).includes(o.id)) {
		ctx.addIssue({ code: 'custom', path: ['id'], message: `must be one of ${ROLES.join(', ')}`, params: coded('ERR_INVALID_OPTION', { options: ROLES.join(', ') }) });
	}
});
export type Owner = z.infer<typeof ownerSchema>;

const hhmm = z.string().regex(pattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'ERR_INVALID_TIME'), 'must be HH:MM');
const whole = (min: number, max: number) =>
	z.number({ message: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** Placeholders a dedupe key pattern may use; the key is the pattern with them filled in from the alert. */
export const DEDUPE_PLACEHOLDERS = ['rule', 'kind', 'id', 'lineId'] as const;
export const DEFAULT_DEDUPE_KEY = '{rule}:{kind}:{id}:{lineId}';

const dedupeKey = text(200).superRefine((s, ctx) => {
	for (const [, name] of s.matchAll(/\{([^}]*)\}/g)) {
		if (!(DEDUPE_PLACEHOLDERS as readonly string[]).includes(name)) {
			const allowed = DEDUPE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
			ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}: use ${allowed}`, params: coded('ERR_ALERT_PLACEHOLDER', { name: `{${name}}`, allowed }) });
		}
	}
});

/** What each kind of rule looks at; every threshold is a rule parameter, not code. */
export const ruleParams = {
	/** Planning's shortage and past-due exceptions whose need date is within `withinDays` from today. */
	shortage: z.strictObject({ withinDays: whole(0, 365), includePastDue: z.boolean() }),
	/** Open purchase order lines `graceDays` past their expected date, and lines the supplier delayed. */
	po_late: z.strictObject({ graceDays: whole(0, 90), includeDelayed: z.boolean() }),
	/** Sales order lines the plan expects to be at least `minDaysLate` days late. */
	line_at_risk: z.strictObject({ minDaysLate: whole(1, 365) }),
	/** A work centre whose booked load on some day of the next `horizonDays` is above `thresholdPct` of its shift minutes. */
	capacity_overload: z.strictObject({ thresholdPct: whole(1, 1000), horizonDays: whole(1, 90) }),
	/** A work centre in one of these statuses. */
	work_center_down: z.strictObject({ statuses: z.array(z.enum(['down', 'maintenance'])).min(1).max(2) }),
	/** A KPI over a window whose status is `status` or worse (warn includes bad). */
	kpi_threshold: z.strictObject({ kpi: code, window: z.enum(KPI_WINDOWS), status: z.enum(['warn', 'bad']) })
} satisfies Record<AlertKind, z.ZodType>;

export type RuleParams<K extends AlertKind> = z.infer<(typeof ruleParams)[K]>;

const ruleBase = {
	ruleId: code,
	name: z.strictObject({ 'zh-CN': text(100), en: text(100) }),
	severity: z.enum(SEVERITIES),
	owner: ownerSchema,
	dedupeKey,
	/** In the factory's time zone; may wrap midnight (22:00–07:00). Alerts are raised, never pushed, in them. */
	quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
	/** Unacknowledged for `afterMinutes` (since raised or last escalated): the alert goes to the next role of `chain`. */
	escalation: z.strictObject({ afterMinutes: whole(1, 10_080), chain: z.array(z.enum(ROLES)).min(1).max(5) }).nullable(),
	active: z.boolean()
};

export const alertRuleSchema = z.discriminatedUnion(
	'kind',
	ALERT_KINDS.map((kind) => z.strictObject({ ...ruleBase, kind: z.literal(kind), params: ruleParams[kind] })) as unknown as [
		z.ZodObject<typeof ruleBase & { kind: z.ZodLiteral<AlertKind>; params: z.ZodType }>
	]
);

export type AlertRule = {
	[K in AlertKind]: { ruleId: string; kind: K; name: { 'zh-CN': string; en: string }; severity: Severity; owner: Owner; dedupeKey: string; quietHours: { start: string; end: string } | null; escalation: { afterMinutes: number; chain: (typeof ROLES)[number][] } | null; active: boolean; params: RuleParams<K> };
}[AlertKind];

/** What an alert is about: the record its link opens. */
export const refSchema = z.strictObject({ kind: code, id: code, lineId: code.optional() });
export type AlertRef = z.infer<typeof refSchema>;

export const localized = z.strictObject({ 'zh-CN': text(1000), en: text(1000) });

export const alertRaisedSchema = z.strictObject({
	alertId: z.uuid(),
	rule: code,
	kind: z.enum(ALERT_KINDS),
	severity: z.enum(SEVERITIES),
	ref: refSchema,
	message: localized,
	owner: z.strictObject({ kind: z.enum(['role', 'department', 'user']), id: code }).optional(),
	link: text(500),
	dedupeKey: text(300),
	quiet: z.literal(true).optional()
});
export type AlertRaised = z.infer<typeof alertRaisedSchema>;

export const alertAcknowledgedSchema = z.strictObject({ alertId: z.uuid(), comment: text(1000).optional() });
export const alertEscalatedSchema = z.strictObject({
	alertId: z.uuid(),
	to: z.strictObject({ kind: z.literal('role'), id: z.enum(ROLES) }),
	level: z.number().int().min(1).max(10),
	quiet: z.literal(true).optional()
});
export type AlertEscalated = z.infer<typeof alertEscalatedSchema>;
export const alertResolvedSchema = z.strictObject({ alertId: z.uuid(), comment: text(1000).optional(), auto: z.boolean().optional() });

export const alertEventTypes = [
	{
		type: 'alert_rule.upserted',
		commandOnly: true,
		schema: alertRuleSchema,
		description: 'An alert rule was created or changed: kind and its parameters, severity, owner, dedupe key, quiet hours, escalation, active.'
	},
	{
		type: 'alert.raised',
		commandOnly: true,
		schema: alertRaisedSchema,
		description: 'A rule raised an alert about a record: severity, owner, message in zh-CN and en, the record page and the dedupe key (one open alert per key).'
	},
	{ type: 'alert.escalated', commandOnly: true, schema: alertEscalatedSchema, description: 'An alert left unacknowledged went to the next role of its rule.' },
	{ type: 'alert.acknowledged', commandOnly: true, schema: alertAcknowledgedSchema, description: 'Someone took an alert on, with an optional comment.' },
	{ type: 'alert.resolved', commandOnly: true, schema: alertResolvedSchema, description: 'An alert was resolved: by a person with a comment, or by its rule (auto) once its condition no longer held.' }
];
