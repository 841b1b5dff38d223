// Planning's hand and the purchasing side of the simulated factory: the planner firms the planned
// orders the plan suggests (categories in `auto` the planning firms by itself), approvers decide the
// steps the approval rules ask of their role, buyers order approved requisitions from their supplier
// and record the suppliers' confirmations and delay notices, receiving takes deliveries as each
// supplier's behaviour has them (on time, late, in two parts), and quality inspects them.
import { addDays, factoryDate } from '../../server/shared/factory-date.ts';
import { autoCandidates, widestAutoWindow, type CategorySetting, type CategorySettings } from '../../server/planning/linkage.ts';
import { firmedDocuments, loadCategorySettings, loadPlanSnapshot } from '../../server/planning/linkage.queries.ts';
import { firmPlannedOrder } from '../../server/planning/linkage.commands.ts';
import { listRequisitions, type RequisitionRow } from '../../server/purchasing/requisition.queries.ts';
import { listAwaitingInspection, type WaitingLine } from '../../server/purchasing/purchase-order.queries.ts';
import { nextNumber } from '../../server/purchasing/lookups.queries.ts';
import { openPurchaseLines, type OpenPurchaseLine } from '../../server/purchasing/open-lines.queries.ts';
import {
	approveRequisition,
	confirmPurchaseOrder,
	delayPurchaseOrder,
	placePurchaseOrder,
	receiveGoods,
	recordInspection
} from '../../server/purchasing/commands.ts';
import type { Command } from '../../server/commands/command.ts';
import type { Role } from '../../server/auth/roles.ts';
import { into, officeDate, type HourContext } from './context.ts';
import { linePlan, rejectedQty, supplierBehaviour, type LinePlan } from './behaviour.ts';
import { customValues } from './custom.ts';
import { stream } from './rng.ts';

const cmd = <I, R>(c: Command<I, R>) => c as unknown as Command<never, unknown>;

/** The planner's own hand: what the plan only suggests (the planning firms `auto` categories itself). */
function byHand(settings: CategorySettings): CategorySettings {
	const flip = (s: CategorySetting): CategorySetting => ({ mode: s.mode === 'auto' ? 'suggest' : 'auto', windowDays: s.windowDays });
	return { byCategory: new Map([...settings.byCategory].map(([k, v]) => [k, flip(v)])), fallback: flip(settings.fallback) };
}

/** Twice a working day the planner firms what the plan suggests releasing within the category's window. */
export async function plannerFirms(c: HourContext): Promise<void> {
	if (!c.officeDay || (c.hour !== 8 && c.hour !== 13)) return;
	const settings = byHand(await loadCategorySettings(c.rt.db));
	const widest = widestAutoWindow(settings);
	if (widest === null) return;
	const plan = await loadPlanSnapshot(c.rt.db, addDays(c.today, widest));
	if (!plan?.orders.length) return;
	const firmed = await firmedDocuments(c.rt.db, plan.orders.map((o) => o.id));
	let minute = 5;
	for (const po of autoCandidates(plan, settings, c.today, firmed)) {
		const actor = c.actors.pick('planner', po.itemId);
		c.chain({ at: into(c, (minute += 0.5)), actor, command: cmd(firmPlannedOrder), input: { plannedOrderId: po.id } });
	}
}

async function requisitions(c: HourContext, status: 'pending' | 'approved'): Promise<RequisitionRow[]> {
	const out: RequisitionRow[] = [];
	for (let page = 1; ; page++) {
		const r = await listRequisitions(c.rt.db, { status, sort: 'createdAt', dir: 'asc', page, pageSize: 200 }, []);
		out.push(...r.requisitions);
		if (!r.requisitions.length || out.length >= r.total) return out;
	}
}

/** Twice a working day each approver decides the steps waiting for their role; never their own requisitions. */
export async function approvals(c: HourContext): Promise<void> {
	if (!c.officeDay || (c.hour !== 9 && c.hour !== 14)) return;
	let minute = 5;
	for (const r of await requisitions(c, 'pending')) {
		if (!r.pending) continue;
		const actor = c.actors.pick(r.pending.role as Role, r.requisitionId, (u) => `user:${u.username}` !== r.requestedBy);
		c.act({ at: into(c, (minute += 1)), actor, command: cmd(approveRequisition), input: { requisitionId: r.requisitionId } });
	}
}

/** Twice a working day buyers order the approved requisitions, one order per supplier. */
export async function placeOrders(c: HourContext): Promise<void> {
	if (!c.officeDay || (c.hour !== 10 && c.hour !== 15)) return;
	const approved = (await requisitions(c, 'approved')).filter((r) => r.poId === null);
	if (!approved.length) return;
	const bySupplier = new Map<string, RequisitionRow[]>();
	for (const r of approved) {
		const supplierId = r.supplierId ?? c.f.terms.get(r.itemId)?.[0]?.supplierId;
		if (!supplierId) continue;
		bySupplier.set(supplierId, [...(bySupplier.get(supplierId) ?? []), r]);
	}
	let next = Number((await nextNumber(c.rt.db, 'order')).slice(3));
	let minute = 5;
	for (const [supplierId, reqs] of [...bySupplier].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const poId = `PO-${next++}`;
		const lines = reqs.map((r, i) => {
			const terms = c.f.terms.get(r.itemId)?.find((t) => t.supplierId === supplierId);
			const lead = Math.ceil(terms?.leadTimeDays ?? c.f.items.get(r.itemId)?.leadTimeDays ?? 0);
			const soonest = addDays(c.today, lead);
			return {
				lineId: String((i + 1) * 10),
				itemId: r.itemId,
				qty: r.qty,
				unitPrice: r.unitPrice ?? terms?.price ?? c.f.items.get(r.itemId)?.unitCost ?? 0,
				expectedDate: officeDate(r.neededBy, soonest, c.holidays),
				requisitionId: r.requisitionId
			};
		});
		const custom = customValues(c.f, 'purchase_order', c.seed, poId, c.today);
		const actor = c.actors.pick('purchasing', supplierId);
		c.act({ at: into(c, (minute += 3)), actor, command: cmd(placePurchaseOrder), input: { poId, supplierId, lines, ...(custom ? { custom } : {}) } });
	}
}

/** What the supplier does with a line: agreed date as confirmed (else as placed). */
function planOf(c: HourContext, l: OpenPurchaseLine): LinePlan | null {
	const agreed = l.confirmedDate ?? l.expectedDate;
	if (!agreed) return null;
	return linePlan(c.seed, l.poId, l.lineId, agreed, l.qty, supplierBehaviour(c.profile, l.supplierId));
}

/** The buyer records confirmations (a working day after placing) and the delay notices suppliers send. */
export async function followUp(c: HourContext, open: OpenPurchaseLine[]): Promise<void> {
	if (!c.officeDay || (c.hour !== 10 && c.hour !== 15)) return;
	let minute = 30;
	const unconfirmed = new Map<string, OpenPurchaseLine[]>();
	for (const l of open) {
		if (l.receivedQty >= l.qty) continue;
		if (l.confirmedDate === null && l.expectedDate !== null) {
			if (factoryDate(new Date(l.placedAt), c.timeZone) < c.today) unconfirmed.set(l.poId, [...(unconfirmed.get(l.poId) ?? []), l]);
			continue;
		}
		if (l.delayed) continue;
		const plan = planOf(c, l);
		if (!plan || plan.lateDays <= 0 || plan.noticeDaysBefore === null) continue;
		const agreed = l.confirmedDate!;
		const last = plan.deliveries[plan.deliveries.length - 1].date;
		if (c.today < addDays(agreed, -plan.noticeDaysBefore) || c.today > last) continue;
		const why = stream(c.seed, 'delay', l.poId, l.lineId).pick(c.f.reasons.get('po_delay') ?? []);
		if (!why) continue;
		c.act({
			at: into(c, (minute += 1)),
			actor: c.actors.pick('purchasing', l.supplierId),
			command: cmd(delayPurchaseOrder),
			input: { poId: l.poId, lineId: l.lineId, expectedDate: last, reasonCode: why }
		});
	}
	for (const [poId, lines] of unconfirmed) {
		c.act({
			at: into(c, (minute += 1)),
			actor: c.actors.pick('purchasing', lines[0].supplierId),
			command: cmd(confirmPurchaseOrder),
			input: { poId, lines: lines.map((l) => ({ lineId: l.lineId, confirmedDate: l.expectedDate! })) }
		});
	}
}

/** Receiving, four times a working day: what each supplier has delivered by now. */
export async function receiving(c: HourContext, open: OpenPurchaseLine[]): Promise<void> {
	if (!c.officeDay || ![9, 11, 14, 16].includes(c.hour)) return;
	let minute = 5;
	for (const l of open) {
		if (l.receivedQty >= l.qty) continue;
		const plan = planOf(c, l);
		if (!plan) continue;
		const arrived = plan.deliveries.filter((d) => d.date < c.today || (d.date === c.today && d.hour <= c.hour));
		const upTo = arrived.length ? Math.min(l.qty, arrived[arrived.length - 1].upTo) : 0;
		const qty = Math.round((upTo - l.receivedQty) * 1e6) / 1e6;
		if (qty <= 0) continue;
		c.act({ at: into(c, (minute += 1)), actor: c.actors.pick('warehouse', l.poId), command: cmd(receiveGoods), input: { poId: l.poId, lineId: l.lineId, qty } });
	}
}

async function waitingLines(c: HourContext): Promise<WaitingLine[]> {
	const out: WaitingLine[] = [];
	for (let page = 1; ; page++) {
		const r = await listAwaitingInspection(c.rt.db, { page, pageSize: 200 });
		out.push(...r.lines);
		if (!r.lines.length || out.length >= r.total) return out;
	}
}

/** Quality inspects received goods three times a working day; the supplier's reject rate decides. */
export async function inspections(c: HourContext): Promise<void> {
	if (!c.officeDay || ![10, 13, 16].includes(c.hour)) return;
	let minute = 10;
	for (const l of await waitingLines(c)) {
		if (l.waitingQty <= 0) continue;
		const b = supplierBehaviour(c.profile, l.supplierId ?? '');
		const rejected = rejectedQty(c.seed, l.poId, l.lineId, l.inspectedQty, l.waitingQty, b);
		const why = rejected > 0 ? (c.f.reasons.get('scrap') ?? []).find((x) => x === 'MATERIAL_DEFECT') ?? c.f.reasons.get('scrap')?.[0] : undefined;
		const input: Record<string, unknown> = { poId: l.poId, lineId: l.lineId, acceptedQty: Math.round((l.waitingQty - (why ? rejected : 0)) * 1e6) / 1e6, rejectedQty: why ? rejected : 0 };
		if (why) input.reasonCode = why;
		c.act({ at: into(c, (minute += 1)), actor: c.actors.pick('quality', l.supplierId ?? l.poId), command: cmd(recordInspection), input });
	}
}
