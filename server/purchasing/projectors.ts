// Purchasing projections of the fixed event types: purchase orders, their lines and received quantities.
// Receipts add up whatever their arrival order, like shipments in sales.
import type { FixedData } from '../events/catalogue.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { Queryable } from '../db/db.ts';

export const purchaseOrderPlaced: Projector<FixedData<'purchase_order.placed'>> = {
	type: 'purchase_order.placed',
	async apply(tx, events) {
		const latest = latestPerKey(events, (e) => e.data.poId);
		await tx.query(
			`insert into purchase_orders (po_id, supplier_id, placed_at, version_at, version_id)
			select po_id, supplier_id, version_at, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(po_id text, supplier_id text, version_at timestamptz, version_id uuid)
			on conflict (po_id) do update set supplier_id = excluded.supplier_id, placed_at = excluded.placed_at,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (purchase_orders.version_at, purchase_orders.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(latest.map((e) => ({ po_id: e.data.poId, supplier_id: e.data.supplierId, version_at: e.occurredAt, version_id: e.id })))]
		);
		const lines = latest.flatMap((e) =>
			e.data.lines.map((l) => ({
				po_id: e.data.poId,
				line_id: l.lineId,
				item_id: l.itemId,
				qty: l.qty,
				unit_price: l.unitPrice,
				expected_date: l.expectedDate,
				version_at: e.occurredAt,
				version_id: e.id
			}))
		);
		lines.sort((a, b) => (a.po_id + '\u0000' + a.line_id < b.po_id + '\u0000' + b.line_id ? -1 : 1));
		await tx.query(
			`insert into purchase_order_lines (po_id, line_id, item_id, qty, unit_price, expected_date, version_at, version_id)
			select po_id, line_id, item_id, qty, unit_price, expected_date, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(po_id text, line_id text, item_id text, qty numeric, unit_price numeric,
				expected_date date, version_at timestamptz, version_id uuid)
			on conflict (po_id, line_id) do update set item_id = excluded.item_id, qty = excluded.qty,
				unit_price = excluded.unit_price, expected_date = excluded.expected_date,
				version_at = excluded.version_at, version_id = excluded.version_id
			where purchase_order_lines.version_at is null
				or (purchase_order_lines.version_at, purchase_order_lines.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(lines)]
		);
		// A newer version of an order replaces its lines: lines it no longer has go, unless goods already
		// moved against them (then they stay, as the record of that movement).
		await tx.query(
			`delete from purchase_order_lines l using purchase_orders h
			where h.po_id = any($1::text[]) and l.po_id = h.po_id
				and l.version_id is not null and l.version_id <> h.version_id and (l.version_at, l.version_id) < (h.version_at, h.version_id)
				and l.received_qty = 0`,
			[latest.map((e) => e.data.poId)]
		);
	}
};

export const goodsReceived: Projector<FixedData<'goods.received'>> = {
	type: 'goods.received',
	async apply(tx, events) {
		const sums = new Map<string, { po_id: string; line_id: string; qty: number; at: string }>();
		for (const e of events) {
			const k = e.data.poId + '\u0000' + e.data.lineId;
			const cur = sums.get(k);
			if (cur) {
				cur.qty += e.data.qty;
				if (Date.parse(e.occurredAt) > Date.parse(cur.at)) cur.at = e.occurredAt;
			} else sums.set(k, { po_id: e.data.poId, line_id: e.data.lineId, qty: e.data.qty, at: e.occurredAt });
		}
		const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
		await tx.query(
			`insert into purchase_order_lines (po_id, line_id, received_qty, last_received_at)
			select po_id, line_id, qty, at from jsonb_to_recordset($1::jsonb) as x(po_id text, line_id text, qty numeric, at timestamptz)
			on conflict (po_id, line_id) do update set received_qty = purchase_order_lines.received_qty + excluded.received_qty,
				last_received_at = greatest(purchase_order_lines.last_received_at, excluded.last_received_at)`,
			[asJson(rows)]
		);
	}
};

export const purchasingProjectors = [purchaseOrderPlaced, goodsReceived] as Projector[];

/** Empties this capability's projections before a rebuild from the event log. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate purchase_orders, purchase_order_lines');
}
