// The sales figures of the factory summary that no list shows as such: how many order lines are late
// and how many the plan expects to miss their date. Lines, where the order list counts orders; the
// same rules (line-status.ts, and order-list.queries.ts for the department scope), so the orders
// these lines belong to are exactly those the list's "late" and "at risk" filters find.
import type { Queryable } from '../db/db.ts';

export interface SalesLineCounts {
	/** Open lines (neither cancelled nor shipped in full) whose promised, else requested, date is past. */
	lateLines: number;
	/** Lines with a risk the plan raised (sales_order_line.at_risk) and has not cleared. */
	atRiskLines: number;
}

/** `today`: the factory's date (YYYY-MM-DD); `scope`: a department (server/auth/scope.ts) or null for all. */
export async function salesLineCounts(q: Queryable, a: { today: string; scope: string | null }): Promise<SalesLineCounts> {
	const inScope = '($2::text is null or o.department is null or o.department = $2)';
	const r = await q.query<{ late: number; risk: number }>(
		`select
			(select count(*)::int from sales_order_lines l join sales_orders o on o.order_id = l.order_id
				where ${inScope} and l.cancelled_at is null and not (coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty)
					and coalesce(l.promised_date, l.requested_date) < $1::date) as late,
			(select count(*)::int from sales_order_line_risks r join sales_orders o on o.order_id = r.order_id where ${inScope}) as risk`,
		[a.today, a.scope]
	);
	return { lateLines: r.rows[0].late, atRiskLines: r.rows[0].risk };
}
