// Raising, auto-resolving and escalating alerts: the durable reaction on the source events (exactly
// once across nodes: it follows the event log by its cursor, and the alert events it answers are
// appended in the transaction that moves the cursor), and the timed job for what time alone changes
// (a purchase order line passing its expected date, a shortage coming within its window, escalation
// after N minutes, KPIs). Both decide with the pure rules (rules.ts) over the state as it is now, so
// running either twice raises nothing twice: an open alert per rule and key stops a second raise.
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/db.ts';
import type { ValidEvent } from '../events/envelope.ts';
import type { EventLog } from '../events/append.ts';
import type { Reaction } from '../jobs/consumer.ts';
import type { Job } from '../jobs/scheduler.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { listAlertRules, unresolvedAlerts } from './alert.queries.ts';
import { escalation, KINDS_BY_EVENT, reconcile, TIMED_KINDS, type Decision } from './rules.ts';
import { alertEscalatedSchema, alertRaisedSchema, alertResolvedSchema, type AlertRule } from './schemas.ts';
import { triggersOf, type KpiReader } from './triggers.queries.ts';

export interface AlertDeps {
	clock: Clock;
	timeZone: string;
	/** The KPI capability's reader; without one, KPI rules wait (they neither raise nor resolve). */
	kpi?: KpiReader;
}

const SCHEMAS = { 'alert.raised': alertRaisedSchema, 'alert.resolved': alertResolvedSchema, 'alert.escalated': alertEscalatedSchema };

/** A name-based id: the same escalation step of an alert is one event, however often it is decided. */
function stableId(key: string): string {
	const h = createHash('sha256').update(key).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function envelopes(decisions: Decision[], now: Date): ValidEvent[] {
	return decisions.map((d) => ({
		id: d.type === 'alert.escalated' ? stableId(`${d.data.alertId}:escalated:${d.data.level}`) : randomUUID(),
		type: d.type,
		occurredAt: now.toISOString(),
		source: 'alerts',
		actor: 'system',
		data: SCHEMAS[d.type].parse(d.data) as Record<string, unknown>
	}));
}

/** Raises and resolves the alerts of `rules` against the state `q` sees now. */
export async function evaluateRules(q: Queryable, rules: readonly AlertRule[], deps: AlertDeps, now: Date): Promise<Decision[]> {
	if (!rules.length) return [];
	const open = await unresolvedAlerts(q, rules.map((r) => r.ruleId));
	const today = factoryDate(now, deps.timeZone);
	const out: Decision[] = [];
	for (const rule of rules) {
		const triggers = rule.active ? await triggersOf(q, rule, { today, kpi: deps.kpi }) : [];
		if (triggers === null) continue;
		out.push(...reconcile(rule, triggers, open, { now, timeZone: deps.timeZone, newId: randomUUID }));
	}
	return out;
}

/** Escalations due now: unacknowledged alerts of rules with an escalation whose minutes have passed. */
export async function dueEscalations(q: Queryable, rules: readonly AlertRule[], deps: AlertDeps, now: Date): Promise<Decision[]> {
	const byId = new Map(rules.filter((r) => r.escalation && r.active).map((r) => [r.ruleId, r]));
	if (!byId.size) return [];
	const out: Decision[] = [];
	for (const a of await unresolvedAlerts(q, [...byId.keys()])) {
		const d = escalation(byId.get(a.ruleId)!, a, now, deps.timeZone);
		if (d) out.push(d);
	}
	return out;
}

export const ALERTS_REACTION = 'alerts.raise';

/** The reaction on the events that change what a rule finds; a saved rule is evaluated at once. */
export function alertsReaction(deps: AlertDeps): Reaction {
	return {
		name: ALERTS_REACTION,
		types: [...Object.keys(KINDS_BY_EVENT), 'alert_rule.upserted'],
		// The timed job evaluates every rule over the state as it is; history before the first start asks nothing more.
		startAt: 'end',
		async handle(tx, events) {
			const kinds = new Set(events.flatMap((e) => KINDS_BY_EVENT[e.type] ?? []));
			const saved = new Set(events.filter((e) => e.type === 'alert_rule.upserted').map((e) => String(e.data.ruleId)));
			const rules = (await listAlertRules(tx)).filter((r) => kinds.has(r.kind) || saved.has(r.ruleId));
			const now = deps.clock.now();
			return envelopes(await evaluateRules(tx, rules, deps, now), now);
		}
	};
}

export const ALERTS_JOB = 'alerts.evaluate';

/** Every minute: the time-driven rules, then escalations. Safe to run twice (see the module comment). */
export function alertsJob(events: EventLog, deps: AlertDeps): Job {
	return {
		name: ALERTS_JOB,
		schedule: '* * * * *',
		async run({ now }) {
			const out = await events.transact(async (tx) => {
				const rules = await listAlertRules(tx);
				const decided = await evaluateRules(tx, rules.filter((r) => TIMED_KINDS.includes(r.kind) || !r.active), deps, now);
				// An alert resolved by this run escalates no more.
				const resolved = new Set(decided.filter((d) => d.type === 'alert.resolved').map((d) => d.data.alertId));
				const escalations = (await dueEscalations(tx, rules, deps, now)).filter((d) => !resolved.has(String(d.data.alertId)));
				return { events: envelopes([...decided, ...escalations], now), result: null };
			});
			const count = (type: string) => out.events.filter((e) => e.type === type).length;
			return { raised: count('alert.raised'), resolved: count('alert.resolved'), escalated: count('alert.escalated') };
		}
	};
}
