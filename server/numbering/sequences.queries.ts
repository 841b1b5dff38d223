// Which number a new document takes: the kind's pattern (numbering_patterns, else the default) on the
// factory date, and the next running number of its period from document_sequences. Assigning updates
// the period's row with `… returning`: the row stays locked until the creating transaction ends, so two
// creates at once never take the same number (PostgreSQL and PGlite alike), and a refused create gives
// its number back. Numbers already taken (typed in by hand, imported, ingested) are skipped.
import type { Queryable } from '../db/db.ts';
import { CommandRejected } from '../commands/command.ts';
import { DEFAULT_PATTERNS, formatNumber, isPattern, maxSeq, NUMBERED_KINDS, parsePattern, periodKey, type NumberedKind, type Pattern } from './pattern.ts';

/** Where each kind's documents live, and the number field of its command (refusals name it). */
const DOCUMENTS: Record<NumberedKind, { exists: string; field: string }> = {
	sales_order: { exists: 'select 1 from sales_orders where order_id = $1', field: 'orderId' },
	purchase_order: { exists: 'select 1 from purchase_orders where po_id = $1', field: 'poId' },
	requisition: { exists: 'select 1 from requisitions where requisition_id = $1', field: 'requisitionId' },
	production_order: { exists: 'select 1 from production_orders where production_order_id = $1', field: 'productionOrderId' }
};

export interface NumberingSetting {
	kind: NumberedKind;
	pattern: string;
	/** Whether it is the default (no administrator set one). */
	isDefault: boolean;
	updatedBy: string | null;
}

export async function numberingSettings(q: Queryable): Promise<NumberingSetting[]> {
	const rows = (await q.query<{ kind: NumberedKind; pattern: string; by: string | null }>('select kind, pattern, updated_by as by from numbering_patterns')).rows;
	const set = new Map(rows.map((r) => [r.kind, r]));
	return NUMBERED_KINDS.map((kind) => {
		const r = set.get(kind);
		return r ? { kind, pattern: r.pattern, isDefault: false, updatedBy: r.by } : { kind, pattern: DEFAULT_PATTERNS[kind], isDefault: true, updatedBy: null };
	});
}

async function patternOf(q: Queryable, kind: NumberedKind): Promise<Pattern> {
	const stored = (await q.query<{ pattern: string }>('select pattern from numbering_patterns where kind = $1', [kind])).rows[0]?.pattern;
	const p = parsePattern(stored ?? DEFAULT_PATTERNS[kind]);
	// A stored pattern passed the same check when it was set; the default is the fallback all the same.
	return isPattern(p) ? p : (parsePattern(DEFAULT_PATTERNS[kind]) as Pattern);
}

async function taken(q: Queryable, kind: NumberedKind, id: string): Promise<boolean> {
	return (await q.query(DOCUMENTS[kind].exists, [id])).rowCount > 0;
}

/** Takes the next free number of the kind on `date` (the factory's YYYY-MM-DD), inside the creating transaction. */
export async function assignNumber(tx: Queryable, kind: NumberedKind, date: string): Promise<string> {
	const p = await patternOf(tx, kind);
	const period = periodKey(p, date);
	for (;;) {
		const n = (
			await tx.query<{ n: number }>(
				`insert into document_sequences (kind, period, last_seq) values ($1, $2, 1)
				on conflict (kind, period) do update set last_seq = document_sequences.last_seq + 1
				returning last_seq::float8 as n`,
				[kind, period]
			)
		).rows[0].n;
		if (n > maxSeq(p)) {
			throw new CommandRejected('ERR_NUMBERS_EXHAUSTED', DOCUMENTS[kind].field, `every number of ${period} is taken: lengthen {seq:N}`, { period });
		}
		const id = formatNumber(p, date, n);
		if (!(await taken(tx, kind, id))) return id;
	}
}

/**
 * The number the next document of the kind would take on `date`, without taking it: what a form shows
 * beside an empty number field. Someone else may take it first; the save then assigns the one after.
 */
export async function previewNumber(q: Queryable, kind: NumberedKind, date: string, pattern?: Pattern): Promise<string | null> {
	const p = pattern ?? (await patternOf(q, kind));
	const period = periodKey(p, date);
	const last = (await q.query<{ n: number }>('select last_seq::float8 as n from document_sequences where kind = $1 and period = $2', [kind, period])).rows[0]?.n ?? 0;
	// A handful of numbers taken by hand are skipped as assignNumber would; beyond that the preview stops looking.
	for (let n = last + 1; n <= Math.min(maxSeq(p), last + 20); n++) {
		const id = formatNumber(p, date, n);
		if (!(await taken(q, kind, id))) return id;
	}
	return null;
}

/** What a pattern typed in the settings would give next, or why it cannot be used: the page's live preview. */
export async function previewPattern(q: Queryable, kind: NumberedKind, source: string, date: string): Promise<{ number: string | null } | { problem: string }> {
	const p = parsePattern(source.trim());
	if (!isPattern(p)) return { problem: p.problem };
	return { number: await previewNumber(q, kind, date, p) };
}
