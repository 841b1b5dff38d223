// Purchase orders as pages, the REST API and later planning read them: the list's query, the order
// list with its progress, one order with its lines and history, and the lines whose received goods
// wait for inspection. Reads the projections and the event log only. The list filters, sorts and
// pages in SQL on each order's progress, which the database keeps on `purchase_orders` whatever writes
// the lines (migration *_purchasing_production_reads); "late" compares it with the factory's date.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { customFilterSql, type CustomFilter } from '../shared/custom-filter.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { containing } from '../shared/like-pattern.ts';
import { lineValue, total, type Total } from '../shared/money.ts';
import { PO_FILTERS, purchaseOrderLineLateness } from './purchase-order-status.ts';

export const poListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	status: z.enum(PO_FILTERS).optional(),
	sort: z.enum(['poId', 'supplier', 'placedAt', 'expected', 'value']).default('placedAt'),
	dir: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type PoListQuery = z.infer<typeof poListQuery>;

export const inspectionQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type InspectionQuery = z.infer<typeof inspectionQuery>;

export interface PoSummary {
	poId: string;
	supplierId: string;
	supplierName: string | null;
	placedAt: string;
	/** The date it was placed, at the factory. */
	placedOn: string;
	lines: number;
	/** Sum of quantity × unit price over the lines. */
	value: number;
	orderedQty: number;
	receivedQty: number;
	/** Accepted plus rejected. */
	inspectedQty: number;
	/** The earliest expected date of the lines still to receive; null when all are received. */
	earliestExpected: string | null;
	/** A line is still to receive after its expected date (purchaseOrderLate). */
	late: boolean;
	/** The latest expedite request on a line still to receive; null when none waits. */
	expediteRequestedAt: string | null;
	/** Values of no-code fields, by key. */
	custom: Record<string, unknown>;
}

type SummaryRow = Omit<PoSummary, 'placedAt' | 'placedOn' | 'expediteRequestedAt'> & { placedAt: Date | string; expediteRequestedAt: Date | string | null };

// The SQL of purchase-order-status.ts, over the progress kept on each order: an order is late when
// the earliest expected date of its lines still to receive is before today (the parameter).
const lateSql = (today: string) => `coalesce(o.earliest_expected < ${today}::date, false)`;

const WHERE_STATUS: Record<(typeof PO_FILTERS)[number], string> = {
	open: 'o.open_lines > 0',
	late: 'o.open_lines > 0 and o.earliest_expected < $TODAY::date',
	received: 'o.open_lines = 0',
	inspection: 'o.waiting_lines > 0'
};

const SORT_COLUMNS: Record<PoListQuery['sort'], string> = {
	poId: 'o.po_id',
	supplier: 'coalesce(s.name, o.supplier_id)',
	placedAt: 'o.placed_at',
	expected: 'o.earliest_expected',
	value: 'o.total_value'
};

/** One page of orders with their progress; today's date at the factory decides what is late. */
export async function listPurchaseOrders(
	q: Queryable,
	query: PoListQuery,
	clock: { now: Date; timeZone: string },
	custom: readonly CustomFilter[] = []
): Promise<{ orders: PoSummary[]; total: number }> {
	const today = factoryDate(clock.now, clock.timeZone);
	const params: unknown[] = [];
	const conditions: string[] = [];
	if (query.q) {
		params.push(containing(query.q));
		const p = `$${params.length}`;
		conditions.push(`(o.po_id ilike ${p} or o.supplier_id ilike ${p} or s.name ilike ${p}
			or exists (select 1 from purchase_order_lines x where x.po_id = o.po_id and x.item_id ilike ${p}))`);
	}
	conditions.push(...customFilterSql('o.custom', custom, params));
	if (query.status === 'late') params.push(today);
	if (query.status) conditions.push(WHERE_STATUS[query.status].replace('$TODAY', `$${params.length}`));
	const where = conditions.length ? 'where ' + conditions.join(' and ') : '';
	const from = 'from purchase_orders o left join suppliers s on s.supplier_id = o.supplier_id';
	// The count names the suppliers only to search them.
	const total = (await q.query<{ n: number }>(`select count(*)::int as n ${query.q ? from : 'from purchase_orders o'} ${where}`, params)).rows[0].n;
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const nulls = query.sort === 'expected' ? ' nulls last' : '';
	const n = params.length;
	const r = await q.query<SummaryRow>(
		`select o.po_id as "poId", o.supplier_id as "supplierId", s.name as "supplierName", o.placed_at as "placedAt", o.custom,
			o.line_count as lines, o.total_value::float8 as value, o.ordered_qty::float8 as "orderedQty",
			o.received_qty::float8 as "receivedQty", o.inspected_qty::float8 as "inspectedQty",
			to_char(o.earliest_expected, 'YYYY-MM-DD') as "earliestExpected", ${lateSql(`$${n + 1}`)} as late,
			(select max(x.expedite_requested_at) from purchase_order_lines x where x.po_id = o.po_id and x.received_qty < x.qty) as "expediteRequestedAt"
		${from} ${where}
		order by ${SORT_COLUMNS[query.sort]} ${dir}${nulls}, o.po_id ${dir}
		limit $${n + 2} offset $${n + 3}`,
		[...params, today, query.pageSize, (query.page - 1) * query.pageSize]
	);
	const orders = r.rows.map((o) => {
		const placedAt = new Date(o.placedAt);
		const expediteRequestedAt = o.expediteRequestedAt === null ? null : new Date(o.expediteRequestedAt).toISOString();
		return { ...o, placedAt: placedAt.toISOString(), placedOn: factoryDate(placedAt, clock.timeZone), expediteRequestedAt };
	});
	return { orders, total };
}

export interface PoLine {
	lineId: string;
	itemId: string | null;
	itemName: string | null;
	uom: string | null;
	qty: number | null;
	unitPrice: number | null;
	/** qty × unitPrice, in the factory's currency. */
	value: number | null;
	expectedDate: string | null;
	confirmedDate: string | null;
	/** The reason code of the last delay. */
	delayReason: string | null;
	receivedQty: number;
	acceptedQty: number;
	rejectedQty: number;
	lastReceivedAt: string | null;
	/** The requisition the line orders, as the order was placed. */
	requisitionId: string | null;
	/** Still to receive after its expected date, as of today at the factory. */
	late: boolean;
	daysLate: number;
	/** The latest request to expedite the line: when, by whom, why; null when none was made. */
	expedite: { at: string; by: string | null; note: string | null } | null;
}

export interface PoDetail {
	poId: string;
	supplierId: string;
	supplierName: string | null;
	placedAt: string;
	custom: Record<string, unknown>;
	lines: PoLine[];
	/** The sum of the lines' values (purchase prices are in the factory's currency). */
	total: Total;
	history: StoredEvent[];
}

type LineRow = Omit<PoLine, 'lastReceivedAt' | 'requisitionId' | 'late' | 'daysLate' | 'expedite' | 'value'> & {
	lastReceivedAt: Date | string | null;
	expediteAt: Date | string | null;
	expediteBy: string | null;
	expediteNote: string | null;
};

const LINE_COLUMNS = `l.line_id as "lineId", l.item_id as "itemId", i.name as "itemName", i.uom, l.qty::float8 as qty,
	l.unit_price::float8 as "unitPrice", to_char(l.expected_date, 'YYYY-MM-DD') as "expectedDate",
	to_char(l.confirmed_date, 'YYYY-MM-DD') as "confirmedDate", l.delay_reason as "delayReason",
	l.received_qty::float8 as "receivedQty", l.accepted_qty::float8 as "acceptedQty", l.rejected_qty::float8 as "rejectedQty",
	l.last_received_at as "lastReceivedAt", l.expedite_requested_at as "expediteAt", l.expedite_requested_by as "expediteBy",
	l.expedite_note as "expediteNote"`;

/** One order with its lines (lateness as of `today`, YYYY-MM-DD at the factory) and its history; null when unknown. */
export async function getPurchaseOrder(q: Queryable, poId: string, today: string): Promise<PoDetail | null> {
	const h = (
		await q.query<{ supplierId: string; supplierName: string | null; placedAt: Date | string; custom: Record<string, unknown> }>(
			`select o.supplier_id as "supplierId", s.name as "supplierName", o.placed_at as "placedAt", o.custom
			from purchase_orders o left join suppliers s on s.supplier_id = o.supplier_id where o.po_id = $1`,
			[poId]
		)
	).rows[0];
	if (!h) return null;
	const lines = (await q.query<LineRow>(`select ${LINE_COLUMNS} from purchase_order_lines l left join items i on i.item_id = l.item_id where l.po_id = $1`, [poId])).rows;
	const history = await purchaseOrderHistory(q, poId);
	// The requisitions are on the order as placed (the newest placement), not in the lines' projection.
	const placed = history.find((e) => e.type === 'purchase_order.placed');
	const fromReq = new Map(((placed?.data.lines ?? []) as { lineId: string; requisitionId?: string }[]).map((l) => [l.lineId, l.requisitionId ?? null]));
	// Line ids are codes; "2" comes before "10" for people.
	const poLines = lines
		.map(({ expediteAt, expediteBy, expediteNote, ...l }) => ({
			...l,
			value: lineValue(l.qty, l.unitPrice),
			expedite: expediteAt === null ? null : { at: new Date(expediteAt).toISOString(), by: expediteBy, note: expediteNote },
			lastReceivedAt: l.lastReceivedAt ? new Date(l.lastReceivedAt).toISOString() : null,
			requisitionId: fromReq.get(l.lineId) ?? null,
			...purchaseOrderLineLateness(l, today)
		}))
		.sort((a, b) => a.lineId.localeCompare(b.lineId, 'en', { numeric: true }));
	return {
		poId,
		supplierId: h.supplierId,
		supplierName: h.supplierName,
		placedAt: new Date(h.placedAt).toISOString(),
		custom: h.custom,
		lines: poLines,
		total: total(poLines.map((l) => l.value)),
		history
	};
}

/** The order's events, newest first, through the partial index on their `poId` (migration *_event_keys). */
export async function purchaseOrderHistory(q: Queryable, poId: string, limit = 500): Promise<StoredEvent[]> {
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`select id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data from events
		where data ? 'poId' and data->>'poId' = $1
			and type in ('purchase_order.placed', 'purchase_order.confirmed', 'purchase_order.delayed', 'purchase_order.expedite_requested', 'goods.received',
				'goods.receipt_reversed', 'inspection.recorded', 'inspection.reversed')
		order by occurred_at desc, seq desc limit $2`,
		[poId, limit]
	);
	return r.rows.map(rowToEvent);
}

export interface WaitingLine {
	poId: string;
	lineId: string;
	supplierId: string | null;
	supplierName: string | null;
	itemId: string | null;
	itemName: string | null;
	uom: string | null;
	receivedQty: number;
	inspectedQty: number;
	/** Received and not yet inspected. */
	waitingQty: number;
	lastReceivedAt: string | null;
}

type WaitingRow = Omit<WaitingLine, 'lastReceivedAt'> & { lastReceivedAt: Date | string | null };

// Goods received and not yet inspected; a partial index has this predicate, as written.
const WAITING = 'l.received_qty > l.accepted_qty + l.rejected_qty';

/** Lines with received goods not yet inspected, the longest waiting first. */
export async function listAwaitingInspection(q: Queryable, query: InspectionQuery): Promise<{ lines: WaitingLine[]; total: number }> {
	const params: unknown[] = [];
	let search = '';
	if (query.q) {
		params.push(containing(query.q));
		search = 'and (l.po_id ilike $1 or l.item_id ilike $1 or i.name ilike $1 or o.supplier_id ilike $1 or s.name ilike $1)';
	}
	const from = `from purchase_order_lines l left join purchase_orders o on o.po_id = l.po_id left join suppliers s on s.supplier_id = o.supplier_id
		left join items i on i.item_id = l.item_id
		where ${WAITING} ${search}`;
	const total = (await q.query<{ n: number }>(`select count(*)::int as n ${query.q ? from : `from purchase_order_lines l where ${WAITING}`}`, params)).rows[0].n;
	const r = await q.query<WaitingRow>(
		`select l.po_id as "poId", l.line_id as "lineId", o.supplier_id as "supplierId", s.name as "supplierName", l.item_id as "itemId",
			i.name as "itemName", i.uom, l.received_qty::float8 as "receivedQty", (l.accepted_qty + l.rejected_qty)::float8 as "inspectedQty",
			(l.received_qty - l.accepted_qty - l.rejected_qty)::float8 as "waitingQty", l.last_received_at as "lastReceivedAt"
		${from}
		order by l.last_received_at asc nulls first, l.po_id, l.line_id
		limit $${params.length + 1} offset $${params.length + 2}`,
		[...params, query.pageSize, (query.page - 1) * query.pageSize]
	);
	return { lines: r.rows.map((l) => ({ ...l, lastReceivedAt: l.lastReceivedAt ? new Date(l.lastReceivedAt).toISOString() : null })), total };
}
