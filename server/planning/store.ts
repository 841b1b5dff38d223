// Writes a plan to its derived tables (migration *_planning): the whole plan for a regenerative run,
// only the items a net change recomputed otherwise (their rows deleted and inserted again). Buckets
// become dates of the plan's calendar; the engine's planned order ids (`${itemId}@${bucket}`) become
// `PLN-<itemId>-<yyyymmdd of the due date>`, in the orders and wherever a peg names them. Runs inside
// the caller's transaction, which is kept to these writes (the plan is computed before it starts).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import { asJson } from '../events/projectors.ts';
import { dateOf, type PlanCalendar } from './calendar.ts';
import type { PlanMode } from './schemas.ts';
import type { DemandSource, Peg, Plan, PlanException, SupplyRef } from './types.ts';

export function plannedOrderId(itemId: string, dueDate: string): string {
	return `PLN-${itemId}-${dueDate.replaceAll('-', '')}`;
}

/** The engine's planned order ids mapped to the stored ones, over the whole plan. */
export function plannedOrderIds(plan: Plan, cal: PlanCalendar): Map<string, string> {
	const ids = new Map<string, string>();
	for (const orders of plan.plannedOrders.values()) for (const o of orders) ids.set(o.id, plannedOrderId(o.itemId, dateOf(cal, o.receiptBucket)));
	return ids;
}

/** Which purchase order line each inspection id of the input is (LoadedInput.inspections). */
export type InspectionLines = ReadonlyMap<string, { poId: string; lineId: string }>;

/** A supply as stored: kind, id and line (empty when it has none). */
export function supplyKey(ref: SupplyRef, inspections: InspectionLines): [kind: string, id: string, lineId: string] {
	switch (ref.kind) {
		case 'purchase_order':
			return [ref.kind, ref.id, ref.lineId];
		case 'inspection': {
			const line = inspections.get(ref.id);
			return line ? [ref.kind, line.poId, line.lineId] : [ref.kind, ref.id, ''];
		}
		default:
			return [ref.kind, ref.id, ''];
	}
}

function demandKey(d: Peg['demand'], ids: Map<string, string>): [kind: string, id: string, lineId: string] {
	const s = d as DemandSource | { kind: 'stock' };
	switch (s.kind) {
		case 'sales_order_line':
			return [s.kind, s.orderId, s.lineId];
		case 'forecast':
			return [s.kind, s.date, ''];
		case 'planned_order':
			return [s.kind, ids.get(s.id) ?? s.id, ''];
		case 'production_order':
			return [s.kind, s.id, ''];
		default:
			return [s.kind, '', ''];
	}
}

/** Stable across runs for the same message on the same order (or item, for a shortage). */
export function exceptionId(e: PlanException, ids: Map<string, string>): string {
	const ref = e.ref ? [e.ref.kind, e.ref.id, e.ref.kind === 'purchase_order' ? e.ref.lineId : ''] : null;
	const key = JSON.stringify([e.kind, e.itemId, ref, e.plannedOrderId ? (ids.get(e.plannedOrderId) ?? e.plannedOrderId) : null]);
	return 'EXC-' + createHash('sha256').update(key).digest('hex').slice(0, 20);
}

const q6 = (x: number) => Math.round(x * 1e6) / 1e6;

export interface StoreOptions {
	planId: string;
	mode: PlanMode;
	generatedAt: Date;
	calendar: PlanCalendar;
	/** The plan_requests version the plan's input was read at. */
	inputVersion: number;
	/** Net change: the items to rewrite (absent ones lose their rows). Regenerative: every item. */
	items?: readonly string[];
	inspections?: InspectionLines;
}

interface PegRow {
	sk: string;
	sid: string;
	sline: string;
	seq: number;
	item: string;
	qty: number;
	dk: string;
	did: string;
	dline: string;
	need: string;
}

const PEG_COLUMNS = ['sk', 'sid', 'sline', 'seq', 'item', 'qty', 'dk', 'did', 'dline', 'need'] as const;
const PEG_SLICE = 5000;

interface Rows {
	orders: unknown[];
	pegs: PegRow[];
	exceptions: unknown[];
	records: unknown[];
}

function rowsOf(plan: Plan, cal: PlanCalendar, items: Iterable<string>, inspections: InspectionLines): Rows {
	const ids = plannedOrderIds(plan, cal);
	const out: Rows = { orders: [], pegs: [], exceptions: [], records: [] };
	const seqs = new Map<string, number>();
	const pegRows = (itemId: string, supply: [string, string, string], pegs: readonly Peg[]) => {
		const k = supply.join('\u0000');
		let seq = seqs.get(k) ?? 0;
		for (const p of pegs) {
			const [dk, did, dline] = demandKey(p.demand, ids);
			out.pegs.push({ sk: supply[0], sid: supply[1], sline: supply[2], seq: seq++, item: itemId, qty: q6(p.qty), dk, did, dline, need: dateOf(cal, p.bucket) });
		}
		seqs.set(k, seq);
	};
	const exceptionIds = new Set<string>();
	for (const itemId of items) {
		for (const o of plan.plannedOrders.get(itemId) ?? []) {
			const id = ids.get(o.id)!;
			out.orders.push({ id, item: itemId, kind: o.kind, qty: q6(o.qty), release: dateOf(cal, o.releaseBucket), due: dateOf(cal, o.receiptBucket) });
			pegRows(itemId, ['planned_order', id, ''], o.pegs);
		}
		for (const u of plan.receiptUses.get(itemId) ?? []) pegRows(itemId, supplyKey(u.ref, inspections), u.pegs);
		const onHand = plan.onHandPegs.get(itemId);
		if (onHand?.length) pegRows(itemId, ['stock', itemId, ''], onHand);
		for (const e of plan.exceptions.get(itemId) ?? []) {
			// The same message twice on one order (rare) keeps both, numbered in the engine's order.
			let id = exceptionId(e, ids);
			for (let n = 2; exceptionIds.has(id); n++) id = `${exceptionId(e, ids)}-${n}`;
			exceptionIds.add(id);
			const ref = e.ref ? supplyKey(e.ref, inspections) : null;
			out.exceptions.push({
				id,
				item: itemId,
				kind: e.kind,
				rk: ref?.[0] ?? null,
				rid: ref?.[1] ?? null,
				rline: ref?.[2] || null,
				po: e.plannedOrderId ? (ids.get(e.plannedOrderId) ?? null) : null,
				date: e.bucket === undefined ? null : dateOf(cal, e.bucket),
				days: e.days ?? null,
				qty: e.qty === undefined ? null : q6(e.qty)
			});
		}
		const r = plan.records.get(itemId);
		if (r) {
			const { itemId: _, lowLevelCode, buckets, ...series } = r;
			const rounded = Object.fromEntries(Object.entries(series).map(([k, v]) => [k, (v as number[]).map(q6)]));
			out.records.push({ item: itemId, llc: lowLevelCode, record: { dates: buckets.map((b) => dateOf(cal, b)), ...rounded } });
		}
	}
	return out;
}

/** Inserts rows in slices, each one statement with a jsonb parameter. */
async function insertRows(tx: Queryable, sql: string, rows: unknown[]): Promise<void> {
	const SLICE = 5000;
	for (let i = 0; i < rows.length; i += SLICE) await tx.query(sql, [asJson(rows.slice(i, i + SLICE))]);
}

export interface StoreCounts {
	items: number;
	plannedOrders: number;
	exceptions: number;
}

export async function storePlan(tx: Queryable, plan: Plan, opts: StoreOptions): Promise<StoreCounts> {
	const cal = opts.calendar;
	const items = opts.items ?? plan.order;
	if (opts.items) {
		const scope = [...opts.items];
		for (const table of ['planned_orders', 'plan_pegs', 'plan_exceptions', 'plan_records']) await tx.query(`delete from ${table} where item_id = any($1::text[])`, [scope]);
	} else {
		for (const table of ['planned_orders', 'plan_pegs', 'plan_exceptions', 'plan_records']) await tx.query(`delete from ${table}`);
	}
	const rows = rowsOf(plan, cal, items, opts.inspections ?? new Map());
	await insertRows(
		tx,
		`insert into planned_orders (id, item_id, kind, qty, release_date, due_date)
		select id, item, kind, qty, release, due from jsonb_to_recordset($1::jsonb) as x(id text, item text, kind text, qty numeric, release date, due date)`,
		rows.orders
	);
	// Pegs are most of a plan's rows: as one array per column, which the database reads faster than the same rows as JSON.
	for (let i = 0; i < rows.pegs.length; i += PEG_SLICE) {
		const slice = rows.pegs.slice(i, i + PEG_SLICE);
		await tx.query(
			`insert into plan_pegs (supply_kind, supply_id, supply_line_id, seq, item_id, qty, demand_kind, demand_id, demand_line_id, need_date)
			select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::date[])`,
			PEG_COLUMNS.map((c) => slice.map((p) => p[c]))
		);
	}
	await insertRows(
		tx,
		`insert into plan_exceptions (id, item_id, kind, ref_kind, ref_id, ref_line_id, planned_order_id, date, days, qty)
		select id, item, kind, rk, rid, rline, po, date, days, qty from jsonb_to_recordset($1::jsonb)
			as x(id text, item text, kind text, rk text, rid text, rline text, po text, date date, days numeric, qty numeric)`,
		rows.exceptions
	);
	await insertRows(
		tx,
		`insert into plan_records (item_id, low_level_code, record)
		select item, llc, record from jsonb_to_recordset($1::jsonb) as x(item text, llc int, record jsonb)`,
		rows.records
	);
	await tx.query(
		`insert into plan_state (id, plan_id, generated_at, mode, start_date, buckets, input_version) values (1, $1, $2, $3, $4, $5, $6)
		on conflict (id) do update set plan_id = excluded.plan_id, generated_at = excluded.generated_at, mode = excluded.mode,
			start_date = excluded.start_date, buckets = excluded.buckets, input_version = excluded.input_version`,
		[opts.planId, opts.generatedAt, opts.mode, cal.startDate, cal.buckets, opts.inputVersion]
	);
	let plannedOrders = 0;
	let exceptions = 0;
	for (const o of plan.plannedOrders.values()) plannedOrders += o.length;
	for (const e of plan.exceptions.values()) exceptions += e.length;
	return { items: [...items].length, plannedOrders, exceptions };
}

export interface PlanStateRow {
	planId: string;
	generatedAt: Date;
	mode: PlanMode;
	startDate: string;
	buckets: number;
	inputVersion: number;
}

export async function readPlanState(q: Queryable): Promise<PlanStateRow | null> {
	const r = await q.query<PlanStateRow>(
		`select plan_id as "planId", generated_at as "generatedAt", mode, to_char(start_date, 'YYYY-MM-DD') as "startDate", buckets,
			input_version::float8 as "inputVersion"
		from plan_state where id = 1`
	);
	const row = r.rows[0];
	return row ? { ...row, generatedAt: new Date(row.generatedAt) } : null;
}
