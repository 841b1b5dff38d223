// Production projection of the fixed event type: one row per production report.
import type { z } from 'zod';
import type { FixedData } from '../events/catalogue.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type {
	operationStartedSchema,
	productionOrderCreatedSchema,
	productionOrderStepSchema,
	routingReplacedSchema,
	workCenterStatusChangedSchema,
	workCenterUpsertedSchema
} from './schemas.ts';
import type { Queryable } from '../db/db.ts';
import { ORDER_INITIAL, orderMachine } from './order-state.ts';
import { recordReversals } from '../events/reversal.ts';
import { guardReportReversals, REPORT_REVERSAL } from './report-reversal.ts';
import { checkOverProduction } from './over-production.ts';
import { guardReasons } from '../sales/reason-guard.ts';
import type { productionReportReversedSchema } from './schemas.ts';
import { guardCancellations, guardCompletions, guardOrdersCreated, guardReleases, guardReschedules, guardRoutings, guardStatusChanges, guardWork } from './guards.ts';
import { newCodeGuard } from '../events/new-code-guard.ts';
import { extendSpans, refreshSpans, startSpans } from './spans.ts';

export const productionReported: Projector<FixedData<'production.reported'>> = {
	type: 'production.reported',
	guard: guardWork,
	async apply(tx, events) {
		const rows = events.map((e) => ({
			event_id: e.id,
			production_order_id: e.data.productionOrderId,
			work_center_id: e.data.workCenterId ?? null,
			operation_seq: e.data.operationSeq ?? null,
			good_qty: e.data.goodQty,
			scrap_qty: e.data.scrapQty ?? 0,
			reported_at: e.occurredAt
		}));
		// The ideal run minutes per unit (OEE): the named operation's at the report's work centre, else the
		// order's first operation there (production_order.created sets them for reports ahead of their order).
		await tx.query(
			`insert into production_reports (event_id, production_order_id, work_center_id, good_qty, scrap_qty, reported_at, run_minutes)
			select event_id, production_order_id, work_center_id, good_qty, scrap_qty, reported_at,
				(select p.run_minutes_per_unit from production_operations p
					where p.production_order_id = x.production_order_id and p.work_center_id = x.work_center_id
					order by (p.seq = x.operation_seq) desc nulls last, p.seq limit 1)
			from jsonb_to_recordset($1::jsonb) as x(event_id uuid, production_order_id text, work_center_id text, operation_seq int,
				good_qty numeric, scrap_qty numeric, reported_at timestamptz)`,
			[asJson(rows)]
		);
		await extendSpans(tx, rows.filter((r) => r.work_center_id !== null).map((r) => r.event_id));
	}
};


/** Empties this capability's projections before a rebuild from the event log. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate production_reports, production_spans, work_centers, routings, production_orders, production_operations');
}

// ---- work centres, routings, production orders ----

type D<S extends z.ZodType> = z.infer<S>;

export const workCenterUpserted: Projector<D<typeof workCenterUpsertedSchema>> = {
	type: 'work_center.upserted',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.workCenterId).map((e) => ({ ...e.data, department: e.data.department ?? null, at: e.occurredAt, id: e.id }));
		await tx.query(
			`insert into work_centers (work_center_id, name, department, calendar, version_at, version_id)
			select "workCenterId", name, department, calendar, at, id from jsonb_to_recordset($1::jsonb)
				as x("workCenterId" text, name text, department text, calendar jsonb, at timestamptz, id uuid)
			on conflict (work_center_id) do update set name = excluded.name, department = excluded.department, calendar = excluded.calendar,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (work_centers.version_at, work_centers.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

/** The latest status by business time wins; a status for an unknown work centre waits for it. */
export const workCenterStatusChanged: Projector<D<typeof workCenterStatusChangedSchema>> = {
	type: 'work_center.status_changed',
	guard: guardStatusChanges,
	async apply(tx, events) {
		for (const e of latestPerKey(events, (x) => x.data.workCenterId)) {
			await tx.query(
				`update work_centers set status = $2, status_reason = $3, status_at = $4
				where work_center_id = $1 and (status_at is null or status_at <= $4)`,
				[e.data.workCenterId, e.data.status, e.data.reasonCode ?? null, e.occurredAt]
			);
		}
	}
};

export const routingReplaced: Projector<D<typeof routingReplacedSchema>> = {
	type: 'routing.replaced',
	guard: guardRoutings,
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.itemId).map((e) => ({ item: e.data.itemId, ops: e.data.operations, at: e.occurredAt, id: e.id }));
		await tx.query(
			`insert into routings (item_id, operations, version_at, version_id)
			select item, ops, at, id from jsonb_to_recordset($1::jsonb) as x(item text, ops jsonb, at timestamptz, id uuid)
			on conflict (item_id) do update set operations = excluded.operations, version_at = excluded.version_at, version_id = excluded.version_id
			where (routings.version_at, routings.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const productionOrderCreated: Projector<D<typeof productionOrderCreatedSchema>> = {
	type: 'production_order.created',
	guard: guardOrdersCreated,
	async apply(tx, events) {
		// Orders with reports ahead of them (an MES may be ahead of the ERP): usually none, and then the
		// two statements that take such reports in are not run.
		const early = new Set(
			(
				await tx.query<{ id: string }>(`select distinct production_order_id as id from production_reports where production_order_id = any($1::text[])`, [
					events.map((e) => e.data.productionOrderId)
				])
			).rows.map((r) => r.id)
		);
		for (const e of events) {
			const d = e.data;
			const r = await tx.query(
				`insert into production_orders (production_order_id, item_id, qty, due_date, status, sales_order_id, sales_line_id, created_at,
					planned_order_id, pegs)
				values ($1, $2, $3, $4, $8, $5, $6, $7, $9, $10::jsonb) on conflict do nothing`,
				[
					d.productionOrderId,
					d.itemId,
					d.qty,
					d.dueDate,
					d.salesOrderId ?? null,
					d.salesLineId ?? null,
					e.occurredAt,
					ORDER_INITIAL,
					d.plannedOrderId ?? null,
					d.pegs ? JSON.stringify(d.pegs) : null
				]
			);
			if (!r.rowCount) continue;
			if (d.operations.length) {
				await tx.query(
					`insert into production_operations (production_order_id, seq, work_center_id, setup_minutes, run_minutes_per_unit)
					select $1, seq, wc, setup, run from unnest($2::int[], $3::text[], $4::numeric[], $5::numeric[]) as x(seq, wc, setup, run)`,
					[
						d.productionOrderId,
						d.operations.map((o) => o.seq),
						d.operations.map((o) => o.workCenterId),
						d.operations.map((o) => o.setupMinutes),
						d.operations.map((o) => o.runMinutesPerUnit)
					]
				);
			}
			if (!early.has(d.productionOrderId)) continue;
			await tx.query(
				`update production_reports r set run_minutes = (
					select p.run_minutes_per_unit from production_operations p
					where p.production_order_id = r.production_order_id and p.work_center_id = r.work_center_id
					order by (p.seq = (select (e.data->>'operationSeq')::int from events e where e.id = r.event_id)) desc nulls last, p.seq limit 1)
				where r.production_order_id = $1 and r.work_center_id is not null`,
				[d.productionOrderId]
			);
			// Reports that arrived before their order (an MES may be ahead of the ERP) count now: those of
			// earlier transactions (reports of this one are applied after this event, by reportOnOrder).
			// Comparing transactions, not arrival, makes a rebuild from the log give the same numbers.
			await tx.query(
				`with r as (
					select (data->>'operationSeq')::int as seq, (data->>'goodQty')::numeric as good, coalesce((data->>'scrapQty')::numeric, 0) as scrap
					from events where data ? 'productionOrderId' and data->>'productionOrderId' = $1 and type = 'production.reported'
						and tx < (select tx from events where id = $2)
						and not exists (select 1 from reversals v where v.event_id = events.id)
				),
				ops as (
					update production_operations p set good_qty = p.good_qty + x.good, scrap_qty = p.scrap_qty + x.scrap
					from (select seq, sum(good) as good, sum(scrap) as scrap from r where seq is not null group by seq) x
					where p.production_order_id = $1 and p.seq = x.seq
				)
				update production_orders o set good_qty = o.good_qty + x.good, scrap_qty = o.scrap_qty + x.scrap
				from (select coalesce(sum(good), 0) as good, coalesce(sum(scrap), 0) as scrap from r
					where seq is null or seq = (select max(seq) from production_operations where production_order_id = $1)
						or not exists (select 1 from production_operations where production_order_id = $1)) x
				where o.production_order_id = $1 and (x.good <> 0 or x.scrap <> 0)`,
				[d.productionOrderId, e.id]
			);
		}
		// Their run minutes now known, the early reports' spans may start earlier.
		await refreshSpans(tx, [...early]);
	}
};

export const productionOrderReleased: Projector<D<typeof productionOrderStepSchema>> = {
	type: 'production_order.released',
	guard: guardReleases,
	async apply(tx, events) {
		for (const e of events) {
			await tx.query(`update production_orders set status = 'released', released_at = $2 where production_order_id = $1 and status = any($3::text[])`, [
				e.data.productionOrderId,
				e.occurredAt,
				orderMachine.sourcesOf('released')
			]);
		}
	}
};

export const operationStarted: Projector<D<typeof operationStartedSchema>> = {
	type: 'operation.started',
	guard: guardWork,
	/** Set-based: a batch of starts costs two statements (an operation started twice keeps its earliest start). */
	async apply(tx, events) {
		await tx.query(
			`with s as (
				select mo, seq, min(at) as at from jsonb_to_recordset($1::jsonb) as x(mo text, seq int, at timestamptz) group by mo, seq
			)
			update production_operations p set status = 'running', started_at = least(p.started_at, s.at)
			from s where p.production_order_id = s.mo and p.seq = s.seq`,
			[asJson(events.map((e) => ({ mo: e.data.productionOrderId, seq: e.data.seq, at: e.occurredAt })))]
		);
		await tx.query(`update production_orders set status = 'in_progress' where production_order_id = any($1::text[]) and status = any($2::text[])`, [
			[...new Set(events.map((e) => e.data.productionOrderId))],
			orderMachine.sourcesOf('in_progress')
		]);
		await startSpans(tx, events.map((e) => e.data));
	}
};

/**
 * Reports add up per operation; a report of the last operation (or of none) counts as finished.
 * Set-based: a batch of reports costs two statements, whatever its size.
 */
export const reportOnOrder: Projector<FixedData<'production.reported'>> = {
	type: 'production.reported',
	async guard(tx, events) {
		const reasoned = events.filter((e) => e.data.overProductionReason);
		await guardReasons(tx, reasoned.map((e) => ({ eventId: e.id, list: 'over_production', code: e.data.overProductionReason!, path: 'overProductionReason' })));
	},
	async apply(tx, events, ctx) {
		const rows = asJson(
			events.map((e) => ({ mo: e.data.productionOrderId, seq: e.data.operationSeq ?? null, good: e.data.goodQty, scrap: e.data.scrapQty ?? 0, at: e.occurredAt }))
		);
		await tx.query(
			`with r as (
				select mo, seq, sum(good) as good, sum(scrap) as scrap, min(at) as at
				from jsonb_to_recordset($1::jsonb) as x(mo text, seq int, good numeric, scrap numeric, at timestamptz)
				where seq is not null group by mo, seq
			)
			update production_operations p set good_qty = p.good_qty + r.good, scrap_qty = p.scrap_qty + r.scrap,
				status = case when p.status = 'waiting' then 'running' else p.status end, started_at = least(p.started_at, r.at)
			from r where p.production_order_id = r.mo and p.seq = r.seq`,
			[rows]
		);
		const finished = await tx.query<{ mo: string; qty: number; good: number; pct: number; last_seq: number | null }>(
			`with r as (
				select x.mo, sum(x.good) as good, sum(x.scrap) as scrap
				from jsonb_to_recordset($1::jsonb) as x(mo text, seq int, good numeric, scrap numeric)
				where x.seq is null or x.seq = (select max(p.seq) from production_operations p where p.production_order_id = x.mo)
					or not exists (select 1 from production_operations p where p.production_order_id = x.mo)
				group by x.mo
			)
			update production_orders o set good_qty = o.good_qty + r.good, scrap_qty = o.scrap_qty + r.scrap,
				status = case when o.status = any($2::text[]) then 'in_progress' else o.status end
			from r where o.production_order_id = r.mo
			returning o.production_order_id as mo, o.qty::float8 as qty, o.good_qty::float8 as good,
				(select i.over_production_pct from items i where i.item_id = o.item_id)::float8 as pct,
				(select max(p.seq) from production_operations p where p.production_order_id = o.production_order_id) as last_seq`,
			[rows, orderMachine.sourcesOf('in_progress')]
		);
		if (ctx?.checkRules) checkOverProduction(events, finished.rows);
	}
};

/**
 * A report taken back: its row goes (yield and OEE no longer count it), and its operation and, when it
 * finished the order, the order lose its quantities — from the report as the log holds it.
 */
export const productionReportReversed: Projector<z.infer<typeof productionReportReversedSchema>> = {
	type: 'production.report_reversed',
	guard: guardReportReversals,
	async apply(tx, events) {
		await recordReversals(tx, REPORT_REVERSAL, events);
		const ids = asJson(events.map((e) => ({ id: e.data.reportId })));
		await tx.query(`delete from production_reports where event_id in (select id from jsonb_to_recordset($1::jsonb) as x(id uuid))`, [ids]);
		await tx.query(
			`with r as (
				select e.data->>'productionOrderId' as mo, (e.data->>'operationSeq')::int as seq,
					(e.data->>'goodQty')::numeric as good, coalesce((e.data->>'scrapQty')::numeric, 0) as scrap
				from jsonb_to_recordset($1::jsonb) as x(id uuid) join events e on e.id = x.id and e.type = 'production.reported'
			),
			ops as (
				update production_operations p set good_qty = p.good_qty - x.good, scrap_qty = p.scrap_qty - x.scrap
				from (select mo, seq, sum(good) as good, sum(scrap) as scrap from r where seq is not null group by mo, seq) x
				where p.production_order_id = x.mo and p.seq = x.seq
			)
			update production_orders o set good_qty = o.good_qty - x.good, scrap_qty = o.scrap_qty - x.scrap
			from (select r.mo, sum(r.good) as good, sum(r.scrap) as scrap from r
				where r.seq is null or r.seq = (select max(p.seq) from production_operations p where p.production_order_id = r.mo)
					or not exists (select 1 from production_operations p where p.production_order_id = r.mo)
				group by r.mo) x
			where o.production_order_id = x.mo`,
			[ids]
		);
		// Work that nothing else shows any more: an operation with no start and no report left waits again
		// (its start is the earliest of those left), and an order with none left is released, not in progress.
		const orders = [...new Set(events.map((e) => e.data.productionOrderId))].sort();
		await tx.query(
			`with work as (
				select e.data->>'productionOrderId' as mo, coalesce((e.data->>'seq')::int, (e.data->>'operationSeq')::int) as seq, e.occurred_at as at
				from events e
				where e.data ? 'productionOrderId' and e.data->>'productionOrderId' = any($1::text[])
					and e.type in ('operation.started', 'production.reported')
					and not exists (select 1 from reversals v where v.event_id = e.id)
			),
			ops as (
				update production_operations p set
					status = case when exists (select 1 from work w where w.mo = p.production_order_id and w.seq = p.seq) then p.status else 'waiting' end,
					started_at = (select min(w.at) from work w where w.mo = p.production_order_id and w.seq = p.seq)
				where p.production_order_id = any($1::text[]) and p.status = 'running'
			)
			update production_orders o set status = 'released'
			where o.production_order_id = any($1::text[]) and o.status = 'in_progress'
				and not exists (select 1 from work w where w.mo = o.production_order_id)`,
			[orders]
		);
		await refreshSpans(tx, orders);
	}
};

export const productionOrderCompleted: Projector<D<typeof productionOrderStepSchema>> = {
	type: 'production_order.completed',
	guard: guardCompletions,
	async apply(tx, events) {
		for (const e of events) {
			await tx.query(
				`update production_orders set status = 'completed', completed_at = $2 where production_order_id = $1 and status = any($3::text[])`,
				[e.data.productionOrderId, e.occurredAt, orderMachine.sourcesOf('completed')]
			);
			await tx.query(`update production_operations set status = 'done' where production_order_id = $1`, [e.data.productionOrderId]);
		}
	}
};

export const productionOrderCancelled: Projector<{ productionOrderId: string; reasonCode: string }> = {
	type: 'production_order.cancelled',
	guard: guardCancellations,
	async apply(tx, events) {
		for (const e of events) {
			await tx.query(
				`update production_orders set status = 'cancelled', completed_at = $2 where production_order_id = $1 and status = any($3::text[])`,
				[e.data.productionOrderId, e.occurredAt, orderMachine.sourcesOf('cancelled')]
			);
		}
	}
};

/** The latest move by business time wins: an older reschedule arriving late does not undo a newer one. */
export const productionOrderRescheduled: Projector<{ productionOrderId: string; dueDate: string }> = {
	type: 'production_order.rescheduled',
	guard: guardReschedules,
	async apply(tx, events) {
		for (const e of latestPerKey(events, (x) => x.data.productionOrderId)) {
			await tx.query(
				`update production_orders set due_date = $2, rescheduled_at = $3
				where production_order_id = $1 and (rescheduled_at is null or rescheduled_at <= $3)`,
				[e.data.productionOrderId, e.data.dueDate, e.occurredAt]
			);
		}
	}
};

export const productionProjectors = [
	workCenterUpserted,
	workCenterStatusChanged,
	routingReplaced,
	productionOrderCreated,
	productionOrderReleased,
	operationStarted,
	productionReported,
	reportOnOrder,
	productionReportReversed,
	productionOrderCompleted,
	productionOrderCancelled,
	productionOrderRescheduled
] as Projector[];

/** New work centres take safe codes; existing ones keep theirs (server/events/new-code-guard.ts). */
export const productionCodeGuards = [newCodeGuard('work_center.upserted', 'workCenterId', 'select work_center_id as id from work_centers where work_center_id = any($1::text[])')];
