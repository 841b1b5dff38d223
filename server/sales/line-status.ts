// The status of a sales order line, derived from facts by one pure function (never stored, never
// set in five places). `today` is the factory's date (YYYY-MM-DD in LIANDONG_TIMEZONE).
//
//   cancelled          the line was cancelled (what was shipped before stays shipped)
//   shipped            everything ordered has left
//   partially_shipped  some has left, the rest is open
//   late               nothing or not all shipped and the due date (promised, else requested) has passed
//   in_production      a production order is working on it (from the production capability)
//   ready              finished goods for it are on hand (from inventory)
//   promised           a promise date is set
//   open               none of the above
export const LINE_STATUSES = ['open', 'promised', 'in_production', 'ready', 'partially_shipped', 'shipped', 'late', 'cancelled'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export interface LineFacts {
	qty: number;
	shippedQty: number;
	requestedDate: string | null;
	promisedDate: string | null;
	cancelled: boolean;
	today: string;
	inProduction?: boolean;
	ready?: boolean;
}

export function deriveLineStatus(f: LineFacts): LineStatus {
	if (f.cancelled) return 'cancelled';
	if (f.shippedQty >= f.qty && f.qty > 0) return 'shipped';
	const due = f.promisedDate ?? f.requestedDate;
	if (due !== null && due < f.today) return 'late';
	if (f.shippedQty > 0) return 'partially_shipped';
	if (f.ready) return 'ready';
	if (f.inProduction) return 'in_production';
	if (f.promisedDate) return 'promised';
	return 'open';
}

/** Share shipped, 0–100, rounded down so 100 means everything has left. */
export function lineProgress(f: Pick<LineFacts, 'qty' | 'shippedQty'>): number {
	if (f.qty <= 0) return 0;
	return Math.min(100, Math.floor((f.shippedQty / f.qty) * 100));
}

// The factory date lives with every capability's shared pieces; kept here too for existing callers.
export { factoryDate } from '../shared/factory-date.ts';
