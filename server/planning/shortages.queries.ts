// Open shortages and the sales order lines they hit: the plan's shortage messages (a planned order
// that cannot arrive in time for what it serves, item-plan.ts) followed up the pegs (plan_pegs) to
// the independent demand they end at. What the `shortages` live topic and the wall screens show.
import type { Queryable } from '../db/db.ts';

export interface ShortageHit {
	orderId: string;
	lineId: string;
	customerId: string | null;
	customerName: string | null;
	/** The line's due date: promised, else requested. */
	dueDate: string | null;
}

export interface Shortage {
	id: string;
	itemId: string;
	itemName: string | null;
	/** The quantity that cannot arrive in time. */
	qty: number;
	/** When it is needed. */
	date: string | null;
	plannedOrderId: string | null;
	hits: ShortageHit[];
}

/** Every shortage of the stored plan, earliest need first, with the sales order lines it hits. */
export async function openShortages(q: Queryable, limit = 200): Promise<{ shortages: Shortage[]; total: number; linesHit: number }> {
	const rows = (
		await q.query<{ id: string; item_id: string; item_name: string | null; qty: number; date: string | null; planned_order_id: string | null }>(
			`select e.id, e.item_id, i.name as item_name, coalesce(e.qty, 0)::float8 as qty, to_char(e.date, 'YYYY-MM-DD') as date, e.planned_order_id
			from plan_exceptions e left join items i on i.item_id = e.item_id
			where e.kind = 'shortage'
			order by e.date nulls last, e.item_id, e.id`
		)
	).rows;
	if (!rows.length) return { shortages: [], total: 0, linesHit: 0 };
	// Up the pegs from each short planned order: its demand, that demand as a supply, … to the sales lines.
	const hits = (
		await q.query<{ root: string; order_id: string; line_id: string; customer_id: string | null; customer_name: string | null; due: string | null }>(
			`with recursive up(root, kind, id, line, depth) as (
				select e.id, 'planned_order'::text, e.planned_order_id, ''::text, 0 from plan_exceptions e
				where e.kind = 'shortage' and e.planned_order_id is not null
				union
				select up.root, p.demand_kind, p.demand_id, p.demand_line_id, up.depth + 1
				from up join plan_pegs p on p.supply_kind = up.kind and p.supply_id = up.id and p.supply_line_id = up.line
				where up.kind <> 'sales_order_line' and up.depth < 32
			)
			select distinct up.root, up.id as order_id, up.line as line_id, o.customer_id, c.name as customer_name,
				to_char(coalesce(l.promised_date, l.requested_date), 'YYYY-MM-DD') as due
			from up
			left join sales_orders o on o.order_id = up.id
			left join customers c on c.customer_id = o.customer_id
			left join sales_order_lines l on l.order_id = up.id and l.line_id = up.line
			where up.kind = 'sales_order_line'
			order by due nulls last, order_id, line_id`
		)
	).rows;
	const byRoot = new Map<string, ShortageHit[]>();
	for (const h of hits) {
		const list = byRoot.get(h.root) ?? [];
		list.push({ orderId: h.order_id, lineId: h.line_id, customerId: h.customer_id, customerName: h.customer_name, dueDate: h.due });
		byRoot.set(h.root, list);
	}
	const lines = new Set(hits.map((h) => `${h.order_id}\u0000${h.line_id}`));
	return {
		total: rows.length,
		linesHit: lines.size,
		shortages: rows.slice(0, limit).map((r) => ({
			id: r.id,
			itemId: r.item_id,
			itemName: r.item_name,
			qty: r.qty,
			date: r.date,
			plannedOrderId: r.planned_order_id,
			hits: byRoot.get(r.id) ?? []
		}))
	};
}
