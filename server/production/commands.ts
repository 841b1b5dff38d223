// Production commands: work centres and their status, routings, and production orders from creation
// to completion, with backflush of components (per item: at the reporting of finished quantity, or
// at completion). Transitions follow order-state.ts; stock never goes negative unless allowed.
import { componentQty } from '../shared/bom-quantity.ts';
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { coded } from '../events/issue-codes.ts';
import { CommandRejected, type Actor, type Command, type Emitted } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { inScope, shopFloorScope } from '../auth/scope.ts';
import { code, isoDate, newCode, nonNegative, qty, text } from '../events/primitives.ts';
import { allowPastDates, refusePastDates } from '../shared/past-dates.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { assignNumber } from '../numbering/sequences.queries.ts';
import { eventId } from '../events/envelope.ts';
import { loadOriginals, reversalRefusal } from '../events/reversal.ts';
import { backflushOf, REPORT_REVERSAL } from './report-reversal.ts';
import { overProductionRefusal } from './over-production.ts';
import { requireReason } from '../shared/reason-codes.ts';
import { DEFAULT_LOCATION } from '../inventory/schemas.ts';
import { refuse, rejected } from '../commands/refuse.ts';
import { unknownItem } from '../inventory/rules.ts';
import { reasonRequired } from '../sales/reason-guard.ts';
import { unknownWorkCenter } from './guards.ts';
import { closedOrderRefusal, nothingGoodRefusal, orderMachine, workRefusal, type OrderStatus } from './order-state.ts';
import { productionOrderCancelledSchema, productionOrderRescheduledSchema, routingReplacedSchema, workCenterStatusChangedSchema, workCenterUpsertedSchema } from './schemas.ts';

const SHOP = ['production', 'planner'] as const;

export const saveWorkCenter: Command<z.infer<typeof workCenterUpsertedSchema>, { workCenterId: string }> = {
	name: 'work_center.save',
	input: workCenterUpsertedSchema,
	roles: ['planner'],
	async run(_ctx, input) {
		return { events: [{ type: 'work_center.upserted', data: input }], result: { workCenterId: input.workCenterId } };
	}
};

export const changeWorkCenterStatus: Command<z.infer<typeof workCenterStatusChangedSchema>, { workCenterId: string; status: string }> = {
	name: 'work_center.set_status',
	input: workCenterStatusChangedSchema,
	roles: SHOP,
	async run({ tx }, input) {
		if (!(await tx.query('select 1 from work_centers where work_center_id = $1', [input.workCenterId])).rowCount) {
			refuse(unknownWorkCenter(input.workCenterId));
		}
		if (input.status !== 'up') {
			if (!input.reasonCode) throw rejected(reasonRequired('when a work centre stops'));
			await requireReason(tx, 'wc_stop', input.reasonCode);
		}
		return { events: [{ type: 'work_center.status_changed', data: input }], result: { workCenterId: input.workCenterId, status: input.status } };
	}
};

export const replaceRouting: Command<z.infer<typeof routingReplacedSchema>, { itemId: string; operations: number }> = {
	name: 'routing.replace',
	input: routingReplacedSchema,
	roles: ['planner'],
	async run({ tx }, input) {
		if (!(await tx.query('select 1 from items where item_id = $1', [input.itemId])).rowCount) refuse(unknownItem(input.itemId));
		const known = new Set((await tx.query<{ id: string }>('select work_center_id as id from work_centers')).rows.map((r) => r.id));
		const i = input.operations.findIndex((o) => !known.has(o.workCenterId));
		if (i >= 0) refuse(unknownWorkCenter(input.operations[i].workCenterId, `operations.${i}.workCenterId`));
		return { events: [{ type: 'routing.replaced', data: input }], result: { itemId: input.itemId, operations: input.operations.length } };
	}
};

/** Without a number the order takes the next one of its pattern (server/numbering/). */
export const createProductionOrderInput = z.strictObject({
	productionOrderId: newCode.optional(),
	itemId: code,
	qty,
	dueDate: isoDate,
	salesOrderId: code.optional(),
	salesLineId: code.optional(),
	allowPastDates
});

export const createProductionOrder: Command<z.infer<typeof createProductionOrderInput>, { productionOrderId: string; operations: number }> = {
	name: 'production_order.create',
	input: createProductionOrderInput,
	roles: ['planner'],
	async run(ctx, { allowPastDates: allowPast, ...given }) {
		const { tx } = ctx;
		refusePastDates(ctx, [{ path: 'dueDate', date: given.dueDate }], allowPast);
		const input = { ...given, productionOrderId: given.productionOrderId ?? (await assignNumber(tx, 'production_order', factoryDate(ctx.now, ctx.config.timeZone))) };
		if ((await tx.query('select 1 from production_orders where production_order_id = $1', [input.productionOrderId])).rowCount) {
			throw new CommandRejected('ERR_MO_EXISTS', 'productionOrderId', `production order "${input.productionOrderId}" exists already`, { productionOrderId: input.productionOrderId });
		}
		const item = (await tx.query<{ make: string }>('select make_or_buy as make from items where item_id = $1', [input.itemId])).rows[0];
		if (!item) throw rejected(unknownItem(input.itemId));
		if (item.make !== 'make') throw new CommandRejected('ERR_ITEM_IS_BOUGHT', 'itemId', `"${input.itemId}" is bought, not made`, { itemId: input.itemId });
		if (input.salesOrderId) {
			// An order that does not exist is named as such, not as a missing line of it.
			const order = await tx.query('select 1 from sales_orders where order_id = $1', [input.salesOrderId]);
			if (!order.rowCount) throw new CommandRejected('ERR_SO_UNKNOWN', 'salesOrderId', `no sales order "${input.salesOrderId}"`, { orderId: input.salesOrderId });
			const line = await tx.query('select 1 from sales_order_lines where order_id = $1 and line_id = $2', [input.salesOrderId, input.salesLineId ?? '']);
			if (!line.rowCount) throw new CommandRejected('ERR_SO_UNKNOWN_LINE', 'salesLineId', `no line "${input.salesLineId ?? ''}" on order ${input.salesOrderId}`, { lineId: input.salesLineId ?? '' });
		}
		const routing = (await tx.query<{ operations: unknown[] }>('select operations from routings where item_id = $1', [input.itemId])).rows[0];
		const operations = routing?.operations ?? [];
		return {
			events: [{ type: 'production_order.created', data: { ...input, operations } }],
			result: { productionOrderId: input.productionOrderId, operations: operations.length }
		};
	}
};

interface OrderRow {
	status: OrderStatus;
	item_id: string;
	qty: number;
	good: number;
	scrap: number;
	backflush: string | null;
	last_seq: number | null;
	/** The item's over-production tolerance, in percent. */
	over_pct: number;
}

async function order(tx: Queryable, id: string): Promise<OrderRow> {
	const r = (
		await tx.query<OrderRow>(
			`select o.status, o.item_id, o.qty::float8 as qty, o.good_qty::float8 as good, o.scrap_qty::float8 as scrap, i.backflush,
				i.over_production_pct::float8 as over_pct,
				(select max(seq) from production_operations p where p.production_order_id = o.production_order_id) as last_seq
			from production_orders o join items i on i.item_id = o.item_id where o.production_order_id = $1 for update of o`,
			[id]
		)
	).rows[0];
	if (!r) throw new CommandRejected('ERR_MO_UNKNOWN', 'productionOrderId', `no production order "${id}"`, { productionOrderId: id });
	return r;
}

function transition(from: OrderStatus, to: OrderStatus) {
	refuse(orderMachine.refusal(from, to, 'productionOrderId', ''));
}

/** Components to issue for a finished quantity, from the BOM with scrap; refused where stock would go negative. */
async function backflush(tx: Queryable, o: OrderRow, productionOrderId: string, finished: number, mode: 'operation' | 'completion'): Promise<Emitted[]> {
	if (finished <= 0) return [];
	const lines = (
		await tx.query<{ child: string; qty_per: number; scrap: number; allow: boolean; on_hand: number }>(
			`select l.child_item_id as child, l.qty_per::float8 as qty_per, l.scrap_pct::float8 as scrap, i.allow_negative as allow,
				coalesce(s.on_hand, 0)::float8 as on_hand
			from bom_lines l join items i on i.item_id = l.child_item_id
			left join stock s on s.item_id = l.child_item_id and s.location_id = $2
			where l.parent_item_id = $1 order by l.line_no for update of i`,
			[o.item_id, DEFAULT_LOCATION]
		)
	).rows;
	return lines.map((l) => {
		const q = Math.round(componentQty(finished, l.qty_per, l.scrap) * 1e6) / 1e6;
		if (!l.allow && l.on_hand < q - 1e-9) {
			throw new CommandRejected('ERR_STOCK_NEGATIVE', 'goodQty', `backflush needs ${q} of ${l.child}, only ${l.on_hand} on hand`, { itemId: l.child, onHand: Number(l.on_hand), need: q });
		}
		return { type: 'stock.issued', data: { itemId: l.child, locationId: DEFAULT_LOCATION, qty: q, productionOrderId, mode } };
	});
}

const orderRef = z.strictObject({ productionOrderId: code });

export const releaseProductionOrder: Command<z.infer<typeof orderRef>, { productionOrderId: string }> = {
	name: 'production_order.release',
	input: orderRef,
	roles: SHOP,
	async run({ tx }, input) {
		transition((await order(tx, input.productionOrderId)).status, 'released');
		return { events: [{ type: 'production_order.released', data: input }], result: input };
	}
};

/**
 * Shop-floor users of a department report only at their department's work centres (server/auth/scope.ts).
 * The operation is the one named, else the order's last (a report without one finishes the order).
 */
async function requireShopFloorScope(tx: Queryable, actor: Actor, productionOrderId: string, seq: number | undefined): Promise<void> {
	const scope = shopFloorScope(actor);
	if (scope === null) return;
	const wc = (
		await tx.query<{ id: string; department: string | null }>(
			`select w.work_center_id as id, w.department from production_operations o join work_centers w on w.work_center_id = o.work_center_id
			where o.production_order_id = $1 and ($2::int is null and o.seq = (select max(seq) from production_operations where production_order_id = $1) or o.seq = $2)`,
			[productionOrderId, seq ?? null]
		)
	).rows[0];
	if (wc && !inScope(scope, wc.department)) {
		throw new AppError('ERR_FORBIDDEN', `work centre ${wc.id} belongs to the department ${wc.department}, not to ${scope}`);
	}
}

export const startOperationInput = z.strictObject({ productionOrderId: code, seq: z.number().int().min(1) });

export const startOperation: Command<z.infer<typeof startOperationInput>, { productionOrderId: string; seq: number }> = {
	name: 'operation.start',
	input: startOperationInput,
	roles: ['production'],
	async run({ tx, actor }, input) {
		const o = await order(tx, input.productionOrderId);
		refuse(workRefusal(o.status));
		await requireShopFloorScope(tx, actor, input.productionOrderId, input.seq);
		const op = await tx.query('select 1 from production_operations where production_order_id = $1 and seq = $2', [input.productionOrderId, input.seq]);
		if (!op.rowCount) throw new CommandRejected('ERR_MO_UNKNOWN_OPERATION', 'seq', `no operation ${input.seq} on this order`, { seq: input.seq });
		return { events: [{ type: 'operation.started', data: input }], result: input };
	}
};

export const reportInput = z
	.strictObject({
		productionOrderId: code,
		operationSeq: z.number().int().min(1).optional(),
		goodQty: nonNegative,
		scrapQty: nonNegative.optional(),
		reasonCode: code.optional(),
		overProductionReason: code.optional()
	})
	.refine((v) => v.goodQty + (v.scrapQty ?? 0) > 0, { message: 'goodQty or scrapQty must be greater than 0', path: ['goodQty'], params: coded('ERR_NOTHING_REPORTED') });

export const reportProduction: Command<z.infer<typeof reportInput>, { productionOrderId: string }> = {
	name: 'production.report',
	input: reportInput,
	roles: ['production'],
	async run({ tx, actor }, input) {
		const o = await order(tx, input.productionOrderId);
		refuse(workRefusal(o.status));
		await requireShopFloorScope(tx, actor, input.productionOrderId, input.operationSeq);
		let workCenterId: string | undefined;
		if (input.operationSeq !== undefined) {
			const op = (await tx.query<{ wc: string }>('select work_center_id as wc from production_operations where production_order_id = $1 and seq = $2', [input.productionOrderId, input.operationSeq])).rows[0];
			if (!op) throw new CommandRejected('ERR_MO_UNKNOWN_OPERATION', 'operationSeq', `no operation ${input.operationSeq} on this order`, { seq: input.operationSeq });
			workCenterId = op.wc;
		}
		if ((input.scrapQty ?? 0) > 0) {
			if (!input.reasonCode) throw rejected(reasonRequired('for scrap'));
			await requireReason(tx, 'scrap', input.reasonCode);
		}
		const data: Record<string, unknown> = { ...input };
		if (workCenterId) data.workCenterId = workCenterId;
		const finishing = input.operationSeq === undefined || o.last_seq === null || input.operationSeq === o.last_seq;
		if (finishing) refuse(overProductionRefusal({ qty: o.qty, good: o.good, pct: o.over_pct }, input.goodQty, input.overProductionReason));
		if (input.overProductionReason) await requireReason(tx, 'over_production', input.overProductionReason, 'overProductionReason');
		const issues = finishing && o.backflush === 'operation' ? await backflush(tx, o, input.productionOrderId, input.goodQty + (input.scrapQty ?? 0), 'operation') : [];
		return { events: [{ type: 'production.reported', data }, ...issues], result: { productionOrderId: input.productionOrderId } };
	}
};

export const reverseReportInput = z.strictObject({ reportId: eventId, reasonCode: code, note: text(500).optional() });

/**
 * Takes a mistaken production report back while its order is open (a correction, never a deletion):
 * the event repeats what the report said and the components its backflush issued, which return to
 * stock; the order and operation lose its quantities. Who reports may correct, and planners.
 */
export const reverseProductionReport: Command<z.infer<typeof reverseReportInput>, { productionOrderId: string; goodQty: number }> = {
	name: 'production.reverse_report',
	input: reverseReportInput,
	roles: ['production', 'planner'],
	async run({ tx }, input) {
		const original = (await loadOriginals(tx, [input.reportId])).get(input.reportId);
		refuse(reversalRefusal(REPORT_REVERSAL, input, original));
		const report = original!.data as { productionOrderId: string; operationSeq?: number; goodQty: number; scrapQty?: number };
		const o = await order(tx, report.productionOrderId);
		refuse(workRefusal(o.status === 'released' ? 'in_progress' : o.status));
		await requireReason(tx, 'correction', input.reasonCode);
		const returns = (await backflushOf(tx, [input.reportId])).get(input.reportId) ?? [];
		const data = {
			reportId: input.reportId,
			productionOrderId: report.productionOrderId,
			...(report.operationSeq !== undefined ? { operationSeq: report.operationSeq } : {}),
			goodQty: report.goodQty,
			...(report.scrapQty !== undefined ? { scrapQty: report.scrapQty } : {}),
			...(returns.length ? { returns } : {}),
			reasonCode: input.reasonCode,
			...(input.note ? { note: input.note } : {})
		};
		const finishing = report.operationSeq === undefined || o.last_seq === null || report.operationSeq === o.last_seq;
		return {
			events: [{ type: 'production.report_reversed', data }],
			result: { productionOrderId: report.productionOrderId, goodQty: finishing ? o.good - report.goodQty : o.good }
		};
	}
};

export const completeProductionOrder: Command<z.infer<typeof orderRef>, { productionOrderId: string; goodQty: number }> = {
	name: 'production_order.complete',
	input: orderRef,
	roles: ['production'],
	async run({ tx }, input) {
		const o = await order(tx, input.productionOrderId);
		transition(o.status, 'completed');
		refuse(nothingGoodRefusal(o.good));
		const issues = o.backflush === 'completion' ? await backflush(tx, o, input.productionOrderId, o.good + o.scrap, 'completion') : [];
		return { events: [{ type: 'production_order.completed', data: input }, ...issues], result: { productionOrderId: input.productionOrderId, goodQty: o.good } };
	}
};

export const cancelInput = productionOrderCancelledSchema;

export const cancelProductionOrder: Command<z.infer<typeof cancelInput>, { productionOrderId: string }> = {
	name: 'production_order.cancel',
	input: cancelInput,
	roles: ['planner'],
	async run({ tx }, input) {
		transition((await order(tx, input.productionOrderId)).status, 'cancelled');
		await requireReason(tx, 'order_cancel', input.reasonCode);
		return { events: [{ type: 'production_order.cancelled', data: input }], result: { productionOrderId: input.productionOrderId } };
	}
};

export const rescheduleInput = productionOrderRescheduledSchema.extend({ allowPastDates });

/** Moves an open order's due date (the plan's expedite or defer message, or the planner's own call). */
export const rescheduleProductionOrder: Command<z.infer<typeof rescheduleInput>, { productionOrderId: string; dueDate: string }> = {
	name: 'production_order.reschedule',
	input: rescheduleInput,
	roles: ['planner'],
	async run(ctx, { allowPastDates: allowPast, ...input }) {
		const { tx } = ctx;
		refusePastDates(ctx, [{ path: 'dueDate', date: input.dueDate }], allowPast);
		refuse(closedOrderRefusal((await order(tx, input.productionOrderId)).status));
		return { events: [{ type: 'production_order.rescheduled', data: input }], result: { productionOrderId: input.productionOrderId, dueDate: input.dueDate } };
	}
};
