// The sales order list, shared by the /sales page, GET /api/sales-orders and a customer's page: its
// URL query (one parse, one set of defaults) and one page of orders. Search, filters (status too),
// sort and paging run in SQL, so a page costs the same however long the history; each row's status
// is then derived by the pure rules (line-status.ts, order-status.ts), which the SQL filters follow.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { code } from '../events/primitives.ts';
import { customFilterSql, type CustomFilter } from '../shared/custom-filter.ts';
import { parseListQuery, type ParsedQuery } from '../shared/list-query.ts';
import { factoryDate } from '../shared/factory-date.ts';
import type { Total } from '../shared/money.ts';
import { orderTotal } from './queries.ts';
import { LINE_IN_PRODUCTION_SQL, LINE_READY_SQL } from './queries.ts';
import { deriveLineStatus, lineProgress, LINE_STATUSES, type LineFacts, type LineStatus } from './line-status.ts';
import { orderStatus, SEVERITY } from './order-status.ts';

export const orderListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	/** A derived status, or "active": every order with something still to deliver (neither shipped nor cancelled). */
	status: z.enum([...LINE_STATUSES, 'active']).optional(),
	/** "1": only the orders the reader entered ("my orders"). */
	mine: z.enum(['1']).optional(),
	/** "1": only orders with a line the plan expects to miss its date (sales_order_line.at_risk). */
	risk: z.enum(['1']).optional(),
	/** Only this customer's orders (exact code; `q` searches codes and names loosely). */
	customer: code.optional(),
	sort: z.enum(['orderId', 'customer', 'orderedAt', 'due']).default('orderedAt'),
	dir: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const parseOrderQuery = (params: URLSearchParams): ParsedQuery<OrderListQuery> => parseListQuery(orderListQuery, params);

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
	/** Lines the plan expects to miss their date, and the most days late among them (0 when none). */
	linesAtRisk: number;
	maxDaysLate: number;
	currency: string;
	/** The order's value (server/sales/queries.ts orderTotal). */
	total: Total;
}

/** Who reads: the actor ("user:…", "token:…") for "my orders", and the department scope (server/auth/scope.ts). */
export interface OrderReader {
	name: string;
	scope: string | null;
}

const DUE_SQL = 'coalesce(l.promised_date, l.requested_date)';

/**
 * deriveLineStatus in SQL, for the line aliased `l` and the factory date `today` (an SQL expression):
 * the same tests in the same order, so a status filter finds exactly the orders the pages label so.
 */
export function lineStatusSql(today: string): string {
	return `case
		when l.cancelled_at is not null then 'cancelled'
		when coalesce(l.qty, 0) > 0 and l.shipped_qty >= l.qty then 'shipped'
		when ${DUE_SQL} < ${today} then 'late'
		when l.shipped_qty > 0 then 'partially_shipped'
		when ${LINE_READY_SQL} then 'ready'
		when ${LINE_IN_PRODUCTION_SQL} then 'in_production'
		when l.promised_date is not null then 'promised'
		else 'open' end`;
}

/**
 * The order aliased `o` has the status (orderStatus in SQL: the worst line's, "open" without lines);
 * `today` is the SQL of the factory date, unused by "active" (orders always have lines).
 */
function statusFilterSql(status: OrderListQuery['status'] & string, today: string): string {
	// Active and late orders are found from the columns the database keeps on each order from its open
	// lines (migration 20261208000000: open_lines, open_due), through a partial index: few whatever the history.
	if (status === 'active') return 'o.open_lines > 0';
	if (status === 'late') return `o.open_lines > 0 and o.open_due < ${today}`;
	const severity = `case ${lineStatusSql(today)} ${Object.entries(SEVERITY).map(([s, n]) => `when '${s}' then ${n}`).join(' ')} end`;
	return `coalesce((select min(${severity}) from sales_order_lines l where l.order_id = o.order_id), ${SEVERITY.open}) = ${SEVERITY[status]}`;
}

interface Row {
	order_id: string;
	customer_id: string;
	customer_name: string | null;
	ordered_at: Date | string;
	earliest_due: string | null;
	custom: Record<string, unknown>;
	currency: string;
	lines: (Omit<LineFacts, 'today'> & { unitPrice: number | null })[];
	at_risk: number;
	max_days_late: number | null;
}

const SORT_COLUMNS: Record<OrderListQuery['sort'], string> = {
	orderId: 'o.order_id',
	customer: 'coalesce(c.name, o.customer_id)',
	orderedAt: 'o.ordered_at',
	// Kept on the order by the database from its lines (migration 20261208000000).
	due: 'o.earliest_due'
};

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
		custom: r.custom,
		linesAtRisk: Number(r.at_risk),
		maxDaysLate: Number(r.max_days_late ?? 0),
		currency: r.currency,
		total: orderTotal(r.lines)
	};
}

/**
 * One page of orders and how many match. The status depends on today's date at the factory, which
 * the status filter takes as a parameter; the lines of the page's orders only are then read and
 * their statuses derived.
 */
export async function listOrders(
	q: Queryable,
	query: Omit<OrderListQuery, 'mine' | 'risk'> & { mine?: '1'; risk?: '1' },
	clock: { now: Date; timeZone: string },
	reader: OrderReader,
	custom: readonly CustomFilter[] = []
): Promise<{ orders: OrderSummary[]; total: number }> {
	const today = factoryDate(clock.now, clock.timeZone);
	const params: unknown[] = [];
	const conditions: string[] = [];
	const searched = Boolean(query.q);
	if (query.q) {
		params.push(`%${query.q.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`);
		conditions.push(`(o.order_id ilike $${params.length} or o.customer_id ilike $${params.length} or c.name ilike $${params.length})`);
	}
	if (reader.scope !== null) {
		// server/auth/scope.ts: a department's orders and the orders of no department.
		params.push(reader.scope);
		conditions.push(`(o.department is null or o.department = $${params.length})`);
	}
	if (query.mine) {
		params.push(reader.name);
		conditions.push(`o.entered_by = $${params.length}`);
	}
	if (query.customer) {
		params.push(query.customer);
		conditions.push(`o.customer_id = $${params.length}`);
	}
	if (query.risk) conditions.push('o.order_id = any (array(select distinct order_id from sales_order_line_risks))');
	conditions.push(...customFilterSql('o.custom', custom, params));
	if (query.status === 'active') conditions.push(statusFilterSql('active', ''));
	else if (query.status) {
		params.push(today);
		conditions.push(statusFilterSql(query.status, `$${params.length}::date`));
	}
	const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
	const customers = 'left join customers c on c.customer_id = o.customer_id';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from sales_orders o ${searched ? customers : ''} ${where}`, params)).rows[0].n;

	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	// Only the customer's name and the due date can be missing; the other sorts say nothing of nulls,
	// so that an index on (ordered_at, order_id) serves them in either direction.
	const nulls = query.sort === 'customer' || query.sort === 'due' ? 'nulls last' : '';
	const order = `${SORT_COLUMNS[query.sort]} ${dir} ${nulls}, o.order_id ${dir}`;
	const limit = `limit $${params.length + 1} offset $${params.length + 2}`;
	const r = await q.query<Row>(
		`with page as (
			select o.order_id, o.customer_id, c.name as customer_name, o.ordered_at, o.custom, o.currency, o.earliest_due, row_number() over (order by ${order}) as n
			from sales_orders o ${customers} ${where}
			order by ${order} ${limit}
		)
		select p.order_id, p.customer_id, p.customer_name, p.ordered_at, p.custom, p.currency, to_char(p.earliest_due, 'YYYY-MM-DD') as earliest_due, x.lines, rk.at_risk, rk.max_days_late
		from page p, lateral (select count(*)::int as at_risk, max(days_late) as max_days_late from sales_order_line_risks r where r.order_id = p.order_id) rk, lateral (
			select coalesce(json_agg(json_build_object('qty', coalesce(l.qty, 0)::float8, 'shippedQty', l.shipped_qty::float8,
					'requestedDate', to_char(l.requested_date, 'YYYY-MM-DD'), 'promisedDate', to_char(l.promised_date, 'YYYY-MM-DD'),
					'cancelled', l.cancelled_at is not null, 'unitPrice', l.unit_price::float8,
					'inProduction', ${LINE_IN_PRODUCTION_SQL}, 'ready', ${LINE_READY_SQL}) order by l.line_id), '[]') as lines
			from sales_order_lines l where l.order_id = p.order_id
		) x
		order by p.n`,
		[...params, query.pageSize, (query.page - 1) * query.pageSize]
	);
	return { orders: r.rows.map((row) => summary(row, today, clock.timeZone)), total };
}
