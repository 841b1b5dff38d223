// What each event of a requisition's or purchase order's history says, for the record's timeline:
// plain facts picked out of the event's data, worded by PurchasingTimeline.svelte. Unknown shapes
// (an integrator's event with fields missing) fall back to "other", which shows the raw data.
import type { HistoryEvent } from '../timeline.ts';

export type { HistoryEvent };

export type PurchasingSummary =
	| { kind: 'requisition'; itemId: string; qty: number; neededBy: string; ruleId: string | null; steps: string[]; note?: string }
	| { kind: 'decision'; step: number; role: string; note?: string }
	| { kind: 'placed'; poId: string; supplierId: string; lines: number; requisitions: string[] }
	| { kind: 'confirmed'; lines: { lineId: string; date: string }[] }
	| { kind: 'delayed'; lineId: string; expectedDate: string; reasonCode: string; note?: string }
	| { kind: 'expedite'; lineId: string; note?: string }
	| { kind: 'received'; lineId: string; qty: number }
	| { kind: 'receiptReversed'; receiptId: string; lineId: string; qty: number; reasonCode: string; note?: string }
	| { kind: 'inspected'; lineId: string; acceptedQty: number; rejectedQty: number; reasonCode?: string }
	| { kind: 'inspectionReversed'; inspectionId: string; lineId: string; acceptedQty: number; rejectedQty: number; reasonCode: string; note?: string }
	| { kind: 'other' };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

function summary(type: string, d: Record<string, unknown>): PurchasingSummary | undefined {
	switch (type) {
		case 'requisition.created': {
			const [itemId, qty, neededBy] = [str(d.itemId), num(d.qty), str(d.neededBy)];
			if (itemId === undefined || qty === undefined || neededBy === undefined) return undefined;
			const steps = list(d.steps).flatMap((s) => str(s.role) ?? []);
			return { kind: 'requisition', itemId, qty, neededBy, ruleId: str(d.ruleId) ?? null, steps, note: str(d.note) };
		}
		case 'requisition.approved':
		case 'requisition.rejected': {
			const [step, role] = [num(d.step), str(d.role)];
			return step === undefined || role === undefined ? undefined : { kind: 'decision', step, role, note: str(d.note) };
		}
		case 'purchase_order.placed': {
			const [poId, supplierId] = [str(d.poId), str(d.supplierId)];
			if (poId === undefined || supplierId === undefined) return undefined;
			const lines = list(d.lines);
			return { kind: 'placed', poId, supplierId, lines: lines.length, requisitions: lines.flatMap((l) => str(l.requisitionId) ?? []) };
		}
		case 'purchase_order.confirmed':
			return { kind: 'confirmed', lines: list(d.lines).flatMap((l) => (str(l.lineId) && str(l.confirmedDate) ? [{ lineId: l.lineId as string, date: l.confirmedDate as string }] : [])) };
		case 'purchase_order.delayed': {
			const [lineId, expectedDate, reasonCode] = [str(d.lineId), str(d.expectedDate), str(d.reasonCode)];
			if (lineId === undefined || expectedDate === undefined || reasonCode === undefined) return undefined;
			return { kind: 'delayed', lineId, expectedDate, reasonCode, note: str(d.note) };
		}
		case 'purchase_order.expedite_requested': {
			const lineId = str(d.lineId);
			return lineId === undefined ? undefined : { kind: 'expedite', lineId, note: str(d.note) };
		}
		case 'goods.received': {
			const [lineId, qty] = [str(d.lineId), num(d.qty)];
			return lineId === undefined || qty === undefined ? undefined : { kind: 'received', lineId, qty };
		}
		case 'goods.receipt_reversed': {
			const [receiptId, lineId, qty, reasonCode] = [str(d.receiptId), str(d.lineId), num(d.qty), str(d.reasonCode)];
			if (receiptId === undefined || lineId === undefined || qty === undefined || reasonCode === undefined) return undefined;
			return { kind: 'receiptReversed', receiptId, lineId, qty, reasonCode, note: str(d.note) };
		}
		case 'inspection.reversed': {
			const [inspectionId, lineId, acceptedQty, rejectedQty, reasonCode] = [str(d.inspectionId), str(d.lineId), num(d.acceptedQty), num(d.rejectedQty), str(d.reasonCode)];
			if (inspectionId === undefined || lineId === undefined || acceptedQty === undefined || rejectedQty === undefined || reasonCode === undefined) return undefined;
			return { kind: 'inspectionReversed', inspectionId, lineId, acceptedQty, rejectedQty, reasonCode, note: str(d.note) };
		}
		case 'inspection.recorded': {
			const [lineId, acceptedQty, rejectedQty] = [str(d.lineId), num(d.acceptedQty), num(d.rejectedQty)];
			if (lineId === undefined || acceptedQty === undefined || rejectedQty === undefined) return undefined;
			return { kind: 'inspected', lineId, acceptedQty, rejectedQty, reasonCode: str(d.reasonCode) };
		}
	}
	return undefined;
}

/** Each event with what it says, in the order given (newest first). */
export function summarizePurchasing(history: readonly HistoryEvent[]): { event: HistoryEvent; summary: PurchasingSummary }[] {
	return history.map((event) => ({ event, summary: summary(event.type, event.data) ?? { kind: 'other' } }));
}

/** The receipts and inspections of a history that a later correction took back. */
export function reversedEntries(history: readonly HistoryEvent[]): Set<string> {
	return new Set(
		history.flatMap((e) => {
			const id = e.type === 'goods.receipt_reversed' ? e.data.receiptId : e.type === 'inspection.reversed' ? e.data.inspectionId : undefined;
			return typeof id === 'string' ? [id] : [];
		})
	);
}
