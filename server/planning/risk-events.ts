// After each plan run: which open sales order lines are newly at risk, still at risk with a different
// outlook, or recovered — as `sales_order_line.at_risk` / `sales_order_line.risk_cleared` events, so
// the sales pages, KPIs and alerts all hear it the same way. Only changes are emitted.
import type { Queryable } from '../db/db.ts';
import { addDays, dayNumber } from '../shared/factory-date.ts';
import { assessRisks, refKey, type ReceiptFacts, type RiskLine } from './risk.ts';
import { storedCause, type StoredCause } from './risk-messages.ts';
import type { Plan, PlanInput } from './types.ts';

export interface AtRisk {
	orderId: string;
	lineId: string;
	dueDate: string;
	expectedDate: string;
	daysLate: number;
	causes: StoredCause[];
}

export type RiskEvent = { type: 'sales_order_line.at_risk'; data: AtRisk } | { type: 'sales_order_line.risk_cleared'; data: { orderId: string; lineId: string } };

export interface CurrentRisk {
	orderId: string;
	lineId: string;
	expectedDate: string;
	daysLate: number;
	causes: StoredCause[];
}

const key = (r: { orderId: string; lineId: string }) => `${r.orderId}\u0000${r.lineId}`;
const sameCauses = (a: StoredCause[], b: StoredCause[]) =>
	a.length === b.length && a.every((c, i) => c.code === b[i].code && JSON.stringify(c.params) === JSON.stringify(b[i].params));

/** Pure: the events that take the stored risks to the plan's. */
export function riskEvents(plan: Plan, input: PlanInput, startDate: string, lines: RiskLine[], facts: ReadonlyMap<string, ReceiptFacts>, current: CurrentRisk[]): RiskEvent[] {
	const now = new Map(
		assessRisks(plan, input, lines, facts).map((r) => {
			const data: AtRisk = {
				orderId: r.orderId,
				lineId: r.lineId,
				dueDate: addDays(startDate, r.dueBucket),
				expectedDate: addDays(startDate, r.expectedBucket),
				daysLate: r.daysLate,
				causes: r.causes.map((c) => storedCause(c, startDate))
			};
			return [key(r), data];
		})
	);
	const out: RiskEvent[] = [];
	const before = new Map(current.map((c) => [key(c), c]));
	for (const [k, data] of now) {
		const was = before.get(k);
		if (!was || was.expectedDate !== data.expectedDate || was.daysLate !== data.daysLate || !sameCauses(was.causes, data.causes)) out.push({ type: 'sales_order_line.at_risk', data });
	}
	for (const [k, was] of before) if (!now.has(k)) out.push({ type: 'sales_order_line.risk_cleared', data: { orderId: was.orderId, lineId: was.lineId } });
	return out;
}

/** Open sales order lines with the bucket they are due in (negative: overdue). */
export async function loadRiskLines(q: Queryable, startDate: string): Promise<RiskLine[]> {
	const r = await q.query<{ order_id: string; line_id: string; item_id: string; due: string }>(
		`select order_id, line_id, item_id, to_char(coalesce(promised_date, requested_date), 'YYYY-MM-DD') as due
		from sales_order_lines
		where cancelled_at is null and item_id is not null and qty > shipped_qty and coalesce(promised_date, requested_date) is not null`
	);
	const start = dayNumber(startDate);
	return r.rows.map((row) => ({ orderId: row.order_id, lineId: row.line_id, itemId: row.item_id, dueBucket: dayNumber(row.due) - start }));
}

/** Supplier (by name, as people know it) and delay of open purchase order lines, for the words of a cause. */
export async function loadReceiptFacts(q: Queryable): Promise<Map<string, ReceiptFacts>> {
	const r = await q.query<{ po_id: string; line_id: string; supplier_id: string; delayed: boolean }>(
		`select l.po_id, l.line_id, coalesce(s.name, o.supplier_id) as supplier_id, l.delay_reason is not null as delayed
		from purchase_order_lines l join purchase_orders o using (po_id) left join suppliers s on s.supplier_id = o.supplier_id
		where l.qty > l.received_qty`
	);
	return new Map(r.rows.map((row) => [refKey({ kind: 'purchase_order', id: row.po_id, lineId: row.line_id }), { supplierId: row.supplier_id, delayed: row.delayed }]));
}

export async function loadCurrentRisks(q: Queryable): Promise<CurrentRisk[]> {
	const r = await q.query<{ order_id: string; line_id: string; expected: string; days_late: number; causes: StoredCause[] }>(
		`select order_id, line_id, to_char(expected_date, 'YYYY-MM-DD') as expected, days_late, causes from sales_order_line_risks`
	);
	return r.rows.map((row) => ({ orderId: row.order_id, lineId: row.line_id, expectedDate: row.expected, daysLate: Number(row.days_late), causes: row.causes }));
}

/** The after-plan step: load what the words need, compare with the stored risks, answer the events. */
export async function assessRiskEvents(q: Queryable, plan: Plan, input: PlanInput, startDate: string): Promise<RiskEvent[]> {
	const lines = await loadRiskLines(q, startDate);
	const facts = await loadReceiptFacts(q);
	const current = await loadCurrentRisks(q);
	return riskEvents(plan, input, startDate, lines, facts, current);
}
