// Purchase order lines still open, as receiving and the buyer's follow-up read them: every line not yet
// received and inspected in full, with its supplier, the dates agreed and whether a delay was noticed,
// in one query. Reads the projections only.
import type { Queryable } from '../db/db.ts';

export interface OpenPurchaseLine {
	poId: string;
	lineId: string;
	supplierId: string;
	itemId: string;
	qty: number;
	receivedQty: number;
	/** Accepted and rejected so far. */
	inspectedQty: number;
	/** The date expected now (as placed, confirmed or delayed last). */
	expectedDate: string | null;
	/** The date the supplier confirmed, if it did. */
	confirmedDate: string | null;
	/** A delay notice was recorded. */
	delayed: boolean;
	placedAt: string;
	lastReceivedAt: string | null;
}

/** Lines not yet received in full, or received and still waiting for inspection, by order and line. */
export async function openPurchaseLines(q: Queryable): Promise<OpenPurchaseLine[]> {
	const r = await q.query<Omit<OpenPurchaseLine, 'placedAt' | 'lastReceivedAt'> & { placedAt: Date | string; lastReceivedAt: Date | string | null }>(
		`select l.po_id as "poId", l.line_id as "lineId", h.supplier_id as "supplierId", l.item_id as "itemId", l.qty::float8 as qty,
			l.received_qty::float8 as "receivedQty", (l.accepted_qty + l.rejected_qty)::float8 as "inspectedQty",
			to_char(l.expected_date, 'YYYY-MM-DD') as "expectedDate", to_char(l.confirmed_date, 'YYYY-MM-DD') as "confirmedDate",
			l.delay_reason is not null as delayed, h.placed_at as "placedAt", l.last_received_at as "lastReceivedAt"
		from purchase_order_lines l join purchase_orders h on h.po_id = l.po_id
		where l.item_id is not null and l.qty is not null and (l.received_qty < l.qty or l.received_qty > l.accepted_qty + l.rejected_qty)
		order by l.po_id, l.line_id`
	);
	return r.rows.map((l) => ({
		...l,
		placedAt: new Date(l.placedAt).toISOString(),
		lastReceivedAt: l.lastReceivedAt === null ? null : new Date(l.lastReceivedAt).toISOString()
	}));
}
