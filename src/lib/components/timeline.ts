// What each event of an item's history changed, for the record's timeline: an item save against the
// save before it (field by field), a BOM against the BOM before it (lines added, removed, changed).
// History comes newest first; the oldest event of each type is the creation.

export interface HistoryEvent {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	actor?: string;
	/** Who the sender says did it (ingested events): shown as a claim beside the actor. */
	reportedBy?: string;
	data: Record<string, unknown>;
}

export interface FieldChange {
	field: string;
	from: string;
	to: string;
}

export interface BomLineChange {
	childItemId: string;
	from?: string;
	to?: string;
}

export type Summary =
	| { kind: 'created'; name: string }
	| { kind: 'changed'; changes: FieldChange[] }
	| { kind: 'unchanged' }
	| { kind: 'bom'; lines: number; added: BomLineChange[]; removed: BomLineChange[]; changed: BomLineChange[] }
	| { kind: 'bomCleared' }
	| { kind: 'other' };

const ITEM_FIELDS = [
	'name',
	'kind',
	'uom',
	'unitCost',
	'makeOrBuy',
	'leadTimeDays',
	'safetyStock',
	'lotSizing',
	'category',
	'backflush',
	'allowNegativeStock'
] as const;

function show(v: unknown): string {
	if (v === undefined || v === null) return '—';
	if (typeof v === 'boolean') return v ? 'yes' : 'no';
	if (typeof v !== 'object') return String(v);
	// Lot sizing: "FOQ(qty=100, min=10)".
	const { rule, ...rest } = v as Record<string, unknown>;
	const args = Object.entries(rest).map(([k, x]) => `${k}=${x}`);
	return `${rule ?? ''}${args.length ? `(${args.join(', ')})` : ''}`;
}

function itemSummary(data: Record<string, unknown>, before: Record<string, unknown> | undefined): Summary {
	if (!before) return { kind: 'created', name: String(data.name ?? '') };
	// Not given is "no" for the negative-stock flag, as the projection stores it.
	const value = (d: Record<string, unknown>, field: string) => show(field === 'allowNegativeStock' ? (d[field] ?? false) : d[field]);
	const changes = ITEM_FIELDS.map((field) => ({ field, from: value(before, field), to: value(data, field) })).filter((c) => c.from !== c.to);
	return changes.length ? { kind: 'changed', changes } : { kind: 'unchanged' };
}

interface Line {
	childItemId: string;
	qtyPer: number;
	scrapPct?: number;
}

const lineText = (l: Line) => `×${l.qtyPer}${l.scrapPct ? ` (${l.scrapPct}%)` : ''}`;

function bomSummary(data: Record<string, unknown>, before: Record<string, unknown> | undefined): Summary {
	const lines = (data.lines ?? []) as Line[];
	if (!lines.length) return { kind: 'bomCleared' };
	const old = new Map(((before?.lines ?? []) as Line[]).map((l) => [l.childItemId, l]));
	const now = new Map(lines.map((l) => [l.childItemId, l]));
	const added = lines.filter((l) => !old.has(l.childItemId)).map((l) => ({ childItemId: l.childItemId, to: lineText(l) }));
	const removed = [...old.values()].filter((l) => !now.has(l.childItemId)).map((l) => ({ childItemId: l.childItemId, from: lineText(l) }));
	const changed = lines
		.filter((l) => old.has(l.childItemId) && lineText(old.get(l.childItemId)!) !== lineText(l))
		.map((l) => ({ childItemId: l.childItemId, from: lineText(old.get(l.childItemId)!), to: lineText(l) }));
	return { kind: 'bom', lines: lines.length, added, removed, changed };
}

/** Each event with what it changed, in the order given (newest first). */
export function summarize(history: readonly HistoryEvent[]): { event: HistoryEvent; summary: Summary }[] {
	return history.map((event, i) => {
		const before = history.slice(i + 1).find((e) => e.type === event.type)?.data;
		if (event.type === 'item.upserted') return { event, summary: itemSummary(event.data, before) };
		if (event.type === 'bom.replaced') return { event, summary: bomSummary(event.data, before) };
		return { event, summary: { kind: 'other' } };
	});
}
