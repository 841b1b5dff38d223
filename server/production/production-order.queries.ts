// Production orders as pages, the REST API and later planning read them: the list's query and the
// list (search, status filter, sort and pages in SQL on indexed columns), and one order with its
// operations, its components and its history. Reads the projections and the event log, never writes.
// Whether an order is overdue depends on today's date at the factory, which callers pass in.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { DEFAULT_LOCATION } from '../inventory/schemas.ts';
import { containing } from '../shared/like-pattern.ts';
import { isOverdue, MO_STATUSES, STAGE, type MoStatusName } from './production-order-status.ts';
import { recordHistory } from './record-history.queries.ts';

export const orderListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	status: z.enum(MO_STATUSES).optional(),
	/** "1": only the orders overdue as of the factory's date (isOverdue): due before today, not closed. */
	overdue: z.enum(['1']).optional(),
	sort: z.enum(['productionOrderId', 'item', 'qty', 'due', 'status', 'created']).default('created'),
	dir: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

// The stage expression is indexed as this writes it (migration *_purchasing_production_reads).
const SORT_COLUMNS: Record<OrderListQuery['sort'], string> = {
	productionOrderId: 'o.production_order_id',
	item: 'o.item_id',
	qty: 'o.qty',
	due: 'o.due_date',
	status: `case o.status ${Object.entries(STAGE).map(([s, n]) => `when '${s}' then ${n}`).join(' ')} end`,
	created: 'o.created_at'
};

export type OpStatusName = 'waiting' | 'running' | 'done';

export interface OrderSummary {
	productionOrderId: string;
	itemId: string;
	itemName: string | null;
	uom: string | null;
	qty: number;
	dueDate: string;
	status: MoStatusName;
	goodQty: number;
	scrapQty: number;
	salesOrderId: string | null;
	salesLineId: string | null;
	createdAt: string;
	/** Due before today and not closed. */
	overdue: boolean;
}

const SUMMARY_COLUMNS = `o.production_order_id as "productionOrderId", o.item_id as "itemId", i.name as "itemName", i.uom,
	o.qty::float8 as qty, to_char(o.due_date, 'YYYY-MM-DD') as "dueDate", o.status, o.good_qty::float8 as "goodQty",
	o.scrap_qty::float8 as "scrapQty", o.sales_order_id as "salesOrderId", o.sales_line_id as "salesLineId", o.created_at as "createdAt"`;

function summary<R extends Omit<OrderSummary, 'overdue'>>(r: R, today: string): R & { overdue: boolean } {
	return { ...r, createdAt: new Date(r.createdAt).toISOString(), overdue: isOverdue(r, today) };
}

/** One page of orders; `today` (YYYY-MM-DD at the factory) decides which are overdue. */
export async function listOrders(q: Queryable, query: OrderListQuery, today: string): Promise<{ orders: OrderSummary[]; total: number }> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(containing(query.q));
		const p = `$${params.length}`;
		where.push(`(o.production_order_id ilike ${p} or o.item_id ilike ${p} or i.name ilike ${p} or o.sales_order_id ilike ${p})`);
	}
	if (query.status) {
		params.push(query.status);
		where.push(`o.status = $${params.length}`);
	}
	if (query.overdue) {
		params.push(today);
		where.push(`o.due_date < $${params.length}::date and o.status not in ('completed', 'cancelled')`);
	}
	const w = where.length ? 'where ' + where.join(' and ') : '';
	const join = 'left join items i on i.item_id = o.item_id';
	// The count joins the items only to search their names.
	const total = (await q.query<{ n: number }>(`select count(*)::int as n from production_orders o ${query.q ? join : ''} ${w}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const r = await q.query<Omit<OrderSummary, 'overdue'>>(
		`select ${SUMMARY_COLUMNS} from production_orders o ${join} ${w}
		order by ${SORT_COLUMNS[query.sort]} ${dir}, o.production_order_id ${dir}
		limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { orders: r.rows.map((row) => summary(row, today)), total };
}

export interface OrderOperation {
	seq: number;
	workCenterId: string;
	workCenterName: string | null;
	/** The workshop the work centre belongs to (server/auth/scope.ts narrows shop-floor users to theirs). */
	workCenterDepartment: string | null;
	/** The work centre's status now (up, down, maintenance) and the reason of a stop. */
	workCenterStatus: string | null;
	workCenterReason: string | null;
	setupMinutes: number;
	runMinutesPerUnit: number;
	description: string | null;
	status: OpStatusName;
	goodQty: number;
	scrapQty: number;
	startedAt: string | null;
}

export interface OrderComponent {
	itemId: string;
	name: string | null;
	uom: string | null;
	qtyPer: number;
	scrapPct: number;
	/** For the order's quantity, with the BOM's scrap. */
	planned: number;
	/** Issued to this order so far, by hand and by backflush. */
	issued: number;
	/** Usable at the default location, where backflush takes from. */
	onHand: number;
}

export interface OrderDetail extends OrderSummary {
	backflush: string | null;
	releasedAt: string | null;
	completedAt: string | null;
	operations: OrderOperation[];
	components: OrderComponent[];
	history: StoredEvent[];
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** One order with its operations, components and history; null when unknown. */
export async function getOrder(q: Queryable, id: string, today: string): Promise<OrderDetail | null> {
	const head = (
		await q.query<Omit<OrderSummary, 'overdue'> & { backflush: string | null; releasedAt: unknown; completedAt: unknown }>(
			`select ${SUMMARY_COLUMNS}, i.backflush, o.released_at as "releasedAt", o.completed_at as "completedAt"
			from production_orders o left join items i on i.item_id = o.item_id where o.production_order_id = $1`,
			[id]
		)
	).rows[0];
	if (!head) return null;
	// Descriptions are not projected: they come with the operations copied into the creation event.
	const created = (
		await q.query<{ ops: { seq: number; description?: string }[] | null }>(
			`select data->'operations' as ops from events where data ? 'productionOrderId' and data->>'productionOrderId' = $1 and type = 'production_order.created' limit 1`,
			[id]
		)
	).rows[0];
	const descriptions = new Map((created?.ops ?? []).map((o) => [o.seq, o.description ?? null]));
	const operations = (
		await q.query<Omit<OrderOperation, 'description'>>(
			`select p.seq, p.work_center_id as "workCenterId", w.name as "workCenterName", w.department as "workCenterDepartment", w.status as "workCenterStatus",
				case when w.status <> 'up' then w.status_reason end as "workCenterReason",
				p.setup_minutes::float8 as "setupMinutes", p.run_minutes_per_unit::float8 as "runMinutesPerUnit", p.status,
				p.good_qty::float8 as "goodQty", p.scrap_qty::float8 as "scrapQty", p.started_at as "startedAt"
			from production_operations p left join work_centers w on w.work_center_id = p.work_center_id
			where p.production_order_id = $1 order by p.seq`,
			[id]
		)
	).rows.map((o) => ({ ...o, startedAt: iso(o.startedAt), description: descriptions.get(o.seq) ?? null }));
	const components = (
		await q.query<OrderComponent>(
			`select l.child_item_id as "itemId", i.name, i.uom, l.qty_per::float8 as "qtyPer", l.scrap_pct::float8 as "scrapPct",
				-- shared/bom-quantity.ts componentQty, in SQL
				round(l.qty_per * $2::numeric * (1 + l.scrap_pct / 100), 6)::float8 as planned,
				coalesce((select sum((e.data->>'qty')::numeric) from events e where e.data ? 'productionOrderId'
					and e.data->>'productionOrderId' = $3 and e.type = 'stock.issued' and e.data->>'itemId' = l.child_item_id), 0)::float8 as issued,
				coalesce((select s.on_hand from stock s where s.item_id = l.child_item_id and s.location_id = $4), 0)::float8 as "onHand"
			from bom_lines l left join items i on i.item_id = l.child_item_id
			where l.parent_item_id = $1 order by l.line_no`,
			[head.itemId, head.qty, id, DEFAULT_LOCATION]
		)
	).rows;
	return {
		...summary(head, today),
		backflush: head.backflush,
		releasedAt: iso(head.releasedAt),
		completedAt: iso(head.completedAt),
		operations,
		components,
		history: await recordHistory(q, 'productionOrder', id)
	};
}
