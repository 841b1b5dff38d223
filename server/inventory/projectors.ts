// Stock on hand per item and location at moving average cost. Adjustments add at their unit cost
// (or the item's standard cost) and remove at the current average; shipments remove at the average.
// Valuation follows the order events are applied in; quantities do not depend on it.
import type { z } from 'zod';
import type { FixedData } from '../events/catalogue.ts';
import { asJson, type Projector } from '../events/projectors.ts';
import { eventsBefore } from '../events/read.ts';
import { DEFAULT_LOCATION, QC_LOCATION, REJECTED_LOCATION, type stockAdjustedSchema, type stockMovedSchema } from './schemas.ts';
import type { inspectionRecordedSchema } from '../purchasing/schemas.ts';
import type { stockIssuedSchema } from '../production/schemas.ts';
import type { Queryable } from '../db/db.ts';
import { refuseEvent } from '../events/refusal.ts';
import { guardReasons } from '../sales/reason-guard.ts';
import { closedOrderRefusal, type OrderStatus } from '../production/order-state.ts';
import { guardStock } from './stock-guard.ts';
import { issueLocationRefusal, stockRefusal, transferRefusal } from './rules.ts';
import { firstRefusal } from '../events/batch-check.ts';

type Adjusted = z.infer<typeof stockAdjustedSchema>;
type Inspected = z.infer<typeof inspectionRecordedSchema>;

/** One movement per statement, in batch order, so each sees the average the previous one left. */
const MOVE = `insert into stock (item_id, location_id, on_hand, value)
	values ($1, $2, $3::numeric, case when $3::numeric > 0 then $3::numeric * coalesce($4::numeric, (select unit_cost from items where item_id = $1), 0) else 0 end)
	on conflict (item_id, location_id) do update set
		on_hand = stock.on_hand + excluded.on_hand,
		value = case
			when excluded.on_hand > 0 then stock.value + excluded.value
			when stock.on_hand + excluded.on_hand <= 0 then 0
			else stock.value + excluded.on_hand * (stock.value / nullif(stock.on_hand, 0))
		end`;

/**
 * Many movements in one statement, for projectors of busy events (shipments, receipts). `source` is a
 * SQL select giving (idx, item, loc, qty signed, cost) rows from the jsonb parameter $1, idx being the
 * event's place in the batch. Movements of one item and location in a batch are netted: added stock at
 * each movement's cost (else the item's standard cost), removals at the average before the batch. Rows
 * without an item move nothing. Answers each movement with its item and the stock it left at its
 * location, so rules on stock are checked without another query.
 */
function moveManySql(source: string): string {
	return `with moves as (${source}),
	agg as (
		select m.item, m.loc, sum(greatest(m.qty, 0)) as added, sum(least(m.qty, 0)) as removed,
			sum(case when m.qty > 0 then m.qty * coalesce(m.cost, i.unit_cost, 0) else 0 end) as added_value
		from moves m left join items i on i.item_id = m.item
		where m.item is not null
		group by m.item, m.loc
	),
	upd as (
		update stock s set
			on_hand = s.on_hand + a.added + a.removed,
			value = case when s.on_hand + a.added + a.removed <= 0 then 0
				else s.value + a.added_value + a.removed * (case when s.on_hand > 0 then s.value / s.on_hand
					when a.added > 0 then a.added_value / a.added else 0 end) end
		from agg a where s.item_id = a.item and s.location_id = a.loc
		returning s.item_id, s.location_id, s.on_hand
	),
	ins as (
		insert into stock (item_id, location_id, on_hand, value)
		select a.item, a.loc, a.added + a.removed, case when a.added + a.removed <= 0 then 0
			else a.added_value + a.removed * (case when a.added > 0 then a.added_value / a.added else 0 end) end
		from agg a where not exists (select 1 from upd u where u.item_id = a.item and u.location_id = a.loc)
		order by a.item, a.loc
		returning item_id, location_id, on_hand
	)
	select m.idx, m.item, m.loc, m.qty::float8 as qty, coalesce(u.on_hand, n.on_hand)::float8 as on_hand, i.allow_negative as allow
	from moves m join items i on i.item_id = m.item
	left join upd u on u.item_id = m.item and u.location_id = m.loc
	left join ins n on n.item_id = m.item and n.location_id = m.loc
	order by m.idx`;
}

interface MovedRow {
	idx: number;
	item: string;
	loc: string;
	qty: number;
	on_hand: number;
	allow: boolean;
}

const SHIPMENT_MOVES = moveManySql(`select x.idx, coalesce(x.item_id, l.item_id) as item, x.loc, -x.qty as qty, null::numeric as cost
	from jsonb_to_recordset($1::jsonb) as x(idx int, order_id text, line_id text, item_id text, loc text, qty numeric)
	left join sales_order_lines l on l.order_id = x.order_id and l.line_id = x.line_id`);

const RECEIPT_MOVES = moveManySql(`select x.idx, coalesce(x.item_id, l.item_id) as item, '${QC_LOCATION}'::text as loc, x.qty, l.unit_price as cost
	from jsonb_to_recordset($1::jsonb) as x(idx int, po_id text, line_id text, item_id text, qty numeric)
	left join purchase_order_lines l on l.po_id = x.po_id and l.line_id = x.line_id`);

/** Stock a batch's own movements left must not be negative, decided per movement in batch order. */
function checkMovedStock(events: { id: string }[], moved: MovedRow[]): void {
	const key = (r: MovedRow) => r.item + '\u0000' + r.loc;
	const after = new Map(moved.map((r) => [key(r), { onHand: r.on_hand, allow: r.allow }]));
	const byEvent = new Map(moved.map((r) => [events[r.idx].id, r]));
	const first = firstRefusal(
		moved.map((r) => ({ eventId: events[r.idx].id, key: key(r), qty: r.qty })),
		after,
		(f) => f.onHand,
		(f, onHand) => ({ ...f, onHand }),
		(s, m) => stockRefusal(s, m.qty, byEvent.get(m.eventId)!.item, byEvent.get(m.eventId)!.loc)
	);
	if (first) refuseEvent(first.eventId, first.refusal);
}

export const stockAdjusted: Projector<Adjusted> = {
	type: 'stock.adjusted',
	async guard(tx, events) {
		await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'stock_adjust', code: e.data.reasonCode })));
		await guardStock(tx, events.map((e) => ({ eventId: e.id, itemId: e.data.itemId, locationId: e.data.locationId, qty: e.data.qty, path: 'qty', requireItem: true })));
	},
	async apply(tx, events) {
		for (const e of events) await tx.query(MOVE, [e.data.itemId, e.data.locationId, e.data.qty, e.data.unitCost ?? null]);
	}
};

/** Inventory's reaction to a shipment: the goods leave stock. The item comes from the event or its order line. */
export const shipmentLeavesStock: Projector<FixedData<'shipment.shipped'>> = {
	type: 'shipment.shipped',
	/** Live, no shipment may take stock below zero (unless the item allows it), checked on what this write left. */
	async apply(tx, events, ctx) {
		// A shipment whose order and item are both unknown yet cannot move stock: it is kept on its line.
		const moved = await tx.query<MovedRow>(SHIPMENT_MOVES, [
			asJson(events.map((e, idx) => ({ idx, order_id: e.data.orderId, line_id: e.data.lineId, item_id: e.data.itemId ?? null, loc: e.data.locationId ?? DEFAULT_LOCATION, qty: e.data.qty })))
		]);
		if (ctx?.checkRules) checkMovedStock(events, moved.rows);
	}
};

// A reversed shipment's goods return to where they left, at the average cost there now (else the
// item's standard cost): the item and location are the shipment's own, as the log holds it.
const SHIPMENT_RETURNS = moveManySql(`select x.idx, coalesce(s.data->>'itemId', l.item_id) as item, coalesce(s.data->>'locationId', '${DEFAULT_LOCATION}') as loc,
		(s.data->>'qty')::numeric as qty,
		(select st.value / nullif(st.on_hand, 0) from stock st
			where st.item_id = coalesce(s.data->>'itemId', l.item_id) and st.location_id = coalesce(s.data->>'locationId', '${DEFAULT_LOCATION}') and st.on_hand > 0) as cost
	from jsonb_to_recordset($1::jsonb) as x(idx int, id uuid)
	join events s on s.id = x.id and s.type = 'shipment.shipped'
	left join sales_order_lines l on l.order_id = s.data->>'orderId' and l.line_id = s.data->>'lineId'`);

/** A reversed shipment puts its goods back (stock only grows here: no rule to check). */
export const shipmentReversalReturnsStock: Projector<{ shipmentId: string }> = {
	type: 'shipment.reversed',
	async apply(tx, events) {
		await tx.query(SHIPMENT_RETURNS, [asJson(events.map((e, idx) => ({ idx, id: e.data.shipmentId })))]);
	}
};

// A reversed receipt's goods leave QC at the average there: the item is the receipt's own, else its line's.
const RECEIPT_TAKEBACKS = moveManySql(`select x.idx, coalesce(g.data->>'itemId', l.item_id) as item, '${QC_LOCATION}'::text as loc,
		-(g.data->>'qty')::numeric as qty, null::numeric as cost
	from jsonb_to_recordset($1::jsonb) as x(idx int, id uuid)
	join events g on g.id = x.id and g.type = 'goods.received'
	left join purchase_order_lines l on l.po_id = g.data->>'poId' and l.line_id = g.data->>'lineId'`);

/** A reversed receipt takes its goods out of QC; live, QC may not go below zero. */
export const receiptReversalLeavesInspection: Projector<{ receiptId: string }> = {
	type: 'goods.receipt_reversed',
	async apply(tx, events, ctx) {
		const moved = await tx.query<MovedRow>(RECEIPT_TAKEBACKS, [asJson(events.map((e, idx) => ({ idx, id: e.data.receiptId })))]);
		if (ctx?.checkRules) checkMovedStock(events, moved.rows);
	}
};

/**
 * A reversed inspection's goods go back to QC from where it put them: accepted ones from usable stock
 * (live, never below zero: what was used since cannot be inspected again), rejected ones from REJECTED.
 * The item is the inspection's own, else its line's.
 */
export const inspectionReversalReturnsToQc: Projector<{ inspectionId: string }> = {
	type: 'inspection.reversed',
	async apply(tx, events, ctx) {
		const originals = await tx.query<{ id: string; item: string | null; accepted: number; rejected: number }>(
			`select r.idx::text as id, coalesce(i.data->>'itemId', l.item_id) as item,
				(i.data->>'acceptedQty')::float8 as accepted, (i.data->>'rejectedQty')::float8 as rejected
			from jsonb_to_recordset($1::jsonb) as r(idx int, id uuid)
			join events i on i.id = r.id and i.type = 'inspection.recorded'
			left join purchase_order_lines l on l.po_id = i.data->>'poId' and l.line_id = i.data->>'lineId'
			order by r.idx`,
			[asJson(events.map((e, idx) => ({ idx, id: e.data.inspectionId })))]
		);
		for (const o of originals.rows) {
			const e = events[Number(o.id)];
			if (!o.item) continue;
			if (ctx?.checkRules) {
				await guardStock(tx, [
					{ eventId: e.id, itemId: o.item, locationId: DEFAULT_LOCATION, qty: -o.accepted, path: 'acceptedQty' },
					{ eventId: e.id, itemId: o.item, locationId: REJECTED_LOCATION, qty: -o.rejected, path: 'rejectedQty' }
				]);
			}
			for (const [from, q] of [[DEFAULT_LOCATION, o.accepted], [REJECTED_LOCATION, o.rejected]] as const) {
				if (q <= 0) continue;
				const avg = (await tx.query<{ avg: number | null }>('select (value / nullif(on_hand, 0))::float8 as avg from stock where item_id = $1 and location_id = $2 and on_hand > 0', [o.item, from])).rows[0]?.avg ?? null;
				await tx.query(MOVE, [o.item, from, -q, null]);
				await tx.query(MOVE, [o.item, QC_LOCATION, q, avg]);
			}
		}
	}
};

/** A reversed report's backflushed components return where they were issued from, at the average there now. */
export const reportReversalReturnsComponents: Projector<{ returns?: { itemId: string; locationId: string; qty: number }[] }> = {
	type: 'production.report_reversed',
	async apply(tx, events) {
		for (const e of events) {
			for (const r of e.data.returns ?? []) {
				const avg = (await tx.query<{ avg: number | null }>('select (value / nullif(on_hand, 0))::float8 as avg from stock where item_id = $1 and location_id = $2 and on_hand > 0', [r.itemId, r.locationId])).rows[0]?.avg ?? null;
				await tx.query(MOVE, [r.itemId, r.locationId, r.qty, avg]);
			}
		}
	}
};

/** Received goods wait in QC (receiving inspection), valued at the order line's price; not usable yet. */
export const receiptEntersInspection: Projector<FixedData<'goods.received'>> = {
	type: 'goods.received',
	async apply(tx, events) {
		await tx.query(RECEIPT_MOVES, [asJson(events.map((e, idx) => ({ idx, po_id: e.data.poId, line_id: e.data.lineId, item_id: e.data.itemId ?? null, qty: e.data.qty })))]);
	}
};

/** Inspection moves goods out of QC: accepted ones to usable stock, rejected ones to REJECTED, never usable. */
export const inspectionReleasesStock: Projector<Inspected> = {
	type: 'inspection.recorded',
	async apply(tx, events) {
		for (const e of events) {
			const line = (await tx.query<{ item_id: string | null }>('select item_id from purchase_order_lines where po_id = $1 and line_id = $2', [e.data.poId, e.data.lineId])).rows[0];
			const item = e.data.itemId ?? line?.item_id;
			// Neither the event nor a placed order names the item yet: the order's placement moves it.
			if (item) await releaseInspected(tx, item, e.data);
		}
	}
};

async function releaseInspected(tx: Queryable, item: string, d: Inspected): Promise<void> {
	for (const [to, q] of [[DEFAULT_LOCATION, d.acceptedQty], [REJECTED_LOCATION, d.rejectedQty]] as const) {
		if (q <= 0) continue;
		const avg = (await tx.query<{ avg: number | null }>('select (value / nullif(on_hand, 0))::float8 as avg from stock where item_id = $1 and location_id = $2', [item, QC_LOCATION])).rows[0]?.avg ?? null;
		await tx.query(MOVE, [item, QC_LOCATION, -q, null]);
		await tx.query(MOVE, [item, to, q, avg]);
	}
}

/**
 * Receipts and inspections that named no item and arrived before their order line moved no stock:
 * the first placement naming the line moves them, at its item and price, those of earlier
 * transactions in log order (this transaction's own are moved by receiptEntersInspection and
 * inspectionReleasesStock: their types apply after placements). A line an earlier transaction placed moved them on arrival. Until some placement
 * names the line they wait in the log (the quantities already show on the purchase order line).
 */
export const placementMovesEarlyReceipts: Projector<FixedData<'purchase_order.placed'>> = {
	type: 'purchase_order.placed',
	async apply(tx, events) {
		const key = (poId: string, lineId: string) => poId + '\u0000' + lineId;
		const poIds = [...new Set(events.map((e) => e.data.poId))].sort();
		const earlier = await eventsBefore(tx, { key: 'poId', values: poIds, types: ['purchase_order.placed', 'goods.received', 'inspection.recorded'], before: events[0].id });
		const placedBefore = new Set(
			earlier.filter((e) => e.type === 'purchase_order.placed').flatMap((e) => (e.data as FixedData<'purchase_order.placed'>).lines.map((l) => key(e.data.poId as string, l.lineId)))
		);
		const early = earlier.filter((e) => e.type !== 'purchase_order.placed' && e.data.itemId === undefined && !placedBefore.has(key(e.data.poId as string, e.data.lineId as string)));
		if (!early.length) return;
		// A receipt taken back before its order was placed never moved stock, and does not now.
		const reversed = new Set(
			(await tx.query<{ id: string }>('select event_id::text as id from reversals where event_id = any($1::uuid[])', [early.map((e) => e.id)])).rows.map((r) => r.id)
		);
		const waiting = early.filter((e) => !reversed.has(e.id));
		// The line as it stands now: the placement projector, registered before this one, has written it.
		const lines = new Map(
			(
				await tx.query<{ po_id: string; line_id: string; item_id: string | null; unit_price: string | null }>(
					`select po_id, line_id, item_id, unit_price::text as unit_price from purchase_order_lines where po_id = any($1::text[])`,
					[poIds]
				)
			).rows.map((l) => [key(l.po_id, l.line_id), l])
		);
		for (const e of waiting) {
			const line = lines.get(key(e.data.poId as string, e.data.lineId as string));
			if (!line?.item_id) continue;
			if (e.type === 'goods.received') await tx.query(MOVE, [line.item_id, QC_LOCATION, (e.data as FixedData<'goods.received'>).qty, line.unit_price]);
			else await releaseInspected(tx, line.item_id, e.data as Inspected);
		}
	}
};

/** Components issued to production leave stock at the average cost. */
export const stockIssued: Projector<z.infer<typeof stockIssuedSchema>> = {
	type: 'stock.issued',
	/**
	 * Not from QC or REJECTED, not to an order closed before the issue's business time (a backflush at
	 * completion shares the completion's time), and no negative stock. An order not known yet: the
	 * issue counts, like other early events.
	 */
	async guard(tx, events) {
		for (const e of events) refuseEvent(e.id, issueLocationRefusal(e.data.locationId));
		const orders = new Map(
			(
				await tx.query<{ id: string; status: OrderStatus; closed_at: Date | string | null }>(
					'select production_order_id as id, status, completed_at as closed_at from production_orders where production_order_id = any($1::text[])',
					[[...new Set(events.map((e) => e.data.productionOrderId))]]
				)
			).rows.map((o) => [o.id, o])
		);
		for (const e of events) {
			const o = orders.get(e.data.productionOrderId);
			if (o?.closed_at && Date.parse(e.occurredAt) <= new Date(o.closed_at).getTime()) continue;
			if (o) refuseEvent(e.id, closedOrderRefusal(o.status));
		}
		await guardStock(tx, events.map((e) => ({ eventId: e.id, itemId: e.data.itemId, locationId: e.data.locationId, qty: -e.data.qty, path: 'qty', requireItem: true })));
	},
	async apply(tx, events) {
		for (const e of events) await tx.query(MOVE, [e.data.itemId, e.data.locationId, -e.data.qty, null]);
	}
};

/** A completed production order puts its good quantity into usable stock, at the item's standard cost. */
export const completionEntersStock: Projector<{ productionOrderId: string }> = {
	type: 'production_order.completed',
	async apply(tx, events) {
		for (const e of events) {
			const o = (await tx.query<{ item_id: string; good: number }>('select item_id, good_qty::float8 as good from production_orders where production_order_id = $1', [e.data.productionOrderId])).rows[0];
			if (o && o.good > 0) await tx.query(MOVE, [o.item_id, DEFAULT_LOCATION, o.good, null]);
		}
	}
};

/** A transfer leaves at the source's average cost and arrives at that cost. */
export const stockMoved: Projector<z.infer<typeof stockMovedSchema>> = {
	type: 'stock.moved',
	async guard(tx, events) {
		for (const e of events) refuseEvent(e.id, transferRefusal(e.data.fromLocationId, e.data.toLocationId));
		await guardStock(
			tx,
			events.flatMap((e) => [
				{ eventId: e.id, itemId: e.data.itemId, locationId: e.data.fromLocationId, qty: -e.data.qty, path: 'qty', requireItem: true },
				{ eventId: e.id, itemId: e.data.itemId, locationId: e.data.toLocationId, qty: e.data.qty, path: 'qty' }
			])
		);
	},
	async apply(tx, events) {
		for (const e of events) {
			const avg = (await tx.query<{ avg: number | null }>('select (value / nullif(on_hand, 0))::float8 as avg from stock where item_id = $1 and location_id = $2', [e.data.itemId, e.data.fromLocationId])).rows[0]?.avg ?? null;
			await tx.query(MOVE, [e.data.itemId, e.data.fromLocationId, -e.data.qty, null]);
			await tx.query(MOVE, [e.data.itemId, e.data.toLocationId, e.data.qty, avg]);
		}
	}
};

export const inventoryProjectors = [
	stockMoved,
	stockAdjusted,
	shipmentLeavesStock,
	shipmentReversalReturnsStock,
	placementMovesEarlyReceipts,
	receiptEntersInspection,
	receiptReversalLeavesInspection,
	inspectionReleasesStock,
	inspectionReversalReturnsToQc,
	stockIssued,
	reportReversalReturnsComponents,
	completionEntersStock
] as Projector[];

/** Empties this capability's projections before a rebuild from the event log. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate stock');
}
