// Purchasing commands: requisition → approval (rules are data) → purchase order → confirmation or
// delay → goods receipt (never more than ordered) → quality inspection (rejected goods never become
// usable stock). Checks read state in the same transaction as the events they allow.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { mayDecideRequisition } from '../auth/scope.ts';
import { CommandRejected, type Actor, type Command } from '../commands/command.ts';
import { fixedSchemas, type FixedData } from '../events/catalogue.ts';
import { code, isoDate, newCode, qty, text } from '../events/primitives.ts';
import { allowPastDates, refusePastDates } from '../shared/past-dates.ts';
import { factoryDate } from '../shared/factory-date.ts';
import { assignNumber } from '../numbering/sequences.queries.ts';
import { requireReason } from '../shared/reason-codes.ts';
import { ROLES, type Role } from '../auth/roles.ts';
import { chooseRule } from './approval.ts';
import { refuse, rejected } from '../commands/refuse.ts';
import { stockRefusal, unknownItem } from '../inventory/rules.ts';
import { DEFAULT_LOCATION, REJECTED_LOCATION } from '../inventory/schemas.ts';
import { reasonRequired } from '../sales/reason-guard.ts';
import { requisitionMachine, type RequisitionStatus } from './requisition-state.ts';
import { expediteRefusal, INSPECTION_REVERSAL, inspectionRefusal, RECEIPT_REVERSAL, receiptRefusal, receiptReversalRefusal, unknownPoLine, unknownSupplier } from './rules.ts';
import { loadOriginals, reversalRefusal } from '../events/reversal.ts';
import { eventId } from '../events/envelope.ts';
import { checkCustomValues, withCustom } from '../shared/custom-values.ts';
import {
	approvalRuleSchema,
	inspectionRecordedSchema,
	purchaseOrderConfirmedSchema,
	purchaseOrderDelayedSchema,
	purchaseOrderExpediteRequestedSchema,
	supplierItemUpsertedSchema,
	type ApprovalRule
} from './schemas.ts';

const BUYERS = ['purchasing', 'manager'] as const;

export const saveSupplierItem: Command<z.infer<typeof supplierItemUpsertedSchema>, { supplierId: string; itemId: string }> = {
	name: 'supplier_item.save',
	input: supplierItemUpsertedSchema,
	roles: BUYERS,
	async run({ tx }, input) {
		if (!(await tx.query('select 1 from suppliers where supplier_id = $1', [input.supplierId])).rowCount) refuse(unknownSupplier(input.supplierId));
		if (!(await tx.query('select 1 from items where item_id = $1', [input.itemId])).rowCount) refuse(unknownItem(input.itemId));
		return { events: [{ type: 'supplier_item.upserted', data: input }], result: { supplierId: input.supplierId, itemId: input.itemId } };
	}
};

export const saveApprovalRule: Command<ApprovalRule, { ruleId: string }> = {
	name: 'approval_rule.save',
	input: approvalRuleSchema,
	roles: [], // admin: settings
	async run(_ctx, input) {
		return { events: [{ type: 'approval_rule.upserted', data: input }], result: { ruleId: input.ruleId } };
	}
};

/** Without a number the requisition takes the next one of its pattern (server/numbering/). */
export const requisitionInput = z.strictObject({
	requisitionId: newCode.optional(),
	itemId: code,
	qty,
	neededBy: isoDate,
	supplierId: code.optional(),
	unitPrice: z.number().nonnegative().optional(),
	note: text(500).optional(),
	allowPastDates
});

/** The role a requisition is raised under: the actor's first role in the list's order (admin last). */
function requesterRole(actor: Actor): Role {
	const mine = ROLES.filter((r) => r !== 'admin' && actor.roles.includes(r));
	return mine[0] ?? 'admin';
}

async function loadRules(tx: Queryable): Promise<ApprovalRule[]> {
	const r = await tx.query<{ ruleId: string; name: string; priority: number; conditions: ApprovalRule['conditions']; steps: ApprovalRule['steps']; active: boolean }>(
		'select rule_id as "ruleId", name, priority, conditions, steps, active from approval_rules'
	);
	return r.rows;
}

export const createRequisition: Command<z.infer<typeof requisitionInput>, { requisitionId: string; status: string; ruleId: string | null; amount: number }> = {
	name: 'requisition.create',
	input: requisitionInput,
	roles: ['planner', 'purchasing', 'production', 'warehouse', 'manager'],
	async run(ctx, given) {
		const { tx, actor } = ctx;
		refusePastDates(ctx, [{ path: 'neededBy', date: given.neededBy }], given.allowPastDates);
		const input = { ...given, requisitionId: given.requisitionId ?? (await assignNumber(tx, 'requisition', factoryDate(ctx.now, ctx.config.timeZone))) };
		if ((await tx.query('select 1 from requisitions where requisition_id = $1', [input.requisitionId])).rowCount) {
			throw new CommandRejected('ERR_REQ_EXISTS', 'requisitionId', `requisition "${input.requisitionId}" exists already`, { requisitionId: input.requisitionId });
		}
		const item = (await tx.query<{ category: string | null; cost: number }>('select category, unit_cost::float8 as cost from items where item_id = $1', [input.itemId])).rows[0];
		if (!item) throw new CommandRejected('ERR_UNKNOWN_ITEM', 'itemId', `unknown item "${input.itemId}"`, { itemId: input.itemId });
		let price = input.unitPrice;
		if (input.supplierId) {
			if (!(await tx.query('select 1 from suppliers where supplier_id = $1', [input.supplierId])).rowCount) {
				throw new CommandRejected('ERR_UNKNOWN_SUPPLIER', 'supplierId', `unknown supplier "${input.supplierId}"`, { supplierId: input.supplierId });
			}
			price ??= (await tx.query<{ price: number }>('select price::float8 as price from supplier_items where supplier_id = $1 and item_id = $2', [input.supplierId, input.itemId])).rows[0]?.price;
		}
		price ??= item.cost;
		const role = requesterRole(actor);
		const amount = input.qty * price;
		const rule = chooseRule(await loadRules(tx), { amount, category: item.category, supplierId: input.supplierId ?? null, requesterRole: role });
		if (!rule) throw new CommandRejected('ERR_NO_APPROVAL_RULE', 'requisitionId', 'no active approval rule applies: add one in the settings');
		const data: Record<string, unknown> = {
			requisitionId: input.requisitionId,
			itemId: input.itemId,
			qty: input.qty,
			neededBy: input.neededBy,
			unitPrice: price,
			requesterRole: role,
			ruleId: rule.ruleId,
			steps: rule.steps,
			autoApproved: rule.steps.length === 0
		};
		if (input.supplierId) data.supplierId = input.supplierId;
		if (input.note) data.note = input.note;
		return {
			events: [{ type: 'requisition.created', data }],
			result: { requisitionId: input.requisitionId, status: rule.steps.length ? 'pending' : 'approved', ruleId: rule.ruleId, amount }
		};
	}
};

interface ReqRow {
	status: RequisitionStatus;
	requested_by: string;
	steps: { role: Role }[];
	approvals: unknown[];
}

async function pendingStep(tx: Queryable, requisitionId: string, actor: Actor, to: 'approved' | 'rejected'): Promise<{ step: number; role: Role }> {
	const r = (await tx.query<ReqRow>('select status, requested_by, steps, approvals from requisitions where requisition_id = $1 for update', [requisitionId])).rows[0];
	if (!r) throw new CommandRejected('ERR_REQ_UNKNOWN', 'requisitionId', `no requisition "${requisitionId}"`, { requisitionId });
	refuse(requisitionMachine.refusal(r.status, to, 'requisitionId', requisitionId));
	if (!mayDecideRequisition(actor, r.requested_by)) {
		throw new CommandRejected('ERR_REQ_OWN', 'requisitionId', 'you raised this requisition: someone else approves or rejects it');
	}
	const step = r.approvals.length;
	const role = r.steps[step].role;
	if (!actor.roles.includes('admin') && !actor.roles.includes(role)) {
		throw new CommandRejected('ERR_REQ_NOT_YOUR_STEP', 'requisitionId', `step ${step + 1} is for the role ${role}`, { step: step + 1, role });
	}
	return { step, role };
}

const decisionInput = z.strictObject({ requisitionId: code, note: text(500).optional() });

export const approveRequisition: Command<z.infer<typeof decisionInput>, { requisitionId: string; step: number }> = {
	name: 'requisition.approve',
	input: decisionInput,
	roles: ROLES.filter((r) => r !== 'viewer'),
	async run({ tx, actor }, input) {
		const { step, role } = await pendingStep(tx, input.requisitionId, actor, 'approved');
		const data = { requisitionId: input.requisitionId, step, role, ...(input.note ? { note: input.note } : {}) };
		return { events: [{ type: 'requisition.approved', data }], result: { requisitionId: input.requisitionId, step } };
	}
};

export const rejectRequisition: Command<z.infer<typeof decisionInput>, { requisitionId: string }> = {
	name: 'requisition.reject',
	input: decisionInput,
	roles: ROLES.filter((r) => r !== 'viewer'),
	async run({ tx, actor }, input) {
		const { step, role } = await pendingStep(tx, input.requisitionId, actor, 'rejected');
		const data: Record<string, unknown> = { requisitionId: input.requisitionId, step, role };
		if (input.note) data.note = input.note;
		return { events: [{ type: 'requisition.rejected', data }], result: { requisitionId: input.requisitionId } };
	}
};

/** The event's data with the number optional (absent: the next of the pattern) and the past-date confirmation. */
export const placePurchaseOrderInput = fixedSchemas['purchase_order.placed'].extend({ poId: newCode.optional(), allowPastDates });

export const placePurchaseOrder: Command<z.infer<typeof placePurchaseOrderInput>, { poId: string }> = {
	name: 'purchase_order.place',
	input: placePurchaseOrderInput,
	roles: BUYERS,
	async run(ctx, { allowPastDates: allowPast, ...given }) {
		const { tx } = ctx;
		refusePastDates(ctx, given.lines.map((l, i) => ({ path: `lines.${i}.expectedDate`, date: l.expectedDate })), allowPast);
		const input = { ...given, poId: given.poId ?? (await assignNumber(tx, 'purchase_order', factoryDate(ctx.now, ctx.config.timeZone))) };
		if ((await tx.query('select 1 from purchase_orders where po_id = $1', [input.poId])).rowCount) {
			throw new CommandRejected('ERR_PO_EXISTS', 'poId', `purchase order "${input.poId}" exists already`, { poId: input.poId });
		}
		if (!(await tx.query('select 1 from suppliers where supplier_id = $1', [input.supplierId])).rowCount) refuse(unknownSupplier(input.supplierId));
		for (const [i, l] of input.lines.entries()) {
			if (!(await tx.query('select 1 from items where item_id = $1', [l.itemId])).rowCount) refuse(unknownItem(l.itemId, `lines.${i}.itemId`));
			if (l.requisitionId) {
				const r = (await tx.query<{ status: RequisitionStatus }>('select status from requisitions where requisition_id = $1 for update', [l.requisitionId])).rows[0];
				const path = `lines.${i}.requisitionId`;
				if (!r) throw rejected({ code: 'ERR_REQ_NOT_APPROVED', path, message: `requisition ${l.requisitionId} is unknown, not approved`, params: { requisitionId: l.requisitionId, status: 'unknown' } });
				refuse(requisitionMachine.refusal(r.status, 'ordered', path, l.requisitionId));
			}
		}
		const custom = await checkCustomValues(tx, 'purchase_order', input.custom);
		return { events: [{ type: 'purchase_order.placed', data: withCustom(input, custom) }], result: { poId: input.poId } };
	}
};

interface PoLine {
	item_id: string | null;
	qty: number | null;
	received: number;
	inspected: number;
}

async function poLine(tx: Queryable, poId: string, lineId: string, path = 'lineId'): Promise<PoLine & { item_id: string; qty: number }> {
	const r = (
		await tx.query<PoLine>(
			`select item_id, qty::float8 as qty, received_qty::float8 as received, (accepted_qty + rejected_qty)::float8 as inspected
			from purchase_order_lines where po_id = $1 and line_id = $2 for update`,
			[poId, lineId]
		)
	).rows[0];
	if (!r || r.item_id === null || r.qty === null) throw rejected(unknownPoLine(poId, lineId, path));
	return r as PoLine & { item_id: string; qty: number };
}

export const confirmPurchaseOrder: Command<z.infer<typeof purchaseOrderConfirmedSchema>, { poId: string }> = {
	name: 'purchase_order.confirm',
	input: purchaseOrderConfirmedSchema,
	roles: BUYERS,
	async run({ tx }, input) {
		for (const [i, l] of input.lines.entries()) await poLine(tx, input.poId, l.lineId, `lines.${i}.lineId`);
		return { events: [{ type: 'purchase_order.confirmed', data: input }], result: { poId: input.poId } };
	}
};

export const delayPurchaseOrderInput = purchaseOrderDelayedSchema.extend({ allowPastDates });

export const delayPurchaseOrder: Command<z.infer<typeof delayPurchaseOrderInput>, { poId: string; lineId: string }> = {
	name: 'purchase_order.delay',
	input: delayPurchaseOrderInput,
	roles: BUYERS,
	async run(ctx, { allowPastDates: allowPast, ...input }) {
		const { tx } = ctx;
		refusePastDates(ctx, [{ path: 'expectedDate', date: input.expectedDate }], allowPast);
		await requireReason(tx, 'po_delay', input.reasonCode);
		await poLine(tx, input.poId, input.lineId);
		return { events: [{ type: 'purchase_order.delayed', data: input }], result: { poId: input.poId, lineId: input.lineId } };
	}
};

/** Flags a line for the buyer to expedite; planners ask, buyers may flag lines themselves. */
export const requestExpedite: Command<z.infer<typeof purchaseOrderExpediteRequestedSchema>, { poId: string; lineId: string }> = {
	name: 'purchase_order.request_expedite',
	input: purchaseOrderExpediteRequestedSchema,
	roles: ['planner', ...BUYERS],
	async run({ tx }, input) {
		const line = await poLine(tx, input.poId, input.lineId);
		refuse(expediteRefusal(line, input.poId, input.lineId));
		return { events: [{ type: 'purchase_order.expedite_requested', data: input }], result: { poId: input.poId, lineId: input.lineId } };
	}
};

export const receiveInput = z.strictObject({ poId: code, lineId: code, qty });

export const receiveGoods: Command<z.infer<typeof receiveInput>, { poId: string; lineId: string; receivedQty: number }> = {
	name: 'goods.receive',
	input: receiveInput,
	roles: ['warehouse'],
	async run({ tx }, input) {
		const line = await poLine(tx, input.poId, input.lineId);
		refuse(receiptRefusal(line, input.qty, input.poId, input.lineId));
		return {
			events: [{ type: 'goods.received', data: { ...input, itemId: line.item_id } }],
			result: { poId: input.poId, lineId: input.lineId, receivedQty: line.received + input.qty }
		};
	}
};

export const reverseReceiptInput = z.strictObject({ receiptId: eventId, reasonCode: code, note: text(500).optional() });

/**
 * Takes a mistaken goods receipt back before its goods were inspected (a correction, never a deletion):
 * the event repeats what the receipt received, the line awaits it again and the goods leave QC.
 */
export const reverseReceipt: Command<z.infer<typeof reverseReceiptInput>, { poId: string; lineId: string; receivedQty: number }> = {
	name: 'goods.reverse_receipt',
	input: reverseReceiptInput,
	roles: ['warehouse'],
	async run({ tx }, input) {
		const original = (await loadOriginals(tx, [input.receiptId])).get(input.receiptId);
		refuse(reversalRefusal(RECEIPT_REVERSAL, input, original));
		const received = original!.data as FixedData<'goods.received'>;
		const line = await poLine(tx, received.poId, received.lineId);
		refuse(receiptReversalRefusal(line, received.qty));
		await requireReason(tx, 'correction', input.reasonCode);
		const data = {
			receiptId: input.receiptId,
			poId: received.poId,
			lineId: received.lineId,
			qty: received.qty,
			...(received.itemId ? { itemId: received.itemId } : {}),
			reasonCode: input.reasonCode,
			...(input.note ? { note: input.note } : {})
		};
		return { events: [{ type: 'goods.receipt_reversed', data }], result: { poId: received.poId, lineId: received.lineId, receivedQty: line.received - received.qty } };
	}
};

export const recordInspection: Command<z.infer<typeof inspectionRecordedSchema>, { poId: string; lineId: string }> = {
	name: 'inspection.record',
	input: inspectionRecordedSchema,
	roles: ['quality'],
	async run({ tx }, input) {
		const line = await poLine(tx, input.poId, input.lineId);
		refuse(inspectionRefusal(line.received - line.inspected, input.acceptedQty + input.rejectedQty));
		if (input.rejectedQty > 0) {
			if (!input.reasonCode) throw rejected(reasonRequired('for rejected goods'));
			await requireReason(tx, 'scrap', input.reasonCode);
		}
		return { events: [{ type: 'inspection.recorded', data: { ...input, itemId: line.item_id } }], result: { poId: input.poId, lineId: input.lineId } };
	}
};

export const reverseInspectionInput = z.strictObject({ inspectionId: eventId, reasonCode: code, note: text(500).optional() });

/**
 * Takes a mistaken inspection back (a correction, never a deletion): its accepted and rejected goods
 * return to QC to be inspected again; accepted goods already used cannot be (no negative stock).
 */
export const reverseInspection: Command<z.infer<typeof reverseInspectionInput>, { poId: string; lineId: string }> = {
	name: 'inspection.reverse',
	input: reverseInspectionInput,
	roles: ['quality'],
	async run({ tx }, input) {
		const original = (await loadOriginals(tx, [input.inspectionId])).get(input.inspectionId);
		refuse(reversalRefusal(INSPECTION_REVERSAL, input, original));
		const inspected = original!.data as z.infer<typeof inspectionRecordedSchema>;
		const line = await poLine(tx, inspected.poId, inspected.lineId);
		await requireReason(tx, 'correction', input.reasonCode);
		const item = inspected.itemId ?? line.item_id;
		const stock = await tx.query<{ loc: string; on_hand: number; allow: boolean }>(
			`select l.loc, coalesce(s.on_hand, 0)::float8 as on_hand, i.allow_negative as allow
			from items i cross join unnest($2::text[]) as l(loc)
			left join stock s on s.item_id = i.item_id and s.location_id = l.loc
			where i.item_id = $1 for update of i`,
			[item, [DEFAULT_LOCATION, REJECTED_LOCATION]]
		);
		for (const s of stock.rows) {
			const q = s.loc === DEFAULT_LOCATION ? inspected.acceptedQty : inspected.rejectedQty;
			refuse(stockRefusal({ onHand: s.on_hand, allow: s.allow }, -q, item, s.loc, s.loc === DEFAULT_LOCATION ? 'acceptedQty' : 'rejectedQty'));
		}
		const data = {
			inspectionId: input.inspectionId,
			poId: inspected.poId,
			lineId: inspected.lineId,
			acceptedQty: inspected.acceptedQty,
			rejectedQty: inspected.rejectedQty,
			...(inspected.itemId ? { itemId: inspected.itemId } : {}),
			reasonCode: input.reasonCode,
			...(input.note ? { note: input.note } : {})
		};
		return { events: [{ type: 'inspection.reversed', data }], result: { poId: inspected.poId, lineId: inspected.lineId } };
	}
};
