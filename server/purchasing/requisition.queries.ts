// Requisitions as pages, the REST API and later planning read them: the list's query (filters, sort,
// pages, all in SQL on indexed columns), the list, one requisition with its history, and approved ones
// by id. Reads the projection and the event log, never writes. "awaiting" means: pending, and the step
// waiting is for one of the reader's roles (taken literally: admin may decide any step but is no step's assignee).
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { rowToEvent } from '../events/read.ts';
import { containing } from '../shared/like-pattern.ts';
import { REQ_FILTERS, pendingStep, type Approval, type ReqFilter, type Rejection } from './requisition-status.ts';

export const requisitionListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	/** Not given: the page picks (awaiting when something waits for the user, else all); the API takes all. */
	status: z.enum(REQ_FILTERS).optional(),
	sort: z.enum(['requisitionId', 'itemId', 'neededBy', 'amount', 'status', 'createdAt']).default('createdAt'),
	dir: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
export type RequisitionListQuery = z.infer<typeof requisitionListQuery>;

export interface RequisitionRow {
	requisitionId: string;
	itemId: string;
	itemName: string | null;
	uom: string | null;
	qty: number;
	neededBy: string;
	supplierId: string | null;
	supplierName: string | null;
	unitPrice: number | null;
	amount: number | null;
	requestedBy: string;
	requesterRole: string;
	ruleId: string | null;
	ruleName: string | null;
	steps: { role: string }[];
	approvals: Approval[];
	status: string;
	poId: string | null;
	createdAt: string;
	/** The step waiting for a decision, when pending. */
	pending: { step: number; role: string } | null;
}

type Row = Omit<RequisitionRow, 'createdAt' | 'pending'> & { createdAt: Date | string };

const COLUMNS = `r.requisition_id as "requisitionId", r.item_id as "itemId", i.name as "itemName", i.uom,
	r.qty::float8 as qty, to_char(r.needed_by, 'YYYY-MM-DD') as "neededBy", r.supplier_id as "supplierId", s.name as "supplierName",
	r.unit_price::float8 as "unitPrice", r.amount::float8 as amount, r.requested_by as "requestedBy", r.requester_role as "requesterRole",
	r.rule_id as "ruleId", ar.name as "ruleName", r.steps, r.approvals, r.status, r.po_id as "poId", r.created_at as "createdAt"`;

const FROM = `from requisitions r left join items i on i.item_id = r.item_id left join suppliers s on s.supplier_id = r.supplier_id
	left join approval_rules ar on ar.rule_id = r.rule_id`;

// The role of the step waiting: steps[number of approvals so far] (pendingStep in SQL; the expression
// is indexed as written, migration *_purchasing_production_reads).
const awaiting = (roles: string) => `r.status = 'pending' and (r.steps -> jsonb_array_length(r.approvals) ->> 'role') = any(${roles}::text[])`;

// Columns that may be null sort last either way; the others keep the plain order their indexes give.
const SORT_COLUMNS: Record<RequisitionListQuery['sort'], string> = {
	requisitionId: 'r.requisition_id',
	itemId: 'r.item_id',
	neededBy: 'r.needed_by',
	amount: 'r.amount',
	status: 'r.status',
	createdAt: 'r.created_at'
};
const NULLABLE = new Set<RequisitionListQuery['sort']>(['amount']);

const toRow = (r: Row): RequisitionRow => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), pending: pendingStep(r) });

/** How many pending requisitions wait for one of these roles: the page's default filter depends on it. */
export async function countAwaiting(q: Queryable, roles: readonly string[]): Promise<number> {
	const r = await q.query<{ n: number }>(`select count(*)::int as n from requisitions r where ${awaiting('$1')}`, [roles]);
	return r.rows[0].n;
}

/** One page of requisitions, `roles` being the reader's (for "awaiting"). */
export async function listRequisitions(
	q: Queryable,
	query: RequisitionListQuery & { status: ReqFilter },
	roles: readonly string[]
): Promise<{ requisitions: RequisitionRow[]; total: number }> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(containing(query.q));
		where.push(`(r.requisition_id ilike $${params.length} or r.item_id ilike $${params.length} or i.name ilike $${params.length})`);
	}
	if (query.status === 'awaiting') {
		params.push(roles);
		where.push(awaiting(`$${params.length}`));
	} else if (query.status !== 'all') {
		params.push(query.status);
		where.push(`r.status = $${params.length}`);
	}
	const w = where.length ? 'where ' + where.join(' and ') : '';
	// The count needs the item's name only to search it.
	const countFrom = query.q ? 'from requisitions r left join items i on i.item_id = r.item_id' : 'from requisitions r';
	const total = (await q.query<{ n: number }>(`select count(*)::int as n ${countFrom} ${w}`, params)).rows[0].n;
	params.push(query.pageSize, (query.page - 1) * query.pageSize);
	const dir = query.dir === 'desc' ? 'desc' : 'asc';
	const nulls = NULLABLE.has(query.sort) ? ' nulls last' : '';
	const r = await q.query<Row>(
		`select ${COLUMNS} ${FROM} ${w}
		order by ${SORT_COLUMNS[query.sort]} ${dir}${nulls}, r.requisition_id ${dir}
		limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { requisitions: r.rows.map(toRow), total };
}

export interface RequisitionDetail {
	requisition: RequisitionRow;
	/** Who rejected it, at which step, when and why; null unless rejected. */
	rejection: Rejection | null;
	history: StoredEvent[];
}

const EVENT_COLUMNS = 'id, seq, tx::text as tx, type, occurred_at, received_at, source, actor, reported_by, data';

/**
 * Its events and the orders that ordered it, newest first (the record's timeline, with actors). Each
 * half reads only this requisition's events through its index (migrations *_event_keys and
 * *_requisition_keys): the conditions repeat the indexes' predicates and expressions as written.
 */
export async function requisitionHistory(q: Queryable, requisitionId: string, limit = 200): Promise<StoredEvent[]> {
	const r = await q.query<Parameters<typeof rowToEvent>[0]>(
		`(select ${EVENT_COLUMNS} from events
			where data ? 'requisitionId' and data->>'requisitionId' = $1
				and type in ('requisition.created', 'requisition.approved', 'requisition.rejected'))
		union all
		(select ${EVENT_COLUMNS} from events
			where type = 'purchase_order.placed' and jsonb_path_exists(data, '$.lines[*].requisitionId')
				and jsonb_path_query_array(data, '$.lines[*].requisitionId') @> jsonb_build_array($1::text))
		order by occurred_at desc, seq desc limit $2`,
		[requisitionId, limit]
	);
	return r.rows.map(rowToEvent);
}

export async function getRequisition(q: Queryable, requisitionId: string): Promise<RequisitionDetail | null> {
	const row = (await q.query<Row>(`select ${COLUMNS} ${FROM} where r.requisition_id = $1`, [requisitionId])).rows[0];
	if (!row) return null;
	const history = await requisitionHistory(q, requisitionId);
	const rejected = row.status === 'rejected' ? history.find((e) => e.type === 'requisition.rejected') : undefined;
	const rejection: Rejection | null = rejected
		? {
				step: Number(rejected.data.step),
				role: String(rejected.data.role),
				by: rejected.actor ?? rejected.source,
				at: rejected.occurredAt,
				...(typeof rejected.data.note === 'string' ? { note: rejected.data.note } : {})
			}
		: null;
	return { requisition: toRow(row), rejection, history };
}

/** Approved requisitions by id, to prefill a new purchase order; ids not found or not approved are left out. */
export async function approvedRequisitions(q: Queryable, ids: readonly string[]): Promise<RequisitionRow[]> {
	if (!ids.length) return [];
	const r = await q.query<Row>(`select ${COLUMNS} ${FROM} where r.requisition_id = any($1::text[]) and r.status = 'approved'`, [ids]);
	const byId = new Map(r.rows.map((row) => [row.requisitionId, toRow(row)]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
