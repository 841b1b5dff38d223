// What each event of a production record's history did, for its timeline: a work centre (saved,
// stopped, up again), an item's routing, a production order (created, released, started, reported,
// components issued, rescheduled, completed, cancelled). History comes newest first; it is replayed oldest first so a change
// shows values before and after, and a completion the good quantity reported up to then. A history
// cut short (the oldest events not loaded) shows "—" where a value before is unknown.
import type { HistoryEvent } from '../timeline.ts';
import { shiftsText } from './labels.ts';

export interface FieldChange {
	field: 'name' | 'department' | 'shifts' | 'workdays' | 'holidays';
	/** For holidays: the dates removed and added. */
	from: string;
	to: string;
}

export type ProductionSummary =
	| { kind: 'wcCreated'; name: string; department: string | null; shifts: string; workdays: string; holidays: number }
	| { kind: 'wcChanged'; changes: FieldChange[] }
	| { kind: 'unchanged' }
	| { kind: 'wcStatus'; status: string; reasonCode: string | null }
	| { kind: 'routing'; operations: { seq: number; workCenterId: string }[] }
	| { kind: 'moCreated'; itemId: string; qty: number; dueDate: string; operations: number; salesOrderId: string | null; salesLineId: string | null }
	| { kind: 'released' }
	| { kind: 'started'; seq: number; workCenterId: string | null }
	| { kind: 'reported'; seq: number | null; workCenterId: string | null; goodQty: number; scrapQty: number; reasonCode: string | null }
	| { kind: 'reportReversed'; reportId: string; seq: number | null; goodQty: number; scrapQty: number; returned: number; reasonCode: string; note: string | null }
	| { kind: 'issued'; itemId: string; qty: number; locationId: string; mode: string }
	| { kind: 'completed'; goodQty: number | null }
	| { kind: 'cancelled'; reasonCode: string; note: string | null }
	| { kind: 'rescheduled'; from: string | null; to: string; reason: string | null }
	| { kind: 'other' };

type Data = Record<string, unknown>;
interface Calendar {
	shifts?: { start: string; end: string }[];
	workdays?: number[];
	holidays?: string[];
}

/** Replay state: the last save of a work centre; an order's operations and good reported so far. */
interface State {
	workCenter?: Data;
	operations?: Map<number, string>;
	lastSeq?: number | null;
	good: number;
	dueDate?: string;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

function workCenterChanges(before: Data, now: Data, days: (d: readonly number[]) => string): FieldChange[] {
	const a = (before.calendar ?? {}) as Calendar;
	const b = (now.calendar ?? {}) as Calendar;
	const out: FieldChange[] = [];
	const add = (field: FieldChange['field'], from: string, to: string) => {
		if (from !== to) out.push({ field, from: from || '—', to: to || '—' });
	};
	add('name', str(before.name), str(now.name));
	add('department', str(before.department), str(now.department));
	add('shifts', shiftsText(a.shifts ?? []), shiftsText(b.shifts ?? []));
	add('workdays', days(a.workdays ?? []), days(b.workdays ?? []));
	const old = new Set(a.holidays ?? []);
	const cur = new Set(b.holidays ?? []);
	const removed = [...old].filter((d) => !cur.has(d)).sort();
	const added = [...cur].filter((d) => !old.has(d)).sort();
	if (removed.length || added.length) out.push({ field: 'holidays', from: removed.join(' '), to: added.join(' ') });
	return out;
}

function apply(state: State, event: HistoryEvent, days: (d: readonly number[]) => string): ProductionSummary {
	const d = event.data as Data;
	switch (event.type) {
		case 'work_center.upserted': {
			const before = state.workCenter;
			state.workCenter = d;
			if (!before) {
				const c = (d.calendar ?? {}) as Calendar;
				return {
					kind: 'wcCreated',
					name: str(d.name),
					department: (d.department as string | undefined) ?? null,
					shifts: shiftsText(c.shifts ?? []),
					workdays: days(c.workdays ?? []),
					holidays: (c.holidays ?? []).length
				};
			}
			const changes = workCenterChanges(before, d, days);
			return changes.length ? { kind: 'wcChanged', changes } : { kind: 'unchanged' };
		}
		case 'work_center.status_changed':
			return { kind: 'wcStatus', status: str(d.status), reasonCode: (d.reasonCode as string | undefined) ?? null };
		case 'routing.replaced':
			return { kind: 'routing', operations: ((d.operations ?? []) as { seq: number; workCenterId: string }[]).map((o) => ({ seq: o.seq, workCenterId: o.workCenterId })) };
		case 'production_order.created': {
			const ops = (d.operations ?? []) as { seq: number; workCenterId: string }[];
			state.operations = new Map(ops.map((o) => [o.seq, o.workCenterId]));
			state.lastSeq = ops.length ? Math.max(...ops.map((o) => o.seq)) : null;
			state.dueDate = str(d.dueDate);
			return {
				kind: 'moCreated',
				itemId: str(d.itemId),
				qty: num(d.qty),
				dueDate: str(d.dueDate),
				operations: ops.length,
				salesOrderId: (d.salesOrderId as string | undefined) ?? null,
				salesLineId: (d.salesLineId as string | undefined) ?? null
			};
		}
		case 'production_order.released':
			return { kind: 'released' };
		case 'operation.started': {
			const seq = num(d.seq);
			return { kind: 'started', seq, workCenterId: state.operations?.get(seq) ?? null };
		}
		case 'production.reported': {
			const seq = d.operationSeq === undefined ? null : num(d.operationSeq);
			// As the projection counts it: a report of the last operation (or of none) is finished goods.
			if (seq === null || state.lastSeq === null || seq === state.lastSeq) state.good += num(d.goodQty);
			return {
				kind: 'reported',
				seq,
				workCenterId: (d.workCenterId as string | undefined) ?? (seq === null ? null : (state.operations?.get(seq) ?? null)),
				goodQty: num(d.goodQty),
				scrapQty: num(d.scrapQty),
				reasonCode: (d.reasonCode as string | undefined) ?? null
			};
		}
		case 'production.report_reversed': {
			const seq = d.operationSeq === undefined ? null : num(d.operationSeq);
			if (seq === null || state.lastSeq === null || seq === state.lastSeq) state.good -= num(d.goodQty);
			return {
				kind: 'reportReversed',
				reportId: str(d.reportId),
				seq,
				goodQty: num(d.goodQty),
				scrapQty: num(d.scrapQty),
				returned: Array.isArray(d.returns) ? d.returns.length : 0,
				reasonCode: str(d.reasonCode),
				note: (d.note as string | undefined) ?? null
			};
		}
		case 'stock.issued':
			return { kind: 'issued', itemId: str(d.itemId), qty: num(d.qty), locationId: str(d.locationId), mode: str(d.mode) };
		case 'production_order.completed':
			return { kind: 'completed', goodQty: state.operations ? state.good : null };
		case 'production_order.rescheduled': {
			const from = state.dueDate ?? null;
			state.dueDate = str(d.dueDate);
			return { kind: 'rescheduled', from, to: str(d.dueDate), reason: (d.reason as string | undefined) ?? null };
		}
		case 'production_order.cancelled':
			return { kind: 'cancelled', reasonCode: str(d.reasonCode), note: (d.note as string | undefined) ?? null };
		default:
			return { kind: 'other' };
	}
}

/** Each event with what it did, in the order given (newest first); `days` words a list of weekdays. */
export function summarizeProduction(
	history: readonly HistoryEvent[],
	days: (d: readonly number[]) => string
): { event: HistoryEvent; summary: ProductionSummary }[] {
	const state: State = { good: 0 };
	const oldestFirst = [...history].reverse().map((event) => ({ event, summary: apply(state, event, days) }));
	return oldestFirst.reverse();
}

/** The reports of a history that a later correction took back. */
export function reversedReports(history: readonly HistoryEvent[]): Set<string> {
	return new Set(history.flatMap((e) => (e.type === 'production.report_reversed' && typeof e.data.reportId === 'string' ? [e.data.reportId] : [])));
}
