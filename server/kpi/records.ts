// Why a record counts as it does, for the drill-down: for delivery KPIs, the line's due date, when it
// shipped in full, how many days late, the reason codes of changes to it, and the supply causes the
// planning gave when it put the line at risk (the latest `sales_order_line.at_risk` event).
import type { Queryable } from '../db/db.ts';
import { dayNumber, factoryDate } from '../shared/factory-date.ts';

export interface Cause {
	code: string;
	message: string;
	ref?: { kind: string; id: string; lineId?: string };
}

export interface LineWhy {
	orderId: string;
	lineId?: string;
	customerId: string;
	itemId?: string;
	/** The date judged against. */
	due: string;
	/** When it shipped in full, if it did. */
	completedAt: string | null;
	onTime: boolean;
	/** Whole factory days after the due date that it shipped in full (or, still open, that it is now); 0 when on time. */
	daysLate: number;
	reasonCodes: string[];
	causes: Cause[];
}

export type RecordWhy = LineWhy;

type Ctx = { timeZone: string; now: Date };

interface LineRow {
	order_id: string;
	line_id: string;
	item_id: string;
	customer_id: string;
	due: string;
	requested: string;
	done: number | null;
	reasons: string[] | null;
	causes: Cause[] | null;
}

async function lineRows(q: Queryable, orderIds: string[]): Promise<LineRow[]> {
	const r = await q.query<LineRow>(
		`select l.order_id, l.line_id, l.item_id, h.customer_id,
			to_char(coalesce(l.promised_date, l.requested_date), 'YYYY-MM-DD') as due, to_char(l.requested_date, 'YYYY-MM-DD') as requested,
			case when l.shipped_qty >= l.qty and l.qty > 0 then (extract(epoch from l.last_shipped_at) * 1000)::float8 end as done,
			(select jsonb_agg(distinct e.data->>'reasonCode') from events e
				where e.type = 'sales_order.changed' and e.data->>'orderId' = l.order_id
					and exists (select 1 from jsonb_array_elements(e.data->'lines') x where x->>'lineId' = l.line_id)) as reasons,
			(select e.data->'causes' from events e
				where e.type = 'sales_order_line.at_risk' and e.data->>'orderId' = l.order_id and e.data->>'lineId' = l.line_id
				order by e.occurred_at desc, e.id desc limit 1) as causes
		from sales_order_lines l join sales_orders h on h.order_id = l.order_id
		where l.order_id = any($1::text[]) and l.cancelled_at is null and l.item_id is not null
		order by l.order_id, l.line_id`,
		[orderIds]
	);
	return r.rows;
}

function judge(row: LineRow, due: string, ctx: Ctx): LineWhy {
	const end = factoryDate(ctx.now, ctx.timeZone);
	const doneDate = row.done === null ? null : factoryDate(new Date(row.done), ctx.timeZone);
	const daysLate = Math.max(0, dayNumber(doneDate ?? end) - dayNumber(due));
	return {
		orderId: row.order_id,
		lineId: row.line_id,
		customerId: row.customer_id,
		itemId: row.item_id,
		due,
		completedAt: row.done === null ? null : new Date(row.done).toISOString(),
		onTime: doneDate !== null && doneDate <= due,
		daysLate: doneDate !== null && doneDate <= due ? 0 : daysLate,
		reasonCodes: row.reasons ?? [],
		causes: (row.causes ?? []).map((c) => ({ code: c.code, message: c.message, ...(c.ref ? { ref: c.ref } : {}) }))
	};
}

/** For an order (OTIF): its latest-due line decides the date; late lines' reasons and causes are gathered. */
function judgeOrder(rows: LineRow[], ctx: Ctx): LineWhy {
	const lines = rows.map((r) => judge(r, r.due, ctx));
	const last = lines.reduce((a, b) => (b.due > a.due ? b : a));
	const late = lines.filter((l) => !l.onTime);
	const done = lines.every((l) => l.completedAt !== null);
	return {
		orderId: last.orderId,
		customerId: last.customerId,
		due: last.due,
		completedAt: done ? lines.map((l) => l.completedAt!).sort().at(-1)! : null,
		onTime: late.length === 0,
		daysLate: Math.max(0, ...late.map((l) => l.daysLate)),
		reasonCodes: [...new Set(late.flatMap((l) => l.reasonCodes))],
		causes: late.flatMap((l) => l.causes)
	};
}

/** Why each record counts, by record id; KPIs without an explanation answer an empty map. */
export async function explainRecords(q: Queryable, kpi: string, records: string[], ctx: Ctx): Promise<Map<string, RecordWhy>> {
	const out = new Map<string, RecordWhy>();
	if (!records.length) return out;
	if (kpi === 'otd' || kpi === 'otd_requested') {
		const orderIds = [...new Set(records.map((r) => r.slice(0, r.lastIndexOf('/'))))];
		const wanted = new Set(records);
		for (const row of await lineRows(q, orderIds)) {
			const key = `${row.order_id}/${row.line_id}`;
			if (wanted.has(key)) out.set(key, judge(row, kpi === 'otd' ? row.due : row.requested, ctx));
		}
	} else if (kpi === 'otif' || kpi === 'order_response_time') {
		const byOrder = new Map<string, LineRow[]>();
		for (const row of await lineRows(q, records)) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
		for (const [orderId, rows] of byOrder) out.set(orderId, judgeOrder(rows, ctx));
	}
	return out;
}
