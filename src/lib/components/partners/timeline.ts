// What each event of a customer's or supplier's history changed, for the record's timeline: a save of
// the record against the save before it (name and no-code values), a supplier's terms for an item
// against its earlier terms for the same item. History comes newest first; the oldest is the creation.
import type { FieldChange, HistoryEvent } from '../timeline.ts';

export type { HistoryEvent };

export const TERM_FIELDS = ['price', 'leadTimeDays', 'moq', 'orderMultiple'] as const;

export type PartnerSummary =
	| { kind: 'created'; name: string }
	| { kind: 'changed'; changes: FieldChange[] }
	| { kind: 'unchanged' }
	| { kind: 'termsAdded'; itemId: string; terms: { field: string; value: string }[] }
	| { kind: 'termsChanged'; itemId: string; changes: FieldChange[] }
	| { kind: 'other' };

const RECORD_TYPES = new Set(['customer.upserted', 'supplier.upserted']);

/** The record's own fields besides its name, as the events name them. */
export const RECORD_FIELDS = ['contactPerson', 'phone', 'email', 'address', 'paymentTerms', 'currency'] as const;

const show = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : String(v));

/** Name, contacts and currency, then the no-code values as `custom.<key>` (a key present on either side). */
function recordFields(d: Record<string, unknown>): Map<string, unknown> {
	const out = new Map<string, unknown>([['name', d.name], ...RECORD_FIELDS.map((f) => [f, d[f]] as [string, unknown])]);
	for (const [k, v] of Object.entries((d.custom ?? {}) as Record<string, unknown>)) out.set(`custom.${k}`, v);
	return out;
}

function recordSummary(data: Record<string, unknown>, before: Record<string, unknown> | undefined): PartnerSummary {
	if (!before) return { kind: 'created', name: show(data.name) };
	const now = recordFields(data);
	const old = recordFields(before);
	const fields = [...new Set([...now.keys(), ...old.keys()])];
	const changes = fields.map((field) => ({ field, from: show(old.get(field)), to: show(now.get(field)) })).filter((c) => c.from !== c.to);
	return changes.length ? { kind: 'changed', changes } : { kind: 'unchanged' };
}

function termsSummary(data: Record<string, unknown>, before: Record<string, unknown> | undefined): PartnerSummary {
	const itemId = String(data.itemId ?? '');
	if (!before) {
		return { kind: 'termsAdded', itemId, terms: TERM_FIELDS.filter((f) => data[f] !== undefined).map((field) => ({ field, value: show(data[field]) })) };
	}
	const changes = TERM_FIELDS.map((field) => ({ field, from: show(before[field]), to: show(data[field]) })).filter((c) => c.from !== c.to);
	return changes.length ? { kind: 'termsChanged', itemId, changes } : { kind: 'unchanged' };
}

/** Each event with what it changed, in the order given (newest first). */
export function summarizePartner(history: readonly HistoryEvent[]): { event: HistoryEvent; summary: PartnerSummary }[] {
	return history.map((event, i) => {
		const older = history.slice(i + 1);
		if (RECORD_TYPES.has(event.type)) {
			return { event, summary: recordSummary(event.data, older.find((e) => e.type === event.type)?.data) };
		}
		if (event.type === 'supplier_item.upserted') {
			const before = older.find((e) => e.type === event.type && e.data.itemId === event.data.itemId)?.data;
			return { event, summary: termsSummary(event.data, before) };
		}
		return { event, summary: { kind: 'other' } };
	});
}

/** Two histories (each newest first) as one, newest first, cut to `limit`. */
export function mergeHistories<E extends { occurredAt: string; seq?: number }>(a: readonly E[], b: readonly E[], limit = 100): E[] {
	return [...a, ...b]
		.sort((x, y) => (x.occurredAt === y.occurredAt ? (y.seq ?? 0) - (x.seq ?? 0) : x.occurredAt < y.occurredAt ? 1 : -1))
		.slice(0, limit);
}
