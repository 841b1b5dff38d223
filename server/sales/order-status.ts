// An order's status, derived from its lines' statuses (server/sales/line-status.ts) by one pure rule.
// The list filters on it in SQL (server/sales/sales-order.queries.ts), which follows this same order;
// tests/integration/sales/order-list.test.ts checks that the two agree.
import type { LineStatus } from './line-status.ts';

/**
 * An order's status is its worst line's, so a list filtered on "late" finds every order with a late
 * line. Worst first: late; then the lines still to deliver, the least advanced first (open, promised,
 * in production, ready, partially shipped); then shipped; cancelled last, so an order shipped in part
 * and cancelled for the rest reads "shipped", and only an order cancelled whole reads "cancelled".
 */
export const SEVERITY = {
	late: 0,
	open: 1,
	promised: 2,
	in_production: 3,
	ready: 4,
	partially_shipped: 5,
	shipped: 6,
	cancelled: 7
} as const satisfies Record<LineStatus, number>;

/** The worst of the lines' statuses; an order without lines (none can be entered) reads "open". */
export function orderStatus(lines: readonly LineStatus[]): LineStatus {
	return lines.reduce<LineStatus>((worst, s) => (SEVERITY[s] < SEVERITY[worst] ? s : worst), lines.length ? 'cancelled' : 'open');
}

/** Still something to deliver: neither shipped in full nor cancelled (the `status=active` filter). */
export const isActive = (status: LineStatus): boolean => status !== 'shipped' && status !== 'cancelled';
