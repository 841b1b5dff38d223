// What-if for one sales order line: a new quantity or date, and what the plan would do about it —
// planned orders added, removed or changed, exception messages that appear or go, and when the line
// could be complete — before anything is committed. Loads the planning input as a run would, changes
// the line's demand in memory, and runs the pure engine twice (the input as it is, and as changed) so
// the difference is the change's alone, not whatever happened since the stored plan. Writes nothing.
import type { Queryable } from '../db/db.ts';
import { bucketOf, dateOf, type PlanCalendar } from './calendar.ts';
import { loadPlanInput, type DemandProvider } from './inputs.queries.ts';
import { planRegenerative } from './mrp.ts';
import { diffPlans, type OrderFacts } from './plan-diff.ts';
import { assessRisks, type RiskLine } from './risk.ts';
import { loadReceiptFacts } from './risk-events.ts';
import { storedCause, type StoredCause } from './risk-messages.ts';
import { LIVE_PLAN_OPTIONS } from './run.ts';
import { plannedOrderIds, supplyKey, type InspectionLines } from './store.ts';
import type { Demand, Plan, PlanException, PlanInput } from './types.ts';

export interface WhatIfChange {
	orderId: string;
	lineId: string;
	/** The line's new ordered quantity (what is shipped already stays shipped). */
	qty?: number;
	/** The line's new date (YYYY-MM-DD): the date the plan works to, as a promise or request is. */
	date?: string;
}

export interface WhatIfLine {
	orderId: string;
	lineId: string;
	itemId: string;
	qty: number;
	shippedQty: number;
	/** Promised, else requested. */
	date: string;
}

/** A planned order as the workbench shows it: stored id, dates. */
export interface PlannedOrderView {
	id: string;
	itemId: string;
	kind: 'make' | 'buy';
	qty: number;
	releaseDate: string;
	dueDate: string;
}

export interface ExceptionView {
	kind: string;
	itemId: string;
	ref: { kind: string; id: string; lineId: string } | null;
	plannedOrderId: string | null;
	date: string | null;
	days: number | null;
	qty: number | null;
}

/** When the line can be complete and why it is late, if it is; null when no supply is pegged to it. */
export interface LineOutlook {
	dueDate: string;
	expectedDate: string | null;
	daysLate: number;
	causes: StoredCause[];
}

export interface WhatIfResult {
	line: WhatIfLine;
	changed: { qty: number; date: string };
	added: PlannedOrderView[];
	removed: PlannedOrderView[];
	changedOrders: { before: PlannedOrderView; after: PlannedOrderView }[];
	exceptionsAdded: ExceptionView[];
	exceptionsRemoved: ExceptionView[];
	exceptionsChanged: { before: ExceptionView; after: ExceptionView }[];
	before: LineOutlook;
	after: LineOutlook;
}

export interface WhatIfContext {
	q: Queryable;
	calendar: PlanCalendar;
	timeZone: string;
	demandProviders?: readonly DemandProvider[];
}

/** The line as it stands; null when the order has no such line (or it is cancelled). */
export async function loadWhatIfLine(q: Queryable, orderId: string, lineId: string): Promise<WhatIfLine | null> {
	const r = await q.query<WhatIfLine>(
		`select order_id as "orderId", line_id as "lineId", item_id as "itemId", qty::float8 as qty, shipped_qty::float8 as "shippedQty",
			to_char(coalesce(promised_date, requested_date), 'YYYY-MM-DD') as date
		from sales_order_lines where order_id = $1 and line_id = $2 and cancelled_at is null and item_id is not null and qty is not null`,
		[orderId, lineId]
	);
	return r.rows[0] ?? null;
}

const isLine = (d: Demand, orderId: string, lineId: string) => d.source.kind === 'sales_order_line' && d.source.orderId === orderId && d.source.lineId === lineId;

/**
 * The input with the line's demand as changed: its open quantity and bucket; none when nothing is left
 * open or the date falls outside the horizon (as the live input loads such a line).
 */
export function withChangedLine(input: PlanInput, line: WhatIfLine, qty: number, bucket: number): PlanInput {
	const demands = input.demands.filter((d) => !isLine(d, line.orderId, line.lineId));
	const open = qty - line.shippedQty;
	if (open > 1e-9 && bucket < input.buckets && input.items.some((i) => i.id === line.itemId)) {
		demands.push({ itemId: line.itemId, bucket, qty: open, source: { kind: 'sales_order_line', orderId: line.orderId, lineId: line.lineId } });
	}
	return { ...input, demands };
}

function outlook(plan: Plan, input: PlanInput, line: WhatIfLine, dueBucket: number, cal: PlanCalendar, facts: Awaited<ReturnType<typeof loadReceiptFacts>>): LineOutlook {
	const risk: RiskLine = { orderId: line.orderId, lineId: line.lineId, itemId: line.itemId, dueBucket };
	const late = assessRisks(plan, input, [risk], facts)[0];
	if (late) return { dueDate: dateOf(cal, dueBucket), expectedDate: dateOf(cal, late.expectedBucket), daysLate: late.daysLate, causes: late.causes.map((c) => storedCause(c, cal.startDate)) };
	// On time: the same walk with a due date nothing can meet tells when it is complete.
	const any = assessRisks(plan, input, [{ ...risk, dueBucket: Number.NEGATIVE_INFINITY }], facts)[0];
	return { dueDate: dateOf(cal, dueBucket), expectedDate: any ? dateOf(cal, Math.max(any.expectedBucket, 0)) : null, daysLate: 0, causes: [] };
}

function orderView(o: OrderFacts, ids: Map<string, string>, cal: PlanCalendar): PlannedOrderView {
	return { id: ids.get(o.id) ?? o.id, itemId: o.itemId, kind: o.kind, qty: o.qty, releaseDate: dateOf(cal, o.releaseBucket), dueDate: dateOf(cal, o.receiptBucket) };
}

function exceptionView(e: PlanException, ids: Map<string, string>, cal: PlanCalendar, inspections: InspectionLines): ExceptionView {
	const ref = e.ref ? supplyKey(e.ref, inspections) : null;
	return {
		kind: e.kind,
		itemId: e.itemId,
		ref: ref ? { kind: ref[0], id: ref[1], lineId: ref[2] } : null,
		plannedOrderId: e.plannedOrderId ? (ids.get(e.plannedOrderId) ?? e.plannedOrderId) : null,
		date: e.bucket === undefined ? null : dateOf(cal, e.bucket),
		days: e.days ?? null,
		qty: e.qty ?? null
	};
}

/** The plan's difference if the line had `change`; null when the line is unknown. */
export async function whatIf(ctx: WhatIfContext, change: WhatIfChange): Promise<WhatIfResult | null> {
	const line = await loadWhatIfLine(ctx.q, change.orderId, change.lineId);
	if (!line) return null;
	const cal = ctx.calendar;
	const input = await loadPlanInput({ q: ctx.q, calendar: cal, timeZone: ctx.timeZone }, ctx.demandProviders);
	const facts = await loadReceiptFacts(ctx.q);
	const qty = change.qty ?? line.qty;
	const date = change.date ?? line.date;
	const changedInput = withChangedLine(input, line, qty, bucketOf(cal, date));
	const before = planRegenerative(input, LIVE_PLAN_OPTIONS);
	const after = planRegenerative(changedInput, LIVE_PLAN_OPTIONS);
	const d = diffPlans(before, after);
	const idsBefore = plannedOrderIds(before, cal);
	const idsAfter = plannedOrderIds(after, cal);
	const ex = (e: PlanException, ids: Map<string, string>) => exceptionView(e, ids, cal, input.inspections);
	return {
		line,
		changed: { qty, date },
		added: d.added.map((o) => orderView(o, idsAfter, cal)),
		removed: d.removed.map((o) => orderView(o, idsBefore, cal)),
		changedOrders: d.changed.map((c) => ({ before: orderView(c.before, idsBefore, cal), after: orderView(c.after, idsAfter, cal) })),
		exceptionsAdded: d.exceptionsAdded.map((e) => ex(e, idsAfter)),
		exceptionsRemoved: d.exceptionsRemoved.map((e) => ex(e, idsBefore)),
		exceptionsChanged: d.exceptionsChanged.map((c) => ({ before: ex(c.before, idsBefore), after: ex(c.after, idsAfter) })),
		before: outlook(before, input, line, bucketOf(cal, line.date), cal, facts),
		after: outlook(after, changedInput, line, bucketOf(cal, date), cal, facts)
	};
}
