// Commands of automatic linkage: saving a category's setting, and firming a planned order into the
// document that carries it out. Firming is a bridge between planning and purchasing/production: it
// runs their own creation commands (requisition.create, production_order.create) inside its
// transaction, so a firmed requisition meets the approval rules exactly as one made by hand, and adds
// only the planned order's id and pegs to the event they emit.
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { CommandRejected, type Command, type CommandContext, type Emitted } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { hasAnyRole } from '../auth/roles.ts';
import { createRequisition, requisitionInput } from '../purchasing/commands.ts';
import { createProductionOrder, createProductionOrderInput } from '../production/commands.ts';
import { DEFAULT_WINDOW_DAYS, firmDecision, type FirmChoice, type FirmDecision, type LinkMode, type PlannedOrderRecord } from './linkage.ts';
import { firmInput, planningCategoryInput } from './linkage-schemas.ts';
import { loadPlannedOrder, supplierTerms } from './linkage.queries.ts';

const PLANNERS = ['planner'] as const;

export const savePlanningCategory: Command<z.infer<typeof planningCategoryInput>, { category: string | null; mode: LinkMode; windowDays: number }> = {
	name: 'planning_category.save',
	input: planningCategoryInput,
	roles: PLANNERS,
	async run(_ctx, input) {
		const data = { ...(input.category ? { category: input.category } : {}), mode: input.mode, windowDays: input.windowDays ?? DEFAULT_WINDOW_DAYS };
		return { events: [{ type: 'planning_category.saved', data }], result: { category: input.category ?? null, mode: data.mode, windowDays: data.windowDays } };
	}
};

export type FirmResult =
	| { plannedOrderId: string; kind: 'buy'; requisitionId: string; status: string; ruleId: string | null; amount: number }
	| { plannedOrderId: string; kind: 'make'; productionOrderId: string; status: 'created'; operations: number };

/**
 * Firms one at a time, across nodes: a firm decides on the plan and the documents as it reads them,
 * and two at once would decide on the same reading. (The document's number is assigned under its own
 * row lock, server/numbering/sequences.queries.ts.)
 */
async function lockFirming(tx: Queryable): Promise<void> {
	const key = createHash('sha256').update('liandong:planning:firm').digest().readBigInt64BE(0);
	await tx.query('select pg_advisory_xact_lock($1::bigint)', [key.toString()]);
}

/** An inner command's refusal on the firm's own fields: quantity and date as chosen, the rest is the planned order's. */
function onFirmFields(err: unknown): unknown {
	if (!(err instanceof CommandRejected)) return err;
	const path = err.path === 'qty' ? 'qty' : err.path === 'neededBy' || err.path === 'dueDate' ? 'date' : 'plannedOrderId';
	return new CommandRejected(err.code, path, err.message, err.params as never);
}

async function emitRequisition(ctx: CommandContext, d: Extract<FirmDecision, { kind: 'requisition' }>): Promise<{ events: Emitted[]; result: FirmResult }> {
	// The plan's dates stand as planned: a past-due planned order is firmed to be expedited, not refused.
	const input = requisitionInput.parse({ itemId: d.itemId, qty: d.qty, neededBy: d.neededBy, allowPastDates: true, ...(d.supplierId ? { supplierId: d.supplierId } : {}) });
	const out = await createRequisition.run(ctx, input);
	return {
		events: out.events.map((e) => (e.type === 'requisition.created' ? { ...e, data: { ...e.data, plannedOrderId: d.plannedOrderId, pegs: d.pegs } } : e)),
		result: { plannedOrderId: d.plannedOrderId, kind: 'buy', ...out.result }
	};
}

async function emitProductionOrder(ctx: CommandContext, d: Extract<FirmDecision, { kind: 'production_order' }>): Promise<{ events: Emitted[]; result: FirmResult }> {
	const input = createProductionOrderInput.parse({ itemId: d.itemId, qty: d.qty, dueDate: d.dueDate, allowPastDates: true });
	const out = await createProductionOrder.run(ctx, input);
	return {
		events: out.events.map((e) => (e.type === 'production_order.created' ? { ...e, data: { ...e.data, plannedOrderId: d.plannedOrderId, pegs: d.pegs } } : e)),
		result: { plannedOrderId: d.plannedOrderId, kind: 'make', status: 'created', ...out.result }
	};
}

/**
 * Firms a planned order already loaded (by the command, or by the planner's auto step from the plan
 * it just read): the document it becomes, with the plan's pegs. Buyers may firm purchases; making
 * something is the planners' decision.
 */
export async function firmRecord(ctx: CommandContext, po: PlannedOrderRecord, choice: FirmChoice): Promise<{ events: Emitted[]; result: FirmResult }> {
	if (po.kind === 'make' && !hasAnyRole(ctx.actor.roles, PLANNERS)) {
		throw new AppError('ERR_FORBIDDEN', `firming a planned production order needs one of the roles: admin, ${PLANNERS.join(', ')}`);
	}
	await lockFirming(ctx.tx);
	const decision = firmDecision(po, choice, po.kind === 'buy' ? await supplierTerms(ctx.tx, po.itemId) : []);
	try {
		return decision.kind === 'requisition' ? await emitRequisition(ctx, decision) : await emitProductionOrder(ctx, decision);
	} catch (err) {
		throw onFirmFields(err);
	}
}

export const firmPlannedOrder: Command<z.infer<typeof firmInput>, FirmResult> = {
	name: 'planned_order.firm',
	input: firmInput,
	roles: [...PLANNERS, 'purchasing'],
	async run(ctx, input) {
		const po = await loadPlannedOrder(ctx.tx, input.plannedOrderId);
		if (!po) {
			throw new CommandRejected('ERR_PLANNED_ORDER_UNKNOWN', 'plannedOrderId', `the plan has no planned order "${input.plannedOrderId}" (any more): reload the plan`, {
				plannedOrderId: input.plannedOrderId
			});
		}
		// A requisition waiting for approval is not supply yet, so the plan still proposes its planned
		// order: firming it again would order twice.
		const pending = (
			await ctx.tx.query<{ id: string }>(`select requisition_id as id from requisitions where planned_order_id = $1 and status = 'pending' limit 1`, [input.plannedOrderId])
		).rows[0];
		if (pending) {
			throw new CommandRejected('ERR_PLANNED_ORDER_PENDING', 'plannedOrderId', `planned order "${input.plannedOrderId}" is requisition ${pending.id} already, waiting for approval`, {
				plannedOrderId: input.plannedOrderId,
				requisitionId: pending.id
			});
		}
		return firmRecord(ctx, po, { qty: input.qty, date: input.date });
	}
};
