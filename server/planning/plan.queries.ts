// Reading the stored plan (store.ts) for GET /api/planning/*: planned orders with what each serves
// (pegs up to the parent order or the independent demand), and exception messages in words.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { code } from '../events/primitives.ts';
import { exceptionMessage, type ExceptionFacts, type Lang } from './exception-messages.ts';
import type { ExceptionKind } from './types.ts';

/** What a peg serves, as the API answers it (CONTRACTS.md, Planning). */
export type PegDemandView =
	| { kind: 'sales_order_line'; orderId: string; lineId: string }
	| { kind: 'safety_stock' }
	| { kind: 'forecast'; date: string }
	| { kind: 'planned_order'; id: string }
	| { kind: 'production_order'; id: string };

export interface PlannedOrderView {
	id: string;
	itemId: string;
	kind: 'make' | 'buy';
	qty: number;
	releaseDate: string;
	dueDate: string;
	/** The demands it serves, most urgent first; `needDate` is when each needs it. */
	pegs: { qty: number; demand: PegDemandView; needDate: string | null }[];
	/** What no demand takes (lot size, minimum, multiple): free stock from the due date on. */
	surplus: number;
}

export const plannedOrdersQuery = z.strictObject({ itemId: code.optional() });
export const exceptionsQuery = z.strictObject({
	itemId: code.optional(),
	kind: z.enum(['expedite', 'defer', 'cancel', 'past_due', 'shortage']).optional()
});

export interface PlanHead {
	planId: string | null;
	generatedAt: string | null;
	/** The plan's first day: today when it was made. */
	startDate: string | null;
	mode: string | null;
}

export async function planHead(q: Queryable): Promise<PlanHead> {
	const r = await q.query<{ plan_id: string; generated_at: Date | string; start: string; mode: string }>(
		`select plan_id, generated_at, to_char(start_date, 'YYYY-MM-DD') as start, mode from plan_state where id = 1`
	);
	const s = r.rows[0];
	return s
		? { planId: s.plan_id, generatedAt: new Date(s.generated_at).toISOString(), startDate: s.start, mode: s.mode }
		: { planId: null, generatedAt: null, startDate: null, mode: null };
}

function demandView(kind: string, id: string, lineId: string): PegDemandView | null {
	switch (kind) {
		case 'sales_order_line':
			return { kind, orderId: id, lineId };
		case 'safety_stock':
			return { kind };
		case 'forecast':
			return { kind, date: id };
		case 'planned_order':
		case 'production_order':
			return { kind, id };
		default:
			return null;
	}
}

export async function listPlannedOrders(q: Queryable, query: z.infer<typeof plannedOrdersQuery> = {}): Promise<PlanHead & { plannedOrders: PlannedOrderView[] }> {
	const head = await planHead(q);
	const orders = await q.query<{ id: string; item_id: string; kind: 'make' | 'buy'; qty: number; release: string; due: string }>(
		`select id, item_id, kind, qty::float8 as qty, to_char(release_date, 'YYYY-MM-DD') as release, to_char(due_date, 'YYYY-MM-DD') as due
		from planned_orders ${query.itemId ? 'where item_id = $1' : ''} order by due_date, item_id, id`,
		query.itemId ? [query.itemId] : []
	);
	const pegs = await q.query<{ supply_id: string; qty: number; dk: string; did: string; dline: string; need: string | null }>(
		`select supply_id, qty::float8 as qty, demand_kind as dk, demand_id as did, demand_line_id as dline, to_char(need_date, 'YYYY-MM-DD') as need
		from plan_pegs where supply_kind = 'planned_order' ${query.itemId ? 'and item_id = $1' : ''} order by supply_id, seq`,
		query.itemId ? [query.itemId] : []
	);
	const byOrder = new Map<string, PlannedOrderView>();
	const list = orders.rows.map((o) => {
		const v: PlannedOrderView = { id: o.id, itemId: o.item_id, kind: o.kind, qty: o.qty, releaseDate: o.release, dueDate: o.due, pegs: [], surplus: 0 };
		byOrder.set(o.id, v);
		return v;
	});
	for (const p of pegs.rows) {
		const o = byOrder.get(p.supply_id);
		if (!o) continue;
		const demand = demandView(p.dk, p.did, p.dline);
		if (demand) o.pegs.push({ qty: p.qty, demand, needDate: p.need });
		else o.surplus = Math.round((o.surplus + p.qty) * 1e6) / 1e6;
	}
	return { ...head, plannedOrders: list };
}

export interface ExceptionView {
	id: string;
	kind: ExceptionKind;
	itemId: string;
	ref?: { kind: string; id: string; lineId?: string };
	date?: string;
	days?: number;
	qty?: number;
	message: string;
}

export async function listExceptions(q: Queryable, lang: Lang, query: z.infer<typeof exceptionsQuery> = {}): Promise<PlanHead & { exceptions: ExceptionView[] }> {
	const head = await planHead(q);
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.itemId) where.push(`item_id = $${params.push(query.itemId)}`);
	if (query.kind) where.push(`kind = $${params.push(query.kind)}`);
	const r = await q.query<{
		id: string;
		item_id: string;
		kind: ExceptionKind;
		ref_kind: string | null;
		ref_id: string | null;
		ref_line_id: string | null;
		planned_order_id: string | null;
		date: string | null;
		days: number | null;
		qty: number | null;
	}>(
		`select id, item_id, kind, ref_kind, ref_id, ref_line_id, planned_order_id, to_char(date, 'YYYY-MM-DD') as date, days::float8 as days, qty::float8 as qty
		from plan_exceptions ${where.length ? 'where ' + where.join(' and ') : ''}
		order by date nulls last, kind, item_id, id`,
		params
	);
	const exceptions = r.rows.map((row) => {
		const ref = row.ref_kind
			? { kind: row.ref_kind, id: row.ref_id!, ...(row.ref_line_id ? { lineId: row.ref_line_id } : {}) }
			: row.planned_order_id
				? { kind: 'planned_order', id: row.planned_order_id }
				: undefined;
		const facts: ExceptionFacts = {
			kind: row.kind,
			itemId: row.item_id,
			...(ref ? { ref } : {}),
			...(row.date !== null ? { date: row.date } : {}),
			...(row.days !== null ? { days: row.days } : {}),
			...(row.qty !== null ? { qty: row.qty } : {})
		};
		return { id: row.id, ...facts, message: exceptionMessage(facts, lang) } satisfies ExceptionView;
	});
	return { ...head, exceptions };
}
