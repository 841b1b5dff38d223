// Taking a production report back (server/events/reversal.ts): the correction repeats the report's
// order, operation and quantities, and the components the report's backflush issued in its own
// transaction (stock.issued, mode "operation"), so that they return exactly; the order must be open.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { refuseEvent, type Refusal } from '../events/refusal.ts';
import { guardReversals, type ReversalRule } from '../events/reversal.ts';
import { guardReasons } from '../sales/reason-guard.ts';
import { workRefusal, type OrderStatus } from './order-state.ts';

export const REPORT_REVERSAL: ReversalRule = {
	reverses: 'production.reported',
	idField: 'reportId',
	repeats: [{ field: 'productionOrderId' }, { field: 'operationSeq' }, { field: 'goodQty' }, { field: 'scrapQty', fallback: 0 }]
};

export interface Return {
	itemId: string;
	locationId: string;
	qty: number;
}

/** The components each report's backflush issued with it, by report id. */
export async function backflushOf(q: Queryable, reportIds: string[]): Promise<Map<string, Return[]>> {
	const out = new Map<string, Return[]>(reportIds.map((id) => [id, []]));
	if (!reportIds.length) return out;
	const r = await q.query<{ report: string; item: string; loc: string; qty: number }>(
		`select r.id::text as report, i.data->>'itemId' as item, i.data->>'locationId' as loc, (i.data->>'qty')::float8 as qty
		from events r join events i on i.tx = r.tx and i.type = 'stock.issued' and i.data->>'mode' = 'operation'
			and i.data->>'productionOrderId' = r.data->>'productionOrderId'
		where r.id = any($1::uuid[]) and r.type = 'production.reported'
		order by r.id, i.seq`,
		[reportIds]
	);
	for (const x of r.rows) out.get(x.report)?.push({ itemId: x.item, locationId: x.loc, qty: x.qty });
	return out;
}

const key = (r: Return) => `${r.itemId}\u0000${r.locationId}\u0000${r.qty}`;

/** The returns a correction names must be those the report issued (in any order). */
export function returnsRefusal(given: readonly Return[] | undefined, issued: readonly Return[]): Refusal | null {
	const a = (given ?? []).map(key).sort();
	const b = issued.map(key).sort();
	return a.length === b.length && a.every((k, i) => k === b[i])
		? null
		: { code: 'ERR_REVERSAL_MISMATCH', path: 'returns', message: 'returns must be the components the report backflushed', params: { field: 'returns' } };
}

interface Reversal {
	reportId: string;
	productionOrderId: string;
	returns?: Return[];
	reasonCode: string;
}

/** Every rule of a report's correction, whichever way it enters. */
export async function guardReportReversals(tx: Queryable, events: StoredEvent<Reversal>[]): Promise<void> {
	await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'correction', code: e.data.reasonCode })));
	await guardReversals(tx, REPORT_REVERSAL, events as unknown as StoredEvent[]);
	const issued = await backflushOf(tx, events.map((e) => e.data.reportId));
	for (const e of events) refuseEvent(e.id, returnsRefusal(e.data.returns, issued.get(e.data.reportId) ?? []));
	const r = await tx.query<{ id: string; status: OrderStatus }>('select production_order_id as id, status from production_orders where production_order_id = any($1::text[])', [
		[...new Set(events.map((e) => e.data.productionOrderId))]
	]);
	const status = new Map(r.rows.map((o) => [o.id, o.status]));
	for (const e of events) {
		const s = status.get(e.data.productionOrderId);
		// A report's quantities leave an open order only: a completed order's goods are in stock already.
		if (s && s !== 'released') refuseEvent(e.id, workRefusal(s));
	}
}
