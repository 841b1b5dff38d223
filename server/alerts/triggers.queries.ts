// What each kind of rule finds in the current state: the reads behind the triggers. Each answers the
// complete set for its rule (the rules resolve alerts whose trigger is gone), never a change list.
import type { Queryable } from '../db/db.ts';
import { listExceptions } from '../planning/plan.queries.ts';
import { addDays, dayNumber } from '../shared/factory-date.ts';
import { firstOverload } from './capacity-load.ts';
import { dailyLoad } from '../planning/capacity.ts';
import { bookedLoad, loadWorkCenters } from '../planning/promise.queries.ts';
import { atRiskMessage, downMessage, kpiMessage, overloadMessage, poLateMessage, shortageMessage } from './messages.ts';
import type { Trigger } from './rules.ts';
import type { AlertRule, RuleParams } from './schemas.ts';

/**
 * Reads a KPI over a window in the factory's time zone: its value and its status against the KPI's
 * thresholds. The runtime passes the KPI capability's reader in; alerts never read KPI tables.
 */
export type KpiReader = (q: Queryable, kpi: string, window: string) => Promise<{ value: number | null; status?: 'ok' | 'warn' | 'bad' | null }>;

export interface TriggerContext {
	/** The factory's date today. */
	today: string;
	kpi?: KpiReader;
}

export async function triggersOf(q: Queryable, rule: AlertRule, ctx: TriggerContext): Promise<Trigger[] | null> {
	switch (rule.kind) {
		case 'shortage':
			return shortages(q, rule.params, ctx.today);
		case 'po_late':
			return lateLines(q, rule.params, ctx.today);
		case 'line_at_risk':
			return linesAtRisk(q, rule.params);
		case 'capacity_overload':
			return overloads(q, rule.params, ctx.today);
		case 'work_center_down':
			return centresDown(q, rule.params);
		case 'kpi_threshold':
			// Without a reader the rule cannot tell: it keeps what it has (null), rather than resolving.
			return ctx.kpi ? kpiPast(q, rule.params, ctx.kpi) : null;
	}
}

async function shortages(q: Queryable, p: RuleParams<'shortage'>, today: string): Promise<Trigger[]> {
	const { exceptions } = await listExceptions(q, 'en');
	const until = addDays(today, p.withinDays);
	return exceptions
		.filter((e) => (e.kind === 'shortage' && (!e.date || e.date <= until)) || (e.kind === 'past_due' && p.includePastDue))
		.map((e) => {
			// An existing order past due is about that order; a shortage or a planned order, about the item.
			const ref = e.ref && e.ref.kind !== 'planned_order' ? e.ref : { kind: 'item', id: e.itemId };
			const { id: _id, message: _m, ...facts } = e;
			return { ref, message: shortageMessage(facts) };
		});
}

async function lateLines(q: Queryable, p: RuleParams<'po_late'>, today: string): Promise<Trigger[]> {
	const r = await q.query<{ po_id: string; line_id: string; item_id: string | null; expected: string; open: number; delay_reason: string | null }>(
		`select l.po_id, l.line_id, l.item_id, to_char(l.expected_date, 'YYYY-MM-DD') as expected, (l.qty - l.received_qty)::float8 as open, l.delay_reason
		from purchase_order_lines l
		where l.received_qty < l.qty and l.expected_date is not null
			and (l.expected_date < $1::date - $2::int ${p.includeDelayed ? 'or l.delay_reason is not null' : ''})
		order by l.po_id, l.line_id`,
		[today, p.graceDays]
	);
	return r.rows.map((l) => {
		const daysLate = Math.max(0, dayNumber(today) - dayNumber(l.expected));
		return {
			ref: { kind: 'purchase_order', id: l.po_id, lineId: l.line_id },
			message: poLateMessage({ poId: l.po_id, lineId: l.line_id, itemId: l.item_id, expectedDate: l.expected, daysLate, open: l.open, delayReason: l.delay_reason })
		};
	});
}

async function linesAtRisk(q: Queryable, p: RuleParams<'line_at_risk'>): Promise<Trigger[]> {
	const r = await q.query<{ order_id: string; line_id: string; due: string; expected: string; days_late: number }>(
		`select order_id, line_id, to_char(due_date, 'YYYY-MM-DD') as due, to_char(expected_date, 'YYYY-MM-DD') as expected, days_late
		from sales_order_line_risks where days_late >= $1 order by order_id, line_id`,
		[p.minDaysLate]
	);
	return r.rows.map((l) => ({
		ref: { kind: 'sales_order', id: l.order_id, lineId: l.line_id },
		message: atRiskMessage({ orderId: l.order_id, lineId: l.line_id, dueDate: l.due, expectedDate: l.expected, daysLate: l.days_late })
	}));
}

async function centresDown(q: Queryable, p: RuleParams<'work_center_down'>): Promise<Trigger[]> {
	const r = await q.query<{ id: string; name: string; status: string; reason: string | null }>(
		`select work_center_id as id, name, status, status_reason as reason from work_centers where status = any($1::text[]) order by work_center_id`,
		[p.statuses]
	);
	return r.rows.map((w) => ({ ref: { kind: 'work_center', id: w.id }, message: downMessage({ workCenterId: w.id, name: w.name, status: w.status, reason: w.reason }) }));
}

async function overloads(q: Queryable, p: RuleParams<'capacity_overload'>, today: string): Promise<Trigger[]> {
	const ids = (await q.query<{ id: string }>(`select distinct p.work_center_id as id from production_operations p join production_orders o on o.production_order_id = p.production_order_id where o.status in ('created', 'released', 'in_progress') and p.status <> 'done'`)).rows.map((r) => r.id);
	if (!ids.length) return [];
	const [centres, loads] = await Promise.all([loadWorkCenters(q, ids), bookedLoad(q, ids)]);
	const names = new Map((await q.query<{ id: string; name: string }>(`select work_center_id as id, name from work_centers where work_center_id = any($1::text[])`, [ids])).rows.map((r) => [r.id, r.name]));
	const out: Trigger[] = [];
	for (const w of [...centres].sort((x, y) => x.workCenterId.localeCompare(y.workCenterId))) {
		const days = dailyLoad(w.calendar, loads.filter((l) => l.workCenterId === w.workCenterId), today, p.horizonDays);
		const over = firstOverload(days, p.thresholdPct);
		if (over) out.push({ ref: { kind: 'work_center', id: w.workCenterId }, message: overloadMessage({ workCenterId: w.workCenterId, name: names.get(w.workCenterId) ?? w.workCenterId, date: over.date, pct: over.pct, thresholdPct: p.thresholdPct }) });
	}
	return out;
}

const WORSE: Record<string, number> = { ok: 0, warn: 1, bad: 2 };

async function kpiPast(q: Queryable, p: RuleParams<'kpi_threshold'>, read: KpiReader): Promise<Trigger[]> {
	const v = await read(q, p.kpi, p.window);
	if (!v.status || WORSE[v.status] < WORSE[p.status]) return [];
	return [{ ref: { kind: 'kpi', id: p.kpi }, message: kpiMessage({ kpi: p.kpi, window: p.window, value: v.value, status: v.status }) }];
}
