// How far a purchase order line has come, from its facts and the factory's date: still to receive,
// late (still to receive after its expected date) and by how many days. Pure; the order list finds
// late orders in SQL (purchase-order.queries.ts), and a test holds that SQL to this function.

/** The purchase order list's filters: still to receive, late, received in full, goods waiting for inspection. */
export const PO_FILTERS = ['open', 'late', 'received', 'inspection'] as const;
export type PoFilter = (typeof PO_FILTERS)[number];

export interface PoLineFacts {
	/** Null for a line known only by a receipt that arrived before its order. */
	qty: number | null;
	receivedQty: number;
	expectedDate: string | null;
}

/** Ordered and not received in full. */
export const stillToReceive = (f: Pick<PoLineFacts, 'qty' | 'receivedQty'>): boolean => f.qty !== null && f.receivedQty < f.qty;

const dayNumber = (isoDate: string) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000;

/** Late: still to receive and expected before `today` (YYYY-MM-DD at the factory); days late counts from the expected date. */
export function purchaseOrderLineLateness(f: PoLineFacts, today: string): { late: boolean; daysLate: number } {
	if (!stillToReceive(f) || f.expectedDate === null || !(f.expectedDate < today)) return { late: false, daysLate: 0 };
	return { late: true, daysLate: dayNumber(today) - dayNumber(f.expectedDate) };
}

/** An order is late when one of its lines is. */
export const purchaseOrderLate = (lines: readonly PoLineFacts[], today: string): boolean =>
	lines.some((l) => purchaseOrderLineLateness(l, today).late);
