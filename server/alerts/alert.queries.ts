// Reads of alerts and alert rules, for the API, the pages, the bell, the live topic and the rules
// themselves. Pure reads: nothing here writes.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { OpenAlert } from './rules.ts';
import { ALERT_STATUSES, SEVERITIES, type AlertRef, type AlertRule, type AlertStatus, type Owner, type Severity } from './schemas.ts';

/** An alert as GET /api/alerts answers it (CONTRACTS.md) plus what the pages and channels show. */
export interface AlertView {
	id: string;
	rule: string;
	kind: string;
	severity: Severity;
	status: AlertStatus;
	ref: AlertRef;
	/** In English; `messages` has both languages. */
	message: string;
	messages: { 'zh-CN': string; en: string };
	raisedAt: string;
	owner?: Owner;
	/** The owner when raised (escalation moves `owner` on; both may act on it). */
	raisedOwner?: Owner;
	link: string;
	dedupeKey: string;
	level: number;
	quiet: boolean;
	acknowledgedAt: string | null;
	acknowledgedBy: string | null;
	resolvedAt: string | null;
	resolvedBy: string | null;
	resolution: string | null;
	autoResolved: boolean;
}

/** Someone whose alerts "mine" means: by role, department or username. */
export interface Person {
	username: string;
	roles: readonly string[];
	department?: string | null;
}

export const alertsQuery = z.strictObject({
	status: z.enum(ALERT_STATUSES).optional(),
	severity: z.enum(SEVERITIES).optional(),
	/** "1": only the alerts the reader owns. */
	mine: z.enum(['1']).optional()
});
export type AlertsQuery = z.infer<typeof alertsQuery>;

interface Row {
	alert_id: string;
	rule_id: string;
	kind: string;
	severity: Severity;
	status: AlertStatus;
	ref: AlertRef;
	message: { 'zh-CN': string; en: string };
	link: string;
	dedupe_key: string;
	owner_kind: Owner['kind'] | null;
	owner_id: string | null;
	raised_owner_kind: Owner['kind'] | null;
	raised_owner_id: string | null;
	level: number;
	quiet: boolean;
	raised_at: Date | string;
	acknowledged_at: Date | string | null;
	acknowledged_by: string | null;
	resolved_at: Date | string | null;
	resolved_by: string | null;
	resolution: string | null;
	auto_resolved: boolean;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(r: Row): AlertView {
	return {
		id: r.alert_id,
		rule: r.rule_id,
		kind: r.kind,
		severity: r.severity,
		status: r.status,
		ref: r.ref,
		message: r.message.en,
		messages: r.message,
		raisedAt: iso(r.raised_at)!,
		...(r.owner_kind && r.owner_id ? { owner: { kind: r.owner_kind, id: r.owner_id } } : {}),
		...(r.raised_owner_kind && r.raised_owner_id ? { raisedOwner: { kind: r.raised_owner_kind, id: r.raised_owner_id } } : {}),
		link: r.link,
		dedupeKey: r.dedupe_key,
		level: r.level,
		quiet: r.quiet,
		acknowledgedAt: iso(r.acknowledged_at),
		acknowledgedBy: r.acknowledged_by,
		resolvedAt: iso(r.resolved_at),
		resolvedBy: r.resolved_by,
		resolution: r.resolution,
		autoResolved: r.auto_resolved
	};
}

/** SQL that holds when the alert's current owner is to the person; pushes its parameters. */
function ownedBy(p: Person, params: unknown[]): string {
	const roles = `$${params.push([...p.roles])}::text[]`;
	const dept = `$${params.push(p.department ?? null)}::text`;
	const user = `$${params.push(p.username)}::text`;
	return `((owner_kind = 'role' and owner_id = any(${roles})) or (owner_kind = 'department' and owner_id = ${dept}) or (owner_kind = 'user' and owner_id = ${user}))`;
}

const LIMIT = 500;

/** Alerts newest first (at most 500), by status and severity; `mine` with the reader narrows to theirs. */
export async function listAlerts(q: Queryable, query: AlertsQuery = {}, reader?: Person): Promise<AlertView[]> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.status) where.push(`status = $${params.push(query.status)}`);
	if (query.severity) where.push(`severity = $${params.push(query.severity)}`);
	if (query.mine && reader) where.push(ownedBy(reader, params));
	const r = await q.query<Row>(
		`select * from alerts ${where.length ? 'where ' + where.join(' and ') : ''} order by raised_at desc, alert_id limit ${LIMIT}`,
		params
	);
	return r.rows.map(view);
}

/**
 * The alerts still open (not acknowledged, not resolved), most severe and oldest first; with `owner`,
 * only that person's. What the bell counts and the live topic `alerts:open` carries.
 */
export async function openAlerts(q: Queryable, opts: { owner?: Person; limit?: number } = {}): Promise<AlertView[]> {
	const params: unknown[] = [];
	const mine = opts.owner ? `and ${ownedBy(opts.owner, params)}` : '';
	const r = await q.query<Row>(
		`select * from alerts where status = 'open' ${mine}
		order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, raised_at, alert_id limit ${Math.min(LIMIT, Math.max(0, Math.floor(opts.limit ?? LIMIT)))}`,
		params
	);
	return r.rows.map(view);
}

/** How many open alerts a person owns (the bell). */
export async function countOpenAlerts(q: Queryable, owner: Person): Promise<number> {
	const params: unknown[] = [];
	const r = await q.query<{ n: number }>(`select count(*)::int as n from alerts where status = 'open' and ${ownedBy(owner, params)}`, params);
	return r.rows[0].n;
}

/** The live topic of open alerts: its name, and its value (a pure read). */
export const ALERTS_OPEN_TOPIC = 'alerts:open';
/**
 * How many open alerts the topic carries, most severe first: a wall's ticker shows 30, and every update
 * goes to every screen (all of a plant's 300 open alerts were 290 KB an update). `count` and
 * `bySeverity` are of all of them.
 */
export const ALERTS_OPEN_TOPIC_ALERTS = 50;
export async function alertsOpenValue(q: Queryable, limit = ALERTS_OPEN_TOPIC_ALERTS): Promise<{ count: number; bySeverity: Record<Severity, number>; alerts: AlertView[] }> {
	const alerts = await openAlerts(q, { limit });
	const bySeverity: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
	const counts = await q.query<{ severity: Severity; n: number }>(`select severity, count(*)::int as n from alerts where status = 'open' group by severity`);
	for (const r of counts.rows) bySeverity[r.severity] = r.n;
	return { count: Object.values(bySeverity).reduce((s, n) => s + n, 0), bySeverity, alerts };
}

export interface AlertRecord {
	alert: AlertView;
	history: { action: string; at: string; actor: string | null; detail: Record<string, unknown> }[];
}

export async function getAlert(q: Queryable, alertId: string): Promise<AlertRecord | null> {
	if (!z.uuid().safeParse(alertId).success) return null;
	const r = await q.query<Row>('select * from alerts where alert_id = $1', [alertId]);
	const row = r.rows[0];
	if (!row) return null;
	const h = await q.query<{ action: string; at: Date | string; actor: string | null; detail: Record<string, unknown> }>(
		'select action, at, actor, detail from alert_history where alert_id = $1 order by at, event_id',
		[alertId]
	);
	return {
		alert: view(row),
		history: h.rows.map((x) => ({ action: x.action, at: iso(x.at)!, actor: x.actor, detail: x.detail }))
	};
}

/** Open and acknowledged alerts as the rules see them (one per rule and key). */
export async function unresolvedAlerts(q: Queryable, ruleIds?: readonly string[]): Promise<OpenAlert[]> {
	const r = await q.query<{ alert_id: string; rule_id: string; dedupe_key: string; status: 'open' | 'acknowledged'; level: number; owner_kind: string | null; owner_id: string | null; since: Date | string }>(
		`select alert_id, rule_id, dedupe_key, status, level, owner_kind, owner_id, coalesce(escalated_at, raised_at) as since
		from alerts where status <> 'resolved' ${ruleIds ? 'and rule_id = any($1::text[])' : ''} order by raised_at, alert_id`,
		ruleIds ? [ruleIds] : []
	);
	return r.rows.map((a) => ({ alertId: a.alert_id, ruleId: a.rule_id, dedupeKey: a.dedupe_key, status: a.status, level: a.level, ownerKind: a.owner_kind, ownerId: a.owner_id, since: new Date(a.since) }));
}

export async function listAlertRules(q: Queryable): Promise<AlertRule[]> {
	const r = await q.query<AlertRule>(
		`select rule_id as "ruleId", kind, name, severity, owner, dedupe_key as "dedupeKey", params, quiet_hours as "quietHours", escalation, active
		from alert_rules order by kind, rule_id`
	);
	return r.rows;
}

export async function getAlertRule(q: Queryable, ruleId: string): Promise<AlertRule | null> {
	return (await listAlertRules(q)).find((r) => r.ruleId === ruleId) ?? null;
}
