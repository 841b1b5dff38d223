// Value equality of the pieces of a plan, so net change keeps the previous plan's objects where an
// item's replanning came out the same (and copies no map that did not change).
import type { DemandSource, ItemRecord, Peg, PlanException, PlannedOrder, ReceiptUse, SupplyRef } from './types.ts';

type Source = DemandSource | { kind: 'stock' };

function sameSource(a: Source, b: Source): boolean {
	if (a === b) return true;
	switch (a.kind) {
		case 'sales_order_line':
			return b.kind === a.kind && b.orderId === a.orderId && b.lineId === a.lineId;
		case 'forecast':
			return b.kind === a.kind && b.date === a.date;
		case 'planned_order':
		case 'production_order':
			return b.kind === a.kind && b.id === a.id;
		default:
			return b.kind === a.kind;
	}
}

const sameRef = (a: SupplyRef | undefined, b: SupplyRef | undefined) =>
	a === b || (!!a && !!b && a.kind === b.kind && a.id === b.id && ('lineId' in a ? a.lineId : undefined) === ('lineId' in b ? b.lineId : undefined));

const sameNumbers = (a: number[], b: number[]) => {
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
	return true;
};

export function samePegs(a: Peg[] | null | undefined, b: Peg[] | null | undefined): boolean {
	if (!a || !b) return !a && !b;
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k].qty !== b[k].qty || a[k].bucket !== b[k].bucket || !sameSource(a[k].demand, b[k].demand)) return false;
	return true;
}

export function sameRecord(a: ItemRecord, b: ItemRecord | undefined): boolean {
	return (
		!!b &&
		a.itemId === b.itemId &&
		a.lowLevelCode === b.lowLevelCode &&
		sameNumbers(a.buckets, b.buckets) &&
		sameNumbers(a.grossRequirements, b.grossRequirements) &&
		sameNumbers(a.scheduledReceipts, b.scheduledReceipts) &&
		sameNumbers(a.projectedOnHand, b.projectedOnHand) &&
		sameNumbers(a.netRequirements, b.netRequirements) &&
		sameNumbers(a.plannedOrderReceipts, b.plannedOrderReceipts) &&
		sameNumbers(a.plannedOrderReleases, b.plannedOrderReleases)
	);
}

/** Same planned orders as far as the children can tell: ids, quantities, release buckets. */
export function sameOrderHeads(a: PlannedOrder[], b: PlannedOrder[] | undefined): boolean {
	if (!b) return a.length === 0;
	if (a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) if (a[k].id !== b[k].id || a[k].qty !== b[k].qty || a[k].releaseBucket !== b[k].releaseBucket) return false;
	return true;
}

export function samePlannedOrders(a: PlannedOrder[], b: PlannedOrder[] | undefined): boolean {
	if (!sameOrderHeads(a, b)) return false;
	for (let k = 0; k < a.length; k++) {
		const x = a[k];
		const y = b![k];
		if (x.itemId !== y.itemId || x.kind !== y.kind || x.receiptBucket !== y.receiptBucket || !samePegs(x.pegs, y.pegs)) return false;
	}
	return true;
}

export function sameReceiptUses(a: ReceiptUse[], b: ReceiptUse[] | undefined): boolean {
	if (!b || a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) {
		const x = a[k];
		const y = b[k];
		if (x.itemId !== y.itemId || x.bucket !== y.bucket || x.qty !== y.qty || !sameRef(x.ref, y.ref) || !samePegs(x.pegs, y.pegs)) return false;
	}
	return true;
}

export function sameExceptions(a: PlanException[], b: PlanException[] | undefined): boolean {
	if (!b || a.length !== b.length) return false;
	for (let k = 0; k < a.length; k++) {
		const x = a[k];
		const y = b[k];
		if (x.kind !== y.kind || x.itemId !== y.itemId || x.plannedOrderId !== y.plannedOrderId || x.bucket !== y.bucket || x.days !== y.days || x.qty !== y.qty || !sameRef(x.ref, y.ref)) {
			return false;
		}
	}
	return true;
}
