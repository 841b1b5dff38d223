// The sales order list, shared by the /sales page and GET /api/sales-orders: the URL query (one
// parse, one set of defaults) and the list itself. It reads the projections, never writes; a line's
// status comes from deriveLineStatus, the one place that knows what the statuses mean.
import { z } from 'zod';
import type { Queryable } from '$server/db/db.ts';
import { zodIssues, type Issue } from '$server/commands/command.ts';
import { code } from '$server/events/primitives.ts';
import { LINE_IN_PRODUCTION_SQL, LINE_READY_SQL } from '$server/sales/queries.ts';
import { deriveLineStatus, factoryDate, lineProgress, type LineFacts, type LineStatus } from '$server/sales/line-status.ts';
import { LINE_STATUSES, type LineStatusName } from '$lib/components/sales/labels';
import { customFilterSql, isCustomParam, type CustomFilter } from '$server/masterdata/custom-filter.ts';

export const orderListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	/** A derived status, or "active": every order with something still to deliver (neither shipped nor cancelled). */
	status: z.enum([...LINE_STATUSES, 'active']).optional(),
	/** "1": only the orders the reader entered ("my orders"). */
	mine: z.enum(['1']).optional(),
	/** Only this customer's orders (exact code; `q` searches codes and names loosely). */
	customer: code.optional(),
	sort: z.enum(['orderId', 'customer', 'orderedAt', 'due']).default('orderedAt'),
	dir: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

/**
 * Empty parameters (an empty search box) mean "not given"; `lang` belongs to the hooks, and
 * `custom.*` to the no-code field filters (src/lib/server/custom-fields.ts).
 */
export function parseOrderQuery(url: URL): { query: OrderListQuery; issues?: undefined } | { query?: undefined; issues: Issue[] } {
	const params = Object.fromEntries([...url.searchParams].filter(([k, v]) => k !== 'lang' && !isCustomParam(k) && v !== ''));
	const parsed = orderListQuery.safeParse(params);
	return parsed.success ? { query: parsed.data } : { issues: zodIssues(parsed.error) };
}

/**
 * An order's status is its worst line's, so a list filtered on "late" finds every order with a late
 * line. Worst first: late; then the lines still to deliver, the least advanced first (open, promised,
 * in production, ready, partially shipped); then shipped; cancelled last, so an order shipped in part
 * and cancelled for the rest reads "shipped", and only an order cancelled whole reads "cancelled".
 * Typed against both lists of statuses (the derivation's and the pages'), so neither can drift.
 */
const SEVERITY: Record<LineStatusName, number> = {
	late: 0,
	open: 1,
	promised: 2,
	in_production: 3,
	ready: 4,
	partially_shipped: 5,
	shipped: 6,
	cancelled: 7
} satisfies Record<LineStatus, number>;

export function orderStatus(lines: readonly LineStatus[]): LineStatus {
	return lines.reduce<LineStatus>((worst, s) => (SEVERITY[s] < SEVERITY[worst] ? s : worst), lines.length ? 'cancelled' : 'open');
}

export interface OrderSummary {
	orderId: string;
	customerId: string;
	customerName: string | null;
	/** When it was entered, and that instant's date at the factory. */
	orderedAt: string;
	orderedOn: string;
	lines: number;
	/** The earliest promised (else requested) date of the lines still to ship; null when none is. */
	earliestDue: string | null;
	status: LineStatus;
	/** Share shipped of what is ordered (a cancelled line counts for what left before), 0–100. */
	progress: number;
	/** Values of no-code fields, by key. */
	custom: Record<string, unknown>;
}

interface Row {
	order_id: string;
	customer_id: string;
	customer_name: string | null;
	ordered_at: Date | string;
	earliest_due: string | null;
	custom: Record<string, unknown>;
	lines: Omit<LineFacts, 'today'>[];
}

const SORT_COLUMNS: Record<OrderListQuery['sort'], string> = {
	orderId: 'o.order_id',
	customer: 'coalesce(c.name, o.customer_id)',
	orderedAt: 'o.ordered_at',
	due: 'earliest_due'
};

// Lines still to ship: not cancelled and not shipped in full (a line known only by a shipment has no qty).
const OPEN_LINE = 'l.cancelled_at is null and l.shipped_qty < coalesce(l.qty, 0)';

function summary(r: Row, today: string, timeZone: string): OrderSummary {
	const statuses = r.lines.map((l) => deriveLineStatus({ ...l, today }));
	const ordered = r.lines.reduce((s, l) => s + (l.cancelled ? Math.min(l.qty, l.shippedQty) : l.qty), 0);
	const shipped = r.lines.reduce((s, l) => s + Math.min(l.qty, l.shippedQty), 0);
	const orderedAt = new Date(r.ordered_at);
	return {
		orderId: r.order_id,
		customerId: r.customer_id,
		customerName: r.customer_name,
		orderedAt: orderedAt.toISOString(),
		orderedOn: factoryDate(orderedAt, timeZone),
		lines: r.lines.length,
		earliestDue: r.earliest_due,
		status: orderStatus(statuses),
		progress: lineProgress({ qty: ordered, shippedQty: shipped }),
		custom: r.custom
	};
}

/**
 * One page of orders. The status is derived per request (it depends on today's date at the factory),
 * so the database can search, sort and page but not filter on it: without a status filter one page
 * is read; with one, every order the search matches is read (a few numbers per line) and the page is
 * cut here.
 */
export async function listOrders(
	q: Queryable,
	query: OrderListQuery,
	clock: { now: Date; timeZone: string },
	reader: { name: string; scope: string | null },
	custom: readonly CustomFilter[] = []
): Promise<{ orders: OrderSummary[]; total: number }> {
	const search: unknown[] = [];
	const conditions: string[] = [];
	if (query.q) {
		search.push(`%${query.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`);
		conditions.push(`(o.order_id ilike $${search.length} or o.customer_id ilike $${search.length} or c.name ilike $${search.length})`);
	}
	if (reader.scope !== null) {
		// server/auth/scope.ts: a department's orders and the orders of no department.
		search.push(reader.scope);
		conditions.push(`(o.department is null or o.department = $${search.length})`);
	}
	if (query.mine) {
		search.push(reader.name);
		conditions.push(`o.entered_by = $${search.length}`);
	}
	if (query.customer) {
		search.push(query.customer);
		conditions.push(`o.customer_id = $${search.length}`);
	}
	conditions.push(...customFilterSql('o.custom', custom, search));
	const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
	const from = 'from sales_orders o left join customers c on c.customer_id = o.customer_id';
	const paged = !query.status;
	const params = paged ? [...search, query.pageSize, (query.page - 1) * query.pageSize] : search;
	const limit = paged ? `limit $${params.length - 1} offset $${params.length}` : '';
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const r = await q.query<Row>(
		`select o.order_id, o.customer_id, c.name as customer_name, o.ordered_at, o.custom,
			to_char(min(coalesce(l.promised_date, l.requested_date)) filter (where ${OPEN_LINE}), 'YYYY-MM-DD') as earliest_due,
			coalesce(json_agg(json_build_object('qty', coalesce(l.qty, 0)::float8, 'shippedQty', l.shipped_qty::float8,
				'requestedDate', to_char(l.requested_date, 'YYYY-MM-DD'), 'promisedDate', to_char(l.promised_date, 'YYYY-MM-DD'),
				'cancelled', l.cancelled_at is not null,
				'inProduction', ${LINE_IN_PRODUCTION_SQL}, 'ready', ${LINE_READY_SQL}) order by l.line_id) filter (where l.line_id is not null), '[]') as lines
		${from} left join sales_order_lines l on l.order_id = o.order_id
		${where}
		group by o.order_id, c.name
		order by ${SORT_COLUMNS[query.sort]} ${dir} nulls last, o.order_id ${dir}
		${limit}`,
		params
	);
	const today = factoryDate(clock.now, clock.timeZone);
	const all = r.rows.map((row) => summary(row, today, clock.timeZone));
	if (paged) {
		const total = (await q.query<{ n: number }>(`select count(*)::int as n ${from} ${where}`, search)).rows[0].n;
		return { orders: all, total };
	}
	const matching = all.filter((o) => (query.status === 'active' ? o.status !== 'shipped' && o.status !== 'cancelled' : o.status === query.status));
	const start = (query.page - 1) * query.pageSize;
	return { orders: matching.slice(start, start + query.pageSize), total: matching.length };
}
