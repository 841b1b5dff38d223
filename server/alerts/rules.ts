// The pure core of alerting: given a rule, what holds now (its triggers) and the rule's open alerts,
// decide which alerts to raise and which to resolve; when an unacknowledged alert escalates and to
// whom; whether quiet hours hold. No IO and no clock: `now` and the time zone are arguments.
import { ROLES, type Role } from '../auth/roles.ts';
import { DEFAULT_DEDUPE_KEY, type AlertKind, type AlertRef, type AlertRule, type Owner } from './schemas.ts';

/** Something a rule found that deserves an alert, worded in both languages. */
export interface Trigger {
	ref: AlertRef;
	message: { 'zh-CN': string; en: string };
}

/** An alert not resolved yet, as the rules see it. */
export interface OpenAlert {
	alertId: string;
	ruleId: string;
	dedupeKey: string;
	status: 'open' | 'acknowledged';
	level: number;
	ownerKind: string | null;
	ownerId: string | null;
	/** When it was raised, or last escalated: the escalation clock starts there. */
	since: Date;
}

export type Decision =
	| { type: 'alert.raised'; data: Record<string, unknown> }
	| { type: 'alert.resolved'; data: { alertId: string; auto: true; comment?: string } }
	| { type: 'alert.escalated'; data: { alertId: string; to: { kind: 'role'; id: Role }; level: number; quiet?: true } };

/** The key that allows one open alert per rule and record: the rule's pattern filled in from the alert. */
export function dedupeKeyOf(pattern: string, ruleId: string, ref: AlertRef): string {
	const values: Record<string, string> = { rule: ruleId, kind: ref.kind, id: ref.id, lineId: ref.lineId ?? '' };
	return (pattern || DEFAULT_DEDUPE_KEY).replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

/** The page of the record an alert is about. */
export function linkOf(ref: AlertRef): string {
	const id = encodeURIComponent(ref.id);
	switch (ref.kind) {
		case 'purchase_order':
			return `/purchasing/orders/${id}`;
		case 'sales_order':
		case 'sales_order_line':
			return `/sales/${id}`;
		case 'production_order':
			return `/production/orders/${id}`;
		case 'work_center':
			return `/production/work-centers#wc-${id}`;
		case 'item':
			return `/items/${id}`;
		case 'requisition':
			return `/purchasing/requisitions/${id}`;
		case 'kpi':
			return `/standup#kpi-${id}`;
		default:
			return '/alerts';
	}
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since midnight of `now` in the factory's time zone. */
export function localMinutes(now: Date, timeZone: string): number {
	let f = clockFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
		clockFormatters.set(timeZone, f);
	}
	const parts = f.formatToParts(now);
	const part = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
	return part('hour') * 60 + part('minute');
}

/** Quiet hours hold at `now`: start inclusive, end exclusive; a span past midnight (22:00–07:00) wraps. */
export function inQuietHours(quiet: { start: string; end: string } | null, now: Date, timeZone: string): boolean {
	if (!quiet) return false;
	const m = localMinutes(now, timeZone);
	const start = minutesOf(quiet.start);
	const end = minutesOf(quiet.end);
	if (start === end) return false;
	return start < end ? m >= start && m < end : m >= start || m < end;
}

/**
 * Raises an alert for each trigger whose key has no open alert (and no earlier trigger of this pass),
 * and resolves, as done by the rule, each open alert whose key no trigger has any more. An inactive
 * rule finds nothing: its open alerts are resolved.
 */
export function reconcile(
	rule: AlertRule,
	triggers: readonly Trigger[],
	open: readonly OpenAlert[],
	ctx: { now: Date; timeZone: string; newId: () => string }
): Decision[] {
	const out: Decision[] = [];
	const mine = open.filter((a) => a.ruleId === rule.ruleId);
	const openKeys = new Set(mine.map((a) => a.dedupeKey));
	const found = new Set<string>();
	const quiet = inQuietHours(rule.quietHours, ctx.now, ctx.timeZone);
	for (const t of rule.active ? triggers : []) {
		const key = dedupeKeyOf(rule.dedupeKey, rule.ruleId, t.ref);
		if (found.has(key)) continue;
		found.add(key);
		if (openKeys.has(key)) continue;
		out.push({
			type: 'alert.raised',
			data: {
				alertId: ctx.newId(),
				rule: rule.ruleId,
				kind: rule.kind,
				severity: rule.severity,
				ref: t.ref,
				message: t.message,
				owner: rule.owner,
				link: linkOf(t.ref),
				dedupeKey: key,
				...(quiet ? { quiet: true as const } : {})
			}
		});
	}
	for (const a of mine) if (!found.has(a.dedupeKey)) out.push({ type: 'alert.resolved', data: { alertId: a.alertId, auto: true } });
	return out;
}

/**
 * The next role for an unacknowledged alert of `rule`, or null: level n goes to the chain's n-th role
 * (skipping roles that would not change the owner), once the rule's minutes have passed since it was
 * raised or last escalated.
 */
export function escalation(rule: AlertRule, alert: OpenAlert, now: Date, timeZone: string): Decision | null {
	if (!rule.escalation || alert.status !== 'open') return null;
	if (now.getTime() - alert.since.getTime() < rule.escalation.afterMinutes * 60_000) return null;
	const chain = rule.escalation.chain;
	let level = alert.level;
	while (level < chain.length && alert.ownerKind === 'role' && alert.ownerId === chain[level]) level++;
	if (level >= chain.length) return null;
	const quiet = inQuietHours(rule.quietHours, now, timeZone);
	return { type: 'alert.escalated', data: { alertId: alert.alertId, to: { kind: 'role', id: chain[level] }, level: level + 1, ...(quiet ? { quiet: true as const } : {}) } };
}

/** Whether someone owns an alert: its role, their department, or them by username. */
export function owns(person: { username?: string | null; roles: readonly string[]; department?: string | null }, owner: Owner | null): boolean {
	if (!owner) return false;
	switch (owner.kind) {
		case 'role':
			return person.roles.includes(owner.id);
		case 'department':
			return !!person.department && person.department === owner.id;
		case 'user':
			return !!person.username && person.username === owner.id;
	}
}

const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const chainAfter = (role: Role): Role[] => (role === 'manager' ? ['admin'] : ['manager', 'admin']).filter((r) => (ROLES as readonly string[]).includes(r)) as Role[];

/** One rule per kind, sensible as they come; administrators change them in settings. */
export const DEFAULT_ALERT_RULES: AlertRule[] = [
	{
		ruleId: 'shortage',
		kind: 'shortage',
		name: name('缺料（需求日前）', 'Shortage before the need date'),
		severity: 'critical',
		owner: { kind: 'role', id: 'planner' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: null,
		escalation: { afterMinutes: 60, chain: chainAfter('planner') },
		active: true,
		params: { withinDays: 14, includePastDue: true }
	},
	{
		ruleId: 'po-late',
		kind: 'po_late',
		name: name('采购单逾期或供应商延期', 'Purchase order late or delayed by the supplier'),
		severity: 'warning',
		owner: { kind: 'role', id: 'purchasing' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: { start: '22:00', end: '07:00' },
		escalation: { afterMinutes: 240, chain: chainAfter('purchasing') },
		active: true,
		params: { graceDays: 0, includeDelayed: true }
	},
	{
		ruleId: 'line-at-risk',
		kind: 'line_at_risk',
		name: name('销售订单行可能延误', 'Sales order line at risk'),
		severity: 'warning',
		owner: { kind: 'role', id: 'sales' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: { start: '22:00', end: '07:00' },
		escalation: { afterMinutes: 120, chain: chainAfter('sales') },
		active: true,
		params: { minDaysLate: 1 }
	},
	{
		ruleId: 'capacity-overload',
		kind: 'capacity_overload',
		name: name('工作中心超负荷', 'Work centre overloaded'),
		severity: 'warning',
		owner: { kind: 'role', id: 'production' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: { start: '22:00', end: '07:00' },
		escalation: { afterMinutes: 240, chain: chainAfter('production') },
		active: true,
		params: { thresholdPct: 100, horizonDays: 7 }
	},
	{
		ruleId: 'work-center-down',
		kind: 'work_center_down',
		name: name('工作中心停机', 'Work centre down'),
		severity: 'critical',
		owner: { kind: 'role', id: 'production' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: null,
		escalation: { afterMinutes: 30, chain: chainAfter('production') },
		active: true,
		params: { statuses: ['down', 'maintenance'] }
	},
	{
		ruleId: 'kpi-otd',
		kind: 'kpi_threshold',
		name: name('准时交付率低于目标', 'On-time delivery below target'),
		severity: 'warning',
		owner: { kind: 'role', id: 'manager' },
		dedupeKey: DEFAULT_DEDUPE_KEY,
		quietHours: { start: '22:00', end: '07:00' },
		escalation: null,
		active: true,
		params: { kpi: 'otd', window: '7d', status: 'bad' }
	}
];

/** Which kinds a committed event type may change the answer of (the alerts reaction re-evaluates them). */
export const KINDS_BY_EVENT: Record<string, readonly AlertKind[]> = {
	'plan.generated': ['shortage'],
	'purchase_order.placed': ['po_late'],
	'purchase_order.confirmed': ['po_late'],
	'purchase_order.delayed': ['po_late'],
	'goods.received': ['po_late'],
	'sales_order_line.at_risk': ['line_at_risk'],
	'sales_order_line.risk_cleared': ['line_at_risk'],
	'work_center.status_changed': ['work_center_down', 'capacity_overload'],
	'work_center.upserted': ['capacity_overload'],
	'production_order.created': ['capacity_overload'],
	'production_order.released': ['capacity_overload'],
	'production_order.cancelled': ['capacity_overload'],
	'production_order.rescheduled': ['capacity_overload'],
	'production_order.completed': ['capacity_overload'],
	'operation.started': ['capacity_overload'],
	'production.reported': ['capacity_overload']
};

/** Kinds a timed run evaluates: time alone changes their answer (dates pass, windows move), or nothing else tells. */
export const TIMED_KINDS: readonly AlertKind[] = ['shortage', 'po_late', 'capacity_overload', 'kpi_threshold'];
