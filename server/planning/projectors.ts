// Planning's projection: the sales order lines the plan expects to be late (sales_order_line_risks),
// from sales_order_line.at_risk / sales_order_line.risk_cleared. The plan's own tables (planned
// orders, pegs, exceptions, records) are not projections: plan runs rewrite them (store.ts).
// A line's `since` is the time of the first at_risk after it was last clear; later at_risk events
// update the rest. Business time decides between events that arrive out of order.
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { Queryable } from '../db/db.ts';
import type { SalesOrderLineAtRisk, SalesOrderLineRiskCleared } from './schemas.ts';

const lineKey = (d: { orderId: string; lineId: string }) => d.orderId + '\u0000' + d.lineId;

export const lineAtRisk: Projector<SalesOrderLineAtRisk> = {
	type: 'sales_order_line.at_risk',
	async apply(tx, events) {
		// The earliest at_risk of this batch per line, in case the line is new.
		const first = new Map<string, string>();
		for (const e of events) {
			const k = lineKey(e.data);
			const seen = first.get(k);
			if (seen === undefined || Date.parse(e.occurredAt) < Date.parse(seen)) first.set(k, e.occurredAt);
		}
		const rows = latestPerKey(events, (e) => lineKey(e.data)).map((e) => ({
			order_id: e.data.orderId,
			line_id: e.data.lineId,
			due_date: e.data.dueDate,
			expected_date: e.data.expectedDate,
			days_late: e.data.daysLate,
			causes: e.data.causes,
			since: first.get(lineKey(e.data))!,
			at: e.occurredAt
		}));
		await tx.query(
			`insert into sales_order_line_risks (order_id, line_id, due_date, expected_date, days_late, causes, since, updated_at)
			select order_id, line_id, due_date, expected_date, days_late, causes, since, at
			from jsonb_to_recordset($1::jsonb) as x(order_id text, line_id text, due_date date, expected_date date, days_late int,
				causes jsonb, since timestamptz, at timestamptz)
			on conflict (order_id, line_id) do update set due_date = excluded.due_date, expected_date = excluded.expected_date,
				days_late = excluded.days_late, causes = excluded.causes, updated_at = excluded.updated_at,
				since = least(sales_order_line_risks.since, excluded.since)
			where sales_order_line_risks.updated_at <= excluded.updated_at`,
			[asJson(rows)]
		);
	}
};

export const lineRiskCleared: Projector<SalesOrderLineRiskCleared> = {
	type: 'sales_order_line.risk_cleared',
	async apply(tx, events) {
		// The earliest at_risk of this batch per line, in case the line is new.
		const first = new Map<string, string>();
		for (const e of events) {
			const k = lineKey(e.data);
			const seen = first.get(k);
			if (seen === undefined || Date.parse(e.occurredAt) < Date.parse(seen)) first.set(k, e.occurredAt);
		}
		const rows = latestPerKey(events, (e) => lineKey(e.data)).map((e) => ({ order_id: e.data.orderId, line_id: e.data.lineId, at: e.occurredAt }));
		// An at_risk later in business time than the clearing (arrived first) stands.
		await tx.query(
			`delete from sales_order_line_risks r using jsonb_to_recordset($1::jsonb) as x(order_id text, line_id text, at timestamptz)
			where r.order_id = x.order_id and r.line_id = x.line_id and r.updated_at <= x.at`,
			[asJson(rows)]
		);
	}
};

export const planningProjectors = [lineAtRisk, lineRiskCleared] as Projector[];

/** Empties planning's projection before a rebuild from the event log (the plan tables stay: runs rewrite them). */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate sales_order_line_risks');
}
