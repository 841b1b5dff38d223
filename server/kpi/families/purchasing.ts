// Purchasing KPIs, one subject per purchase order: supplier on-time delivery per line, quality
// acceptance per inspection, and purchase cycle time (requisition entered → ordered quantity accepted)
// per line that orders a requisition. Pure formulas over the order's facts; the loader reads the lines
// from the projection and the placement, receipts and inspections from the order's events (their
// business times are what the formulas judge), in three queries for any number of orders.
import type { Queryable } from '../../db/db.ts';
import { addDays, factoryDate } from '../../shared/factory-date.ts';
import { withDims, type Contribution, type KpiFamily, type LedgerContext } from '../ledger.ts';
import { dayEnd, dayStart, floorMinute } from '../time.ts';

export interface Dated {
	at: number;
	id: string;
}

export interface PoLineFacts {
	lineId: string;
	itemId: string;
	qty: number;
	/** The date first agreed: the supplier's confirmed date, else the expected date the order was placed with. */
	due: string;
	receipts: (Dated & { qty: number })[];
	inspections: (Dated & { accepted: number; rejected: number })[];
	/** When the requisition this line orders was entered, if it orders one. */
	requisitionAt: number | null;
}

export interface PurchaseOrderFacts {
	poId: string;
	supplierId: string;
	lines: PoLineFacts[];
}

const byTime = <T extends Dated>(list: T[]) => [...list].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));

/** The business time at which the running total of `qty(x)` first reaches `target`, or null. */
export function reachedAt<T extends Dated>(list: T[], qty: (x: T) => number, target: number): number | null {
	if (target <= 0) return null;
	let sum = 0;
	for (const x of byTime(list)) {
		sum += qty(x);
		if (sum >= target) return x.at;
	}
	return null;
}

/** Pure: the contributions of one purchase order. */
export function purchasingContributions(o: PurchaseOrderFacts, ctx: LedgerContext): Contribution[] {
	const out: Contribution[] = [];
	for (const l of o.lines) {
		const record = `${o.poId}/${l.lineId}`;
		const dims = { supplier: o.supplierId, item: l.itemId };
		const base = { subject: o.poId, record };
		// Supplier on time: received in full before the end of the agreed date (factory time), counted
		// at the start of that date once the line is received in full or the date has ended.
		const end = dayEnd(l.due, ctx.timeZone);
		const full = reachedAt(l.receipts, (r) => r.qty, l.qty);
		if (full !== null || (ctx.horizon !== null && ctx.horizon >= end)) {
			out.push(...withDims({ ...base, kpi: 'supplier_otd', bucket: dayStart(l.due, ctx.timeZone), num: full !== null && full < end ? 1 : 0, den: 1 }, dims));
		}
		// Quality acceptance: accepted over inspected quantity, in the minute of each inspection.
		const perMinute = new Map<number, { num: number; den: number }>();
		for (const i of l.inspections) {
			const b = floorMinute(i.at);
			const cur = perMinute.get(b) ?? { num: 0, den: 0 };
			cur.num += i.accepted;
			cur.den += i.accepted + i.rejected;
			perMinute.set(b, cur);
		}
		for (const [bucket, v] of [...perMinute].sort(([a], [b]) => a - b)) out.push(...withDims({ ...base, kpi: 'supplier_quality', bucket, ...v }, dims));
		// Purchase cycle time: days from the requisition to the moment the ordered quantity was accepted.
		const accepted = reachedAt(l.inspections, (i) => i.accepted, l.qty);
		if (l.requisitionAt !== null && accepted !== null) {
			const days = Math.max(0, accepted - l.requisitionAt) / 86_400_000;
			out.push(...withDims({ ...base, kpi: 'purchase_cycle_time', bucket: floorMinute(accepted), num: days, den: 1 }, dims));
		}
	}
	return out;
}

interface EventRow {
	po_id: string;
	type: string;
	at: number;
	id: string;
	data: { lineId?: string; qty?: number; acceptedQty?: number; rejectedQty?: number; lines?: { lineId: string; expectedDate: string; requisitionId?: string }[] };
}

export async function loadPurchaseOrders(q: Queryable, ids: string[]): Promise<PurchaseOrderFacts[]> {
	const lines = await q.query<{ po_id: string; supplier_id: string; line_id: string; item_id: string; qty: number; confirmed: string | null }>(
		`select l.po_id, h.supplier_id, l.line_id, l.item_id, l.qty::float8 as qty, to_char(l.confirmed_date, 'YYYY-MM-DD') as confirmed
		from unnest($1::text[]) k(id) join purchase_order_lines l on l.po_id = k.id join purchase_orders h on h.po_id = l.po_id
		where l.item_id is not null and l.qty is not null
		order by l.po_id, l.line_id`,
		[ids]
	);
	if (!lines.rows.length) return [];
	const known = [...new Set(lines.rows.map((r) => r.po_id))];
	const events = await q.query<EventRow>(
		`select k.po as po_id, e.type, (extract(epoch from e.occurred_at) * 1000)::float8 as at, e.id::text as id, e.data
		from unnest($1::text[]) k(po)
		cross join lateral (select type, occurred_at, id, data from events
			where data ? 'poId' and data->>'poId' = k.po and type in ('purchase_order.placed', 'goods.received', 'inspection.recorded')
				-- a receipt taken back (a correction) never happened for the supplier's record
				and not exists (select 1 from reversals v where v.event_id = events.id) offset 0) e`,
		[known]
	);
	// The placement the projection keeps is the latest by business time; its lines give the expected dates and requisitions.
	const placed = new Map<string, EventRow>();
	for (const e of events.rows) {
		if (e.type !== 'purchase_order.placed') continue;
		const cur = placed.get(e.po_id);
		if (!cur || e.at > cur.at || (e.at === cur.at && e.id > cur.id)) placed.set(e.po_id, e);
	}
	const placedLine = (po: string, line: string) => placed.get(po)?.data.lines?.find((l) => l.lineId === line);
	const reqIds = [...new Set(lines.rows.map((r) => placedLine(r.po_id, r.line_id)?.requisitionId).filter((x): x is string => !!x))];
	const reqs = reqIds.length
		? await q.query<{ requisition_id: string; at: number }>(
				'select requisition_id, (extract(epoch from created_at) * 1000)::float8 as at from requisitions where requisition_id = any($1::text[])',
				[reqIds]
			)
		: { rows: [] };
	const reqAt = new Map(reqs.rows.map((r) => [r.requisition_id, r.at]));
	const byLine = new Map<string, EventRow[]>();
	for (const e of events.rows) {
		if (e.type === 'purchase_order.placed') continue;
		const k = `${e.po_id}\u0000${e.data.lineId}`;
		byLine.set(k, [...(byLine.get(k) ?? []), e]);
	}
	const orders = new Map<string, PurchaseOrderFacts>();
	for (const r of lines.rows) {
		const p = placedLine(r.po_id, r.line_id);
		if (!p) continue;
		let o = orders.get(r.po_id);
		if (!o) orders.set(r.po_id, (o = { poId: r.po_id, supplierId: r.supplier_id, lines: [] }));
		const mine = byLine.get(`${r.po_id}\u0000${r.line_id}`) ?? [];
		o.lines.push({
			lineId: r.line_id,
			itemId: r.item_id,
			qty: r.qty,
			due: r.confirmed ?? p.expectedDate,
			receipts: mine.filter((e) => e.type === 'goods.received').map((e) => ({ at: e.at, id: e.id, qty: e.data.qty ?? 0 })),
			inspections: mine
				.filter((e) => e.type === 'inspection.recorded')
				.map((e) => ({ at: e.at, id: e.id, accepted: e.data.acceptedQty ?? 0, rejected: e.data.rejectedQty ?? 0 })),
			requisitionAt: p.requisitionId ? (reqAt.get(p.requisitionId) ?? null) : null
		});
	}
	return [...orders.values()];
}

const poIds = (events: { data: unknown }[]) => events.map((e) => (e.data as { poId: string }).poId);

export const purchasingFamily: KpiFamily = {
	name: 'purchase_order',
	on: {
		'purchase_order.placed': poIds,
		'purchase_order.confirmed': poIds,
		'goods.received': poIds,
		'goods.receipt_reversed': poIds,
		'inspection.recorded': poIds,
		'inspection.reversed': poIds,
		// A requisition entered after the order that orders it (events out of order) starts its cycle.
		'requisition.created': async (events, tx) => {
			const ids = events.map((e) => (e.data as { requisitionId: string }).requisitionId);
			const r = await tx.query<{ po_id: string }>('select distinct po_id from requisitions where requisition_id = any($1::text[]) and po_id is not null', [ids]);
			return r.rows.map((x) => x.po_id);
		}
	},
	async contributions(q, ids, ctx) {
		return (await loadPurchaseOrders(q, ids)).flatMap((o) => purchasingContributions(o, ctx));
	},
	async all(q) {
		return (await q.query<{ po_id: string }>('select po_id from purchase_orders order by po_id')).rows.map((r) => r.po_id);
	},
	// Orders with a line not received in full whose agreed date may have ended in between. A delay moves
	// expected_date but not the date agreed at placement, so open delayed lines are always looked at.
	async timeDriven(q, from, to, ctx) {
		const first = from === null ? '0001-01-01' : addDays(factoryDate(new Date(from), ctx.timeZone), -1);
		const last = factoryDate(new Date(to), ctx.timeZone);
		const r = await q.query<{ po_id: string }>(
			`select distinct po_id from purchase_order_lines
			where qty is not null and received_qty < qty
				and (coalesce(confirmed_date, expected_date) between $1::date and $2::date or (confirmed_date is null and delay_reason is not null))`,
			[first, last]
		);
		return r.rows.map((x) => x.po_id);
	}
};
