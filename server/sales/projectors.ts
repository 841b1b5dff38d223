// Sales projections of the fixed event types: orders, their lines and shipped quantities.
// Shipments add up, so their order does not matter; a shipment that arrives before its order
// creates the line with only the shipped quantity, and the order fills in the rest when it comes.
import type { z } from 'zod';
import type { FixedData } from '../events/catalogue.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import type { Queryable } from '../db/db.ts';
import { ensureDefaultReasonCodes } from './reason-codes.ts';
import { checkShipments, guardCustomerPrices, guardCancellations, guardChanges, guardOrdersCreated, guardPromises } from './guards.ts';
import { guardReasons } from './reason-guard.ts';
import { SHIPMENT_REVERSAL } from './rules.ts';
import { BASE_CURRENCY } from '../shared/money.ts';
import { guardReversals, recordReversals } from '../events/reversal.ts';
import type { customerPriceUpsertedSchema, reasonCodeUpsertedSchema, salesOrderCancelledSchema, salesOrderChangedSchema, salesOrderPromisedSchema, shipmentReversedSchema } from './schemas.ts';

export const salesOrderCreated: Projector<FixedData<'sales_order.created'>> = {
	type: 'sales_order.created',
	guard: guardOrdersCreated,
	async apply(tx, events) {
		const latest = latestPerKey(events, (e) => e.data.orderId);
		const headers = latest.map((e) => ({
			order_id: e.data.orderId,
			customer_id: e.data.customerId,
			custom: e.data.custom ?? {},
			department: e.data.department ?? null,
			currency: e.data.currency ?? BASE_CURRENCY,
			entered_by: e.actor ?? null,
			version_at: e.occurredAt,
			version_id: e.id
		}));
		// entered_by keeps the first version's actor: an ERP re-sending the order does not take it over.
		const upserted = await tx.query<{ order_id: string; replaced: boolean }>(
			`insert into sales_orders (order_id, customer_id, ordered_at, entered_at, custom, department, currency, entered_by, version_at, version_id)
			select order_id, customer_id, version_at, version_at, custom, department, currency, entered_by, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(order_id text, customer_id text, custom jsonb, department text, currency text, entered_by text,
				version_at timestamptz, version_id uuid)
			on conflict (order_id) do update set customer_id = excluded.customer_id, ordered_at = excluded.ordered_at, custom = excluded.custom,
				department = excluded.department, currency = excluded.currency, version_at = excluded.version_at, version_id = excluded.version_id
			where (sales_orders.version_at, sales_orders.version_id) < (excluded.version_at, excluded.version_id)
			returning order_id, xmax <> 0 as replaced`,
			[asJson(headers)]
		);
		const lines = latest.flatMap((e) =>
			e.data.lines.map((l) => ({
				order_id: e.data.orderId,
				line_id: l.lineId,
				item_id: l.itemId,
				qty: l.qty,
				requested_date: l.requestedDate,
				priority: l.priority ?? 5,
				unit_price: l.unitPrice ?? null,
				version_at: e.occurredAt,
				version_id: e.id
			}))
		);
		lines.sort((a, b) => (a.order_id + '\u0000' + a.line_id < b.order_id + '\u0000' + b.line_id ? -1 : 1));
		await tx.query(
			`insert into sales_order_lines (order_id, line_id, item_id, qty, requested_date, priority, unit_price, version_at, version_id)
			select order_id, line_id, item_id, qty, requested_date, priority, unit_price, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x(order_id text, line_id text, item_id text, qty numeric,
				requested_date date, priority smallint, unit_price numeric, version_at timestamptz, version_id uuid)
			on conflict (order_id, line_id) do update set item_id = excluded.item_id, qty = excluded.qty,
				requested_date = excluded.requested_date, priority = excluded.priority, unit_price = excluded.unit_price,
				version_at = excluded.version_at, version_id = excluded.version_id
			where sales_order_lines.version_at is null
				or (sales_order_lines.version_at, sales_order_lines.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(lines)]
		);
		// A newer version of an order replaces its lines: lines it no longer has go, unless goods already
		// moved against them (then they stay, as the record of that movement). Orders this batch inserted
		// for the first time (xmax unset: not the update branch) cannot have such lines: skip them.
		const firstSeen = new Set(upserted.rows.filter((r) => !r.replaced).map((r) => r.order_id));
		const replaced = latest.map((e) => e.data.orderId).filter((id) => !firstSeen.has(id));
		// The entry is the order's first version by business time: an earlier version arriving late moves it back.
		if (replaced.length || events.length > latest.length) await tx.query(
			`update sales_orders s set entered_at = x.at
			from (select order_id, min(at) as at from jsonb_to_recordset($1::jsonb) as r(order_id text, at timestamptz) group by order_id) x
			where s.order_id = x.order_id and x.at < s.entered_at`,
			[asJson(events.map((e) => ({ order_id: e.data.orderId, at: e.occurredAt })))]
		);
		// A promise that came before its order (ingest takes them in any order) is its first promise.
		if (firstSeen.size) await tx.query(
			`update sales_orders s set first_promised_at = x.at
			from (select data->>'orderId' as order_id, min(occurred_at) as at from events
				where type = 'sales_order.promised' and data->>'orderId' = any($1::text[]) group by 1) x
			where s.order_id = x.order_id and (s.first_promised_at is null or x.at < s.first_promised_at)`,
			[[...firstSeen]]
		);
		if (replaced.length) await tx.query(
			`delete from sales_order_lines l using sales_orders h
			where h.order_id = any($1::text[]) and l.order_id = h.order_id
				and l.version_id is not null and l.version_id <> h.version_id and (l.version_at, l.version_id) < (h.version_at, h.version_id)
				and l.shipped_qty = 0`,
			[replaced]
		);
	}
};

/** Shipped quantities add up; live, the lines as this write left them must satisfy the shipment rule. */
export const shipmentShipped: Projector<FixedData<'shipment.shipped'>> = {
	type: 'shipment.shipped',
	async apply(tx, events, ctx) {
		const sums = new Map<string, { order_id: string; line_id: string; qty: number; at: string }>();
		for (const e of events) {
			const k = e.data.orderId + '\u0000' + e.data.lineId;
			const cur = sums.get(k);
			if (cur) {
				cur.qty += e.data.qty;
				if (Date.parse(e.occurredAt) > Date.parse(cur.at)) cur.at = e.occurredAt;
			} else sums.set(k, { order_id: e.data.orderId, line_id: e.data.lineId, qty: e.data.qty, at: e.occurredAt });
		}
		const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
		const lines = await tx.query<{ order_id: string; line_id: string; qty: number | null; shipped: number; cancelled: boolean; known: boolean }>(
			`insert into sales_order_lines (order_id, line_id, shipped_qty, last_shipped_at)
			select order_id, line_id, qty, at from jsonb_to_recordset($1::jsonb) as x(order_id text, line_id text, qty numeric, at timestamptz)
			on conflict (order_id, line_id) do update set shipped_qty = sales_order_lines.shipped_qty + excluded.shipped_qty,
				last_shipped_at = greatest(sales_order_lines.last_shipped_at, excluded.last_shipped_at)
			returning order_id, line_id, qty::float8 as qty, shipped_qty::float8 as shipped, cancelled_at is not null as cancelled,
				exists (select 1 from sales_orders h where h.order_id = sales_order_lines.order_id) as known`,
			[asJson(rows)]
		);
		if (ctx?.checkRules) checkShipments(events, lines.rows);
	}
};



// ---- changes, cancellations, promises (server/sales/schemas.ts) ----

type Changed = z.infer<typeof salesOrderChangedSchema>;
type Cancelled = z.infer<typeof salesOrderCancelledSchema>;
type Promised = z.infer<typeof salesOrderPromisedSchema>;

/** A change applies to a line unless the line already holds a newer version (business time). */
export const salesOrderChanged: Projector<Changed> = {
	type: 'sales_order.changed',
	guard: guardChanges,
	async apply(tx, events) {
		const rows = events
			.flatMap((e) =>
				e.data.lines.map((l) => ({
					order_id: e.data.orderId,
					line_id: l.lineId,
					qty: l.qty ?? null,
					requested_date: l.requestedDate ?? null,
					priority: l.priority ?? null,
					unit_price: l.unitPrice ?? null,
					at: e.occurredAt,
					id: e.id
				}))
			)
			.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
		// One statement per change in business-time order: later changes of the same line win.
		for (const r of rows) {
			await tx.query(
				`update sales_order_lines set qty = coalesce($3, qty), requested_date = coalesce($4::date, requested_date),
					priority = coalesce($5, priority), unit_price = coalesce($8, unit_price), version_at = $6, version_id = $7
				where order_id = $1 and line_id = $2 and (version_at is null or (version_at, version_id) < ($6::timestamptz, $7::uuid))`,
				[r.order_id, r.line_id, r.qty, r.requested_date, r.priority, r.at, r.id, r.unit_price]
			);
		}
	}
};

/** Cancellation is final: the first one recorded stays. */
export const salesOrderCancelled: Projector<Cancelled> = {
	type: 'sales_order.cancelled',
	guard: guardCancellations,
	async apply(tx, events) {
		for (const e of events) {
			await tx.query(
				`update sales_order_lines set cancelled_at = $3, cancel_reason = $4
				where order_id = $1 and ($2::text[] is null or line_id = any($2::text[])) and cancelled_at is null`,
				[e.data.orderId, e.data.lineIds ?? null, e.occurredAt, e.data.reasonCode]
			);
		}
	}
};

export const salesOrderPromised: Projector<Promised> = {
	type: 'sales_order.promised',
	guard: guardPromises,
	async apply(tx, events) {
		const rows = events.flatMap((e) => e.data.lines.map((l) => ({ order_id: e.data.orderId, line_id: l.lineId, date: l.promisedDate, at: e.occurredAt })));
		await tx.query(
			`update sales_order_lines l set promised_date = x.date, promised_at = x.at
			from (select distinct on (order_id, line_id) * from jsonb_to_recordset($1::jsonb) as r(order_id text, line_id text, date date, at timestamptz)
				order by order_id, line_id, at desc) x
			where l.order_id = x.order_id and l.line_id = x.line_id and (l.promised_at is null or l.promised_at <= x.at)`,
			[asJson(rows)]
		);
		// The order's first promise by business time (the order response time KPI).
		await tx.query(
			`update sales_orders s set first_promised_at = x.at
			from (select order_id, min(at) as at from jsonb_to_recordset($1::jsonb) as r(order_id text, at timestamptz) group by order_id) x
			where s.order_id = x.order_id and (s.first_promised_at is null or x.at < s.first_promised_at)`,
			[asJson(events.map((e) => ({ order_id: e.data.orderId, at: e.occurredAt })))]
		);
	}
};

export const reasonCodeUpserted: Projector<z.infer<typeof reasonCodeUpsertedSchema>> = {
	type: 'reason_code.upserted',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => `${e.data.list}\u0000${e.data.code}`).map((e) => ({
			list: e.data.list,
			code: e.data.code,
			zh: e.data.labels['zh-CN'],
			en: e.data.labels.en,
			active: e.data.active ?? true,
			at: e.occurredAt,
			id: e.id
		}));
		await tx.query(
			`insert into reason_codes (list, code, label_zh, label_en, active, version_at, version_id)
			select list, code, zh, en, active, at, id from jsonb_to_recordset($1::jsonb)
				as x(list text, code text, zh text, en text, active boolean, at timestamptz, id uuid)
			on conflict (list, code) do update set label_zh = excluded.label_zh, label_en = excluded.label_en,
				active = excluded.active, version_at = excluded.version_at, version_id = excluded.version_id
			where (reason_codes.version_at, reason_codes.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

/**
 * A shipment taken back: the line owes its quantity again, and its last shipment is the latest one not
 * reversed. Quantities come from the shipment as the log holds it (the guard checked the correction
 * repeats them), so the line is exactly as if the shipment had never been.
 */
export const shipmentReversed: Projector<z.infer<typeof shipmentReversedSchema>> = {
	type: 'shipment.reversed',
	async guard(tx, events) {
		await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'correction', code: e.data.reasonCode })));
		await guardReversals(tx, SHIPMENT_REVERSAL, events);
	},
	async apply(tx, events) {
		await recordReversals(tx, SHIPMENT_REVERSAL, events);
		await tx.query(
			`with x as (
				select s.data->>'orderId' as order_id, s.data->>'lineId' as line_id, sum((s.data->>'qty')::numeric) as qty
				from jsonb_to_recordset($1::jsonb) as r(id uuid) join events s on s.id = r.id and s.type = 'shipment.shipped'
				group by 1, 2 order by 1, 2
			)
			update sales_order_lines l set shipped_qty = l.shipped_qty - x.qty,
				last_shipped_at = (select max(s.occurred_at) from events s
					where s.type = 'shipment.shipped' and s.data->>'orderId' = l.order_id and s.data->>'lineId' = l.line_id
						and not exists (select 1 from reversals v where v.event_id = s.id))
			from x where l.order_id = x.order_id and l.line_id = x.line_id`,
			[asJson(events.map((e) => ({ id: e.data.shipmentId })))]
		);
	}
};

// ---- customers' agreed prices ----

type PriceKey = { customerId: string; itemId: string };

/** Last writer wins per customer and item by business time; a removal keeps the row without a price. */
function customerPriceProjector<T extends PriceKey>(type: string, price: (d: T) => { unitPrice: number | null; currency: string | null }): Projector<T> {
	return {
		type,
		guard: guardCustomerPrices,
		async apply(tx, events) {
			const rows = latestPerKey(events, (e) => `${e.data.customerId}\u0000${e.data.itemId}`).map((e) => ({
				customer_id: e.data.customerId,
				item_id: e.data.itemId,
				...price(e.data),
				at: e.occurredAt,
				id: e.id
			}));
			await tx.query(
				`insert into customer_prices (customer_id, item_id, unit_price, currency, version_at, version_id)
				select customer_id, item_id, "unitPrice", currency, at, id from jsonb_to_recordset($1::jsonb)
					as x(customer_id text, item_id text, "unitPrice" numeric, currency text, at timestamptz, id uuid)
				on conflict (customer_id, item_id) do update set unit_price = excluded.unit_price, currency = excluded.currency,
					version_at = excluded.version_at, version_id = excluded.version_id
				where (customer_prices.version_at, customer_prices.version_id) < (excluded.version_at, excluded.version_id)`,
				[asJson(rows)]
			);
		}
	};
}

export const customerPriceUpserted = customerPriceProjector<z.infer<typeof customerPriceUpsertedSchema>>('customer_price.upserted', (d) => ({
	unitPrice: d.unitPrice,
	currency: d.currency ?? BASE_CURRENCY
}));
export const customerPriceRemoved = customerPriceProjector<PriceKey>('customer_price.removed', () => ({ unitPrice: null, currency: null }));

export const salesProjectors = [
	reasonCodeUpserted,
	salesOrderCreated,
	customerPriceUpserted,
	customerPriceRemoved,
	salesOrderChanged,
	salesOrderPromised,
	salesOrderCancelled,
	shipmentShipped,
	shipmentReversed
] as Projector[];

/** Empties the sales projections before a rebuild; the default reason codes come back at once. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate sales_orders, sales_order_lines, customer_prices, reason_codes');
	await ensureDefaultReasonCodes(tx);
}
