// What each event of an order's history did, for the record's timeline. The history comes newest
// first; it is replayed oldest first so a change can show each field's value before and after.
// A history cut short (the oldest events not loaded) shows "—" where a value before is unknown.
import type { HistoryEvent } from '../timeline.ts';

export interface LineChange {
	lineId: string;
	changes: { field: 'qty' | 'requestedDate' | 'priority'; from: string; to: string }[];
}

export type SalesSummary =
	| { kind: 'created'; customerId: string; lines: { lineId: string; itemId: string; qty: number; requestedDate: string; priority?: number }[] }
	| { kind: 'changed'; reasonCode: string; note?: string; lines: LineChange[] }
	| { kind: 'cancelled'; reasonCode: string; note?: string; lineIds: string[] | null }
	| { kind: 'promised'; lines: { lineId: string; from: string; to: string }[] }
	| { kind: 'shipped'; lineId: string; qty: number; locationId: string }
	| { kind: 'reversed'; shipmentId: string; lineId: string; qty: number; locationId: string; reasonCode: string; note?: string }
	| { kind: 'other' };

interface LineState {
	qty?: number;
	requestedDate?: string;
	priority?: number;
	promisedDate?: string;
}

const show = (v: unknown) => (v === undefined || v === null ? '—' : String(v));
const DEFAULT_PRIORITY = 5;

type Data = Record<string, unknown>;

function apply(state: Map<string, LineState>, event: HistoryEvent): SalesSummary {
	const d = event.data as Data;
	const line = (id: string) => state.get(id) ?? state.set(id, {}).get(id)!;
	switch (event.type) {
		case 'sales_order.created': {
			const lines = (d.lines ?? []) as Extract<SalesSummary, { kind: 'created' }>['lines'];
			for (const l of lines) state.set(l.lineId, { qty: l.qty, requestedDate: l.requestedDate, priority: l.priority ?? DEFAULT_PRIORITY });
			return { kind: 'created', customerId: String(d.customerId ?? ''), lines };
		}
		case 'sales_order.changed': {
			const lines = ((d.lines ?? []) as ({ lineId: string } & LineState)[]).map((l) => {
				const cur = line(l.lineId);
				const changes = (['qty', 'requestedDate', 'priority'] as const)
					.filter((f) => l[f] !== undefined)
					.map((field) => ({ field, from: show(cur[field]), to: show(l[field]) }));
				Object.assign(cur, Object.fromEntries(Object.entries(l).filter(([k, v]) => k !== 'lineId' && v !== undefined)));
				return { lineId: l.lineId, changes };
			});
			return { kind: 'changed', reasonCode: String(d.reasonCode ?? ''), note: d.note as string | undefined, lines };
		}
		case 'sales_order.cancelled':
			return { kind: 'cancelled', reasonCode: String(d.reasonCode ?? ''), note: d.note as string | undefined, lineIds: (d.lineIds as string[] | undefined) ?? null };
		case 'sales_order.promised': {
			const lines = ((d.lines ?? []) as { lineId: string; promisedDate: string }[]).map((l) => {
				const cur = line(l.lineId);
				const from = show(cur.promisedDate);
				cur.promisedDate = l.promisedDate;
				return { lineId: l.lineId, from, to: l.promisedDate };
			});
			return { kind: 'promised', lines };
		}
		case 'shipment.shipped':
			return { kind: 'shipped', lineId: String(d.lineId ?? ''), qty: Number(d.qty), locationId: String(d.locationId ?? 'MAIN') };
		case 'shipment.reversed':
			return {
				kind: 'reversed',
				shipmentId: String(d.shipmentId ?? ''),
				lineId: String(d.lineId ?? ''),
				qty: Number(d.qty),
				locationId: String(d.locationId ?? 'MAIN'),
				reasonCode: String(d.reasonCode ?? ''),
				note: d.note as string | undefined
			};
		default:
			return { kind: 'other' };
	}
}

/** Each event with what it did, in the order given (newest first). */
export function summarizeOrder(history: readonly HistoryEvent[]): { event: HistoryEvent; summary: SalesSummary }[] {
	const state = new Map<string, LineState>();
	const oldestFirst = [...history].reverse().map((event) => ({ event, summary: apply(state, event) }));
	return oldestFirst.reverse();
}

/** The shipments of a history that a later correction took back. */
export function reversedShipments(history: readonly HistoryEvent[]): Set<string> {
	return new Set(history.filter((e) => e.type === 'shipment.reversed').map((e) => String((e.data as Data).shipmentId)));
}
