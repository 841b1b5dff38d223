// Purchasing projections of the fixed event types: purchase orders, their lines and received quantities.
// Receipts add up whatever their arrival order, like shipments in sales. Updates that arrive before the
// requisition or order line they update are applied when it arrives (applyEarlyRequisitionUpdates,
// placementAppliesEarlyLineUpdates).
import type { z } from 'zod';
import type { FixedData } from '../events/catalogue.ts';
import { DEFAULT_APPROVAL_RULES } from './approval.ts';
import type {
	ApprovalRule,
	goodsReceiptReversedSchema,
	inspectionReversedSchema,
	inspectionRecordedSchema,
	purchaseOrderConfirmedSchema,
	purchaseOrderDelayedSchema,
	purchaseOrderExpediteRequestedSchema,
	requisitionApprovedSchema,
	requisitionCreatedSchema,
	requisitionRejectedSchema,
	supplierItemUpsertedSchema
} from './schemas.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import { guardReversals, recordReversals } from '../events/reversal.ts';
import { refuseEvent } from '../events/refusal.ts';
import { guardReasons } from '../sales/reason-guard.ts';
import { INSPECTION_REVERSAL, RECEIPT_REVERSAL, receiptReversalRefusal } from './rules.ts';
import { eventsBefore } from '../events/read.ts';
import type { StoredEvent } from '../events/envelope.ts';
import type { Queryable } from '../db/db.ts';
import { initialRequisitionStatus, requisitionMachine } from './requisition-state.ts';
import { checkReceipts, guardConfirmations, guardDelays, guardExpediteRequests, guardInspections, guardPlacements, guardSupplierItems } from './guards.ts';

export const purchaseOrderPlaced: Projector<FixedData<'purchase_order.placed'>> = {
	type: 'purchase_order.placed',
	guard: guardPlacements,
	async apply(tx, events) {
		const latest = latestPerKey(events, (e) => e.data.poId);
		const upserted = await tx.query<{ po_id: string; replaced: boolean }>(
			`insert into purchase_orders (po_id, supplier_id, placed_at, custom, version_at, version_id)
			select po_id, supplier_id, version_at, custom, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(po_id text, supplier_id text, custom jsonb, version_at timestamptz, version_id uuid)
			on conflict (po_id) do update set supplier_id = excluded.supplier_id, placed_at = excluded.placed_at, custom = excluded.custom,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (purchase_orders.version_at, purchase_orders.version_id) < (excluded.version_at, excluded.version_id)
			returning po_id, xmax <> 0 as replaced`,
			[asJson(latest.map((e) => ({ po_id: e.data.poId, supplier_id: e.data.supplierId, custom: e.data.custom ?? {}, version_at: e.occurredAt, version_id: e.id })))]
		);
		const lines = latest.flatMap((e) =>
			e.data.lines.map((l) => ({
				po_id: e.data.poId,
				line_id: l.lineId,
				item_id: l.itemId,
				qty: l.qty,
				unit_price: l.unitPrice,
				expected_date: l.expectedDate,
				version_at: e.occurredAt,
				version_id: e.id
			}))
		);
		lines.sort((a, b) => (a.po_id + '\u0000' + a.line_id < b.po_id + '\u0000' + b.line_id ? -1 : 1));
		await tx.query(
			`insert into purchase_order_lines (po_id, line_id, item_id, qty, unit_price, expected_date, version_at, version_id)
			select po_id, line_id, item_id, qty, unit_price, expected_date, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(po_id text, line_id text, item_id text, qty numeric, unit_price numeric,
				expected_date date, version_at timestamptz, version_id uuid)
			on conflict (po_id, line_id) do update set item_id = excluded.item_id, qty = excluded.qty,
				unit_price = excluded.unit_price, expected_date = excluded.expected_date,
				version_at = excluded.version_at, version_id = excluded.version_id
			where purchase_order_lines.version_at is null
				or (purchase_order_lines.version_at, purchase_order_lines.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(lines)]
		);
		// A newer version of an order replaces its lines: lines it no longer has go, unless goods already
		// moved against them (then they stay, as the record of that movement). Orders this batch inserted
		// for the first time (xmax unset: not the update branch) cannot have such lines: skip them.
		const firstSeen = new Set(upserted.rows.filter((r) => !r.replaced).map((r) => r.po_id));
		const replaced = latest.map((e) => e.data.poId).filter((id) => !firstSeen.has(id));
		if (replaced.length) await tx.query(
			`delete from purchase_order_lines l using purchase_orders h
			where h.po_id = any($1::text[]) and l.po_id = h.po_id
				and l.version_id is not null and l.version_id <> h.version_id and (l.version_at, l.version_id) < (h.version_at, h.version_id)
				and l.received_qty = 0`,
			[replaced]
		);
	}
};

/** Received quantities add up; live, the lines as this write left them must satisfy the receipt rule. */
export const goodsReceived: Projector<FixedData<'goods.received'>> = {
	type: 'goods.received',
	async apply(tx, events, ctx) {
		const sums = new Map<string, { po_id: string; line_id: string; qty: number; at: string }>();
		for (const e of events) {
			const k = e.data.poId + '\u0000' + e.data.lineId;
			const cur = sums.get(k);
			if (cur) {
				cur.qty += e.data.qty;
				if (Date.parse(e.occurredAt) > Date.parse(cur.at)) cur.at = e.occurredAt;
			} else sums.set(k, { po_id: e.data.poId, line_id: e.data.lineId, qty: e.data.qty, at: e.occurredAt });
		}
		const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
		const lines = await tx.query<{ po_id: string; line_id: string; qty: number | null; received: number; known: boolean }>(
			`insert into purchase_order_lines (po_id, line_id, received_qty, last_received_at)
			select po_id, line_id, qty, at from jsonb_to_recordset($1::jsonb) as x(po_id text, line_id text, qty numeric, at timestamptz)
			on conflict (po_id, line_id) do update set received_qty = purchase_order_lines.received_qty + excluded.received_qty,
				last_received_at = greatest(purchase_order_lines.last_received_at, excluded.last_received_at)
			returning po_id, line_id, qty::float8 as qty, received_qty::float8 as received,
				exists (select 1 from purchase_orders h where h.po_id = purchase_order_lines.po_id) as known`,
			[asJson(rows)]
		);
		if (ctx?.checkRules) checkReceipts(events, lines.rows);
	}
};

/**
 * A receipt taken back: the line awaits its quantity again, and its last receipt is the latest one not
 * reversed. Quantities come from the receipt as the log holds it. Live, what the line received may not
 * fall below what was inspected (inspected goods are corrected by correcting the inspection first).
 */
export const goodsReceiptReversed: Projector<z.infer<typeof goodsReceiptReversedSchema>> = {
	type: 'goods.receipt_reversed',
	async guard(tx, events) {
		await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'correction', code: e.data.reasonCode })));
		await guardReversals(tx, RECEIPT_REVERSAL, events);
	},
	async apply(tx, events, ctx) {
		await recordReversals(tx, RECEIPT_REVERSAL, events);
		const lines = await tx.query<{ po_id: string; line_id: string; qty: number; received: number; inspected: number }>(
			`with x as (
				select g.data->>'poId' as po_id, g.data->>'lineId' as line_id, sum((g.data->>'qty')::numeric) as qty
				from jsonb_to_recordset($1::jsonb) as r(id uuid) join events g on g.id = r.id and g.type = 'goods.received'
				group by 1, 2 order by 1, 2
			)
			update purchase_order_lines l set received_qty = l.received_qty - x.qty,
				last_received_at = (select max(g.occurred_at) from events g
					where g.data ? 'poId' and g.data->>'poId' = l.po_id and g.data->>'lineId' = l.line_id and g.type = 'goods.received'
						and not exists (select 1 from reversals v where v.event_id = g.id))
			from x where l.po_id = x.po_id and l.line_id = x.line_id
			returning l.po_id, l.line_id, x.qty::float8 as qty, l.received_qty::float8 as received, (l.accepted_qty + l.rejected_qty)::float8 as inspected`,
			[asJson(events.map((e) => ({ id: e.data.receiptId })))]
		);
		if (!ctx?.checkRules) return;
		for (const l of lines.rows) {
			const first = events.find((e) => e.data.poId === l.po_id && e.data.lineId === l.line_id);
			if (first) refuseEvent(first.id, receiptReversalRefusal({ received: l.received + l.qty, inspected: l.inspected }, l.qty));
		}
	}
};

/** Empties this capability's projections before a rebuild; the default approval rules come back at once. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate purchase_orders, purchase_order_lines, supplier_items, approval_rules, requisitions');
	await ensureDefaultApprovalRules(tx);
}

// ---- supplier terms, approval rules, requisitions, confirmations, delays, inspections ----

type Data<S extends z.ZodType> = z.infer<S>;

export const supplierItemUpserted: Projector<Data<typeof supplierItemUpsertedSchema>> = {
	type: 'supplier_item.upserted',
	guard: guardSupplierItems,
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => `${e.data.supplierId}\u0000${e.data.itemId}`).map((e) => ({
			...e.data,
			moq: e.data.moq ?? null,
			orderMultiple: e.data.orderMultiple ?? null,
			at: e.occurredAt,
			id: e.id
		}));
		await tx.query(
			`insert into supplier_items (supplier_id, item_id, price, lead_time_days, moq, order_multiple, version_at, version_id)
			select "supplierId", "itemId", price, "leadTimeDays", moq, "orderMultiple", at, id from jsonb_to_recordset($1::jsonb)
				as x("supplierId" text, "itemId" text, price numeric, "leadTimeDays" numeric, moq numeric, "orderMultiple" numeric, at timestamptz, id uuid)
			on conflict (supplier_id, item_id) do update set price = excluded.price, lead_time_days = excluded.lead_time_days,
				moq = excluded.moq, order_multiple = excluded.order_multiple, version_at = excluded.version_at, version_id = excluded.version_id
			where (supplier_items.version_at, supplier_items.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const approvalRuleUpserted: Projector<ApprovalRule> = {
	type: 'approval_rule.upserted',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.ruleId).map((e) => ({ ...e.data, at: e.occurredAt, id: e.id }));
		await tx.query(
			`insert into approval_rules (rule_id, name, priority, conditions, steps, active, version_at, version_id)
			select "ruleId", name, priority, conditions, steps, active, at, id from jsonb_to_recordset($1::jsonb)
				as x("ruleId" text, name text, priority int, conditions jsonb, steps jsonb, active boolean, at timestamptz, id uuid)
			on conflict (rule_id) do update set name = excluded.name, priority = excluded.priority, conditions = excluded.conditions,
				steps = excluded.steps, active = excluded.active, version_at = excluded.version_at, version_id = excluded.version_id
			where (approval_rules.version_at, approval_rules.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const requisitionCreated: Projector<Data<typeof requisitionCreatedSchema>> = {
	type: 'requisition.created',
	async apply(tx, events) {
		const rows = events.map((e) => ({
			...e.data,
			supplierId: e.data.supplierId ?? null,
			unitPrice: e.data.unitPrice ?? null,
			requestedBy: e.actor ?? e.source,
			status: initialRequisitionStatus(e.data.autoApproved),
			at: e.occurredAt,
			plannedOrderId: e.data.plannedOrderId ?? null,
			pegs: e.data.pegs ?? null
		}));
		const inserted = await tx.query<{ requisition_id: string }>(
			`insert into requisitions (requisition_id, item_id, qty, needed_by, supplier_id, unit_price, amount, requested_by, requester_role,
				rule_id, steps, status, created_at, planned_order_id, pegs)
			select "requisitionId", "itemId", qty, "neededBy", "supplierId", "unitPrice", qty * "unitPrice", "requestedBy", "requesterRole",
				"ruleId", steps, status, at, "plannedOrderId", pegs
			from jsonb_to_recordset($1::jsonb) as x("requisitionId" text, "itemId" text, qty numeric, "neededBy" date, "supplierId" text,
				"unitPrice" numeric, "requestedBy" text, "requesterRole" text, "ruleId" text, steps jsonb, status text, at timestamptz,
				"plannedOrderId" text, pegs jsonb)
			on conflict (requisition_id) do nothing
			returning requisition_id`,
			[asJson(rows)]
		);
		if (inserted.rows.length) await applyEarlyRequisitionUpdates(tx, inserted.rows.map((r) => r.requisition_id).sort(), events[0].id);
	}
};

/**
 * Approvals, rejections and purchase orders that arrived before their requisition (an ERP may send
 * them in any order) count once it arrives: those of earlier transactions, in log order; this
 * transaction's own are applied after this event by their projectors (types apply in registration
 * order). While the requisition never arrives they wait in the log and change nothing.
 */
async function applyEarlyRequisitionUpdates(tx: Queryable, requisitionIds: string[], createdEventId: string): Promise<void> {
	const early = await eventsBefore(tx, { key: 'requisitionId', values: requisitionIds, types: ['requisition.approved', 'requisition.rejected'], before: createdEventId });
	for (const e of early) {
		if (e.type === 'requisition.approved') await applyApproval(tx, e as StoredEvent<Data<typeof requisitionApprovedSchema>>);
		else await applyRejection(tx, e as StoredEvent<Data<typeof requisitionRejectedSchema>>);
	}
	// Orders name requisitions inside their lines, which the key index cannot see: a GIN index on the
	// requisition ids of order lines (migration *_requisition_keys) finds them.
	const ordered = await tx.query<{ id: string; po: string }>(
		`select r.id, e.data->>'poId' as po
		from events e cross join lateral jsonb_array_elements_text(jsonb_path_query_array(e.data, '$.lines[*].requisitionId')) as r(id)
		where e.type = 'purchase_order.placed' and jsonb_path_exists(e.data, '$.lines[*].requisitionId')
			and jsonb_path_query_array(e.data, '$.lines[*].requisitionId') ?| $1::text[]
			and e.tx < (select tx from events where id = $2) and r.id = any($1::text[])
		order by e.tx, e.seq`,
		[requisitionIds, createdEventId]
	);
	await markOrdered(tx, ordered.rows);
}

/**
 * Approvals accumulate, kept in step order whatever order they arrive in; the last step approved
 * makes a pending requisition approved, or ordered when an order already names it.
 */
async function applyApproval(tx: Queryable, e: StoredEvent<Data<typeof requisitionApprovedSchema>>): Promise<void> {
	await tx.query(
		`update requisitions set approvals = (
				select jsonb_agg(a order by (a->>'step')::int, a->>'at', a->>'by')
				from jsonb_array_elements(approvals || jsonb_build_array(jsonb_strip_nulls(
					jsonb_build_object('step', $2::int, 'role', $3::text, 'by', $4::text, 'at', $5::text, 'note', $7::text)))) as a
			),
			status = case when $2::int + 1 >= jsonb_array_length(steps) and status = any($6::text[])
				then (case when po_id is null then 'approved' else 'ordered' end) else status end
		where requisition_id = $1`,
		[e.data.requisitionId, e.data.step, e.data.role, e.actor ?? e.source, e.occurredAt, requisitionMachine.sourcesOf('approved'), e.data.note ?? null]
	);
}

async function applyRejection(tx: Queryable, e: StoredEvent<Data<typeof requisitionRejectedSchema>>): Promise<void> {
	await tx.query(`update requisitions set status = 'rejected' where requisition_id = $1 and status = any($2::text[])`, [
		e.data.requisitionId,
		requisitionMachine.sourcesOf('rejected')
	]);
}

/**
 * Rows in log order; when several orders name one requisition, the last one is the order it shows. Only
 * an approved requisition becomes ordered; a pending one keeps the order and waits for its approvals.
 */
async function markOrdered(tx: Queryable, rows: { id: string; po: string }[]): Promise<void> {
	if (!rows.length) return;
	const last = new Map(rows.map((r) => [r.id, r.po]));
	await tx.query(
		`update requisitions r set po_id = x.po, status = case when r.status = any($2::text[]) then 'ordered' else r.status end
		from jsonb_to_recordset($1::jsonb) as x(id text, po text) where r.requisition_id = x.id`,
		[asJson([...last].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, po]) => ({ id, po }))), requisitionMachine.sourcesOf('ordered')]
	);
}

/** Approvals of a requisition not stored yet change nothing now; its arrival applies them. */
export const requisitionApproved: Projector<Data<typeof requisitionApprovedSchema>> = {
	type: 'requisition.approved',
	async apply(tx, events) {
		for (const e of events) await applyApproval(tx, e);
	}
};

export const requisitionRejected: Projector<Data<typeof requisitionRejectedSchema>> = {
	type: 'requisition.rejected',
	async apply(tx, events) {
		for (const e of events) await applyRejection(tx, e);
	}
};

/** Lines placed from a requisition mark it ordered. */
export const purchaseOrderOrdersRequisitions: Projector<FixedData<'purchase_order.placed'>> = {
	type: 'purchase_order.placed',
	async apply(tx, events) {
		await markOrdered(tx, events.flatMap((e) => e.data.lines.filter((l) => l.requisitionId).map((l) => ({ id: l.requisitionId!, po: e.data.poId }))));
	}
};

type Confirmed = StoredEvent<Data<typeof purchaseOrderConfirmedSchema>>;
type Delayed = StoredEvent<Data<typeof purchaseOrderDelayedSchema>>;
const lineKey = (poId: string, lineId: string) => poId + '\u0000' + lineId;

/** `only`, when given, limits a confirmation to those order lines. */
async function applyConfirmation(tx: Queryable, e: Confirmed, only?: Set<string>): Promise<void> {
	for (const l of e.data.lines) {
		if (only && !only.has(lineKey(e.data.poId, l.lineId))) continue;
		await tx.query('update purchase_order_lines set confirmed_date = $3, expected_date = $3 where po_id = $1 and line_id = $2', [e.data.poId, l.lineId, l.confirmedDate]);
	}
}

async function applyDelay(tx: Queryable, e: Delayed): Promise<void> {
	await tx.query('update purchase_order_lines set expected_date = $3, delay_reason = $4 where po_id = $1 and line_id = $2', [
		e.data.poId,
		e.data.lineId,
		e.data.expectedDate,
		e.data.reasonCode
	]);
}

/** Confirmations and delays of lines not placed yet change nothing now; the placement applies them. */
export const purchaseOrderConfirmed: Projector<Data<typeof purchaseOrderConfirmedSchema>> = {
	type: 'purchase_order.confirmed',
	guard: guardConfirmations,
	async apply(tx, events) {
		for (const e of events) await applyConfirmation(tx, e);
	}
};

export const purchaseOrderDelayed: Projector<Data<typeof purchaseOrderDelayedSchema>> = {
	type: 'purchase_order.delayed',
	guard: guardDelays,
	async apply(tx, events) {
		for (const e of events) await applyDelay(tx, e);
	}
};

/**
 * Confirmations and delays that arrived before their order line (a supplier portal may be ahead of
 * the ERP) count once a placement first names that line: those of earlier transactions, in log
 * order, as if they had arrived just after it. A line an earlier transaction placed already had them
 * applied on arrival, so they are not applied twice. Registered after purchaseOrderPlaced, so the lines
 * exist. Confirmations and delays of a line no placement ever names wait in the log and change nothing.
 */
export const placementAppliesEarlyLineUpdates: Projector<FixedData<'purchase_order.placed'>> = {
	type: 'purchase_order.placed',
	async apply(tx, events) {
		const poIds = [...new Set(events.map((e) => e.data.poId))].sort();
		const earlier = await eventsBefore(tx, {
			key: 'poId',
			values: poIds,
			types: ['purchase_order.placed', 'purchase_order.confirmed', 'purchase_order.delayed'],
			before: events[0].id
		});
		const placedBefore = new Set(
			earlier.filter((e) => e.type === 'purchase_order.placed').flatMap((e) => (e as StoredEvent<FixedData<'purchase_order.placed'>>).data.lines.map((l) => lineKey(e.data.poId as string, l.lineId)))
		);
		const firstPlaced = new Set(events.flatMap((e) => e.data.lines.map((l) => lineKey(e.data.poId, l.lineId))).filter((k) => !placedBefore.has(k)));
		for (const e of earlier) {
			if (e.type === 'purchase_order.confirmed') await applyConfirmation(tx, e as Confirmed, firstPlaced);
			else if (e.type === 'purchase_order.delayed' && firstPlaced.has(lineKey((e as Delayed).data.poId, (e as Delayed).data.lineId))) await applyDelay(tx, e as Delayed);
		}
	}
};

/** The latest request by business time stands on the line: when, who asked, and their note. */
export const purchaseOrderExpediteRequested: Projector<Data<typeof purchaseOrderExpediteRequestedSchema>> = {
	type: 'purchase_order.expedite_requested',
	guard: guardExpediteRequests,
	async apply(tx, events) {
		for (const e of latestPerKey(events, (x) => lineKey(x.data.poId, x.data.lineId))) {
			await tx.query(
				`update purchase_order_lines set expedite_requested_at = $3, expedite_requested_by = $4, expedite_note = $5
				where po_id = $1 and line_id = $2 and (expedite_requested_at is null or expedite_requested_at <= $3)`,
				[e.data.poId, e.data.lineId, e.occurredAt, e.actor ?? e.source, e.data.note ?? null]
			);
		}
	}
};

/** Inspections add up on their line whatever their arrival order; one before its order or receipt makes the line. */
export const inspectionRecorded: Projector<Data<typeof inspectionRecordedSchema>> = {
	type: 'inspection.recorded',
	guard: guardInspections,
	async apply(tx, events) {
		for (const e of events) {
			await tx.query(
				`insert into purchase_order_lines (po_id, line_id, accepted_qty, rejected_qty) values ($1, $2, $3, $4)
				on conflict (po_id, line_id) do update set accepted_qty = purchase_order_lines.accepted_qty + excluded.accepted_qty,
					rejected_qty = purchase_order_lines.rejected_qty + excluded.rejected_qty`,
				[e.data.poId, e.data.lineId, e.data.acceptedQty, e.data.rejectedQty]
			);
		}
	}
};

/** An inspection taken back: the line's accepted and rejected quantities lose it (its goods wait in QC again). */
export const inspectionReversed: Projector<Data<typeof inspectionReversedSchema>> = {
	type: 'inspection.reversed',
	async guard(tx, events) {
		await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'correction', code: e.data.reasonCode })));
		await guardReversals(tx, INSPECTION_REVERSAL, events);
	},
	async apply(tx, events) {
		await recordReversals(tx, INSPECTION_REVERSAL, events);
		await tx.query(
			`with x as (
				select i.data->>'poId' as po_id, i.data->>'lineId' as line_id,
					sum((i.data->>'acceptedQty')::numeric) as accepted, sum((i.data->>'rejectedQty')::numeric) as rejected
				from jsonb_to_recordset($1::jsonb) as r(id uuid) join events i on i.id = r.id and i.type = 'inspection.recorded'
				group by 1, 2 order by 1, 2
			)
			update purchase_order_lines l set accepted_qty = l.accepted_qty - x.accepted, rejected_qty = l.rejected_qty - x.rejected
			from x where l.po_id = x.po_id and l.line_id = x.line_id`,
			[asJson(events.map((e) => ({ id: e.data.inspectionId })))]
		);
	}
};

/** The rules every installation starts with, inserted at start when missing, and after a rebuild. */
export async function ensureDefaultApprovalRules(q: Queryable): Promise<void> {
	await q.query(
		`insert into approval_rules (rule_id, name, priority, conditions, steps, active, version_at, version_id)
		select "ruleId", name, priority, conditions, steps, active, '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'
		from jsonb_to_recordset($1::jsonb) as x("ruleId" text, name text, priority int, conditions jsonb, steps jsonb, active boolean)
		on conflict (rule_id) do nothing`,
		[asJson(DEFAULT_APPROVAL_RULES)]
	);
}

export const purchasingProjectors = [
	supplierItemUpserted,
	approvalRuleUpserted,
	requisitionCreated,
	requisitionApproved,
	requisitionRejected,
	purchaseOrderPlaced,
	purchaseOrderOrdersRequisitions,
	placementAppliesEarlyLineUpdates,
	purchaseOrderConfirmed,
	purchaseOrderDelayed,
	purchaseOrderExpediteRequested,
	goodsReceived,
	goodsReceiptReversed,
	inspectionRecorded,
	inspectionReversed
] as Projector[];
