// BOM editor values as typed and their conversion to the replaceBom input. Lines are posted as
// repeated fields (childItemId, qtyPer, scrapPct) in table order; a line left wholly blank is no
// line. Issue paths ("lines.1.qtyPer") count the lines sent, so a refused form shows those.
import { compact, num } from './form-values.ts';

export interface BomLineValues {
	childItemId: string;
	qtyPer: string;
	scrapPct: string;
}

export interface BomLineFields {
	childItemId: string;
	qtyPer: number;
	scrapPct: number;
}

export const blankBomLine = (): BomLineValues => ({ childItemId: '', qtyPer: '', scrapPct: '' });

export const bomValues = (lines: readonly BomLineFields[]): BomLineValues[] =>
	lines.map((l) => ({ childItemId: l.childItemId, qtyPer: String(l.qtyPer), scrapPct: l.scrapPct ? String(l.scrapPct) : '' }));

export function readBomForm(form: FormData): BomLineValues[] {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const children = all('childItemId');
	const qtys = all('qtyPer');
	const scraps = all('scrapPct');
	const n = Math.max(children.length, qtys.length, scraps.length);
	return Array.from({ length: n }, (_, i) => ({ childItemId: children[i] ?? '', qtyPer: qtys[i] ?? '', scrapPct: scraps[i] ?? '' })).filter(
		(l) => l.childItemId.trim() !== '' || l.qtyPer.trim() !== '' || l.scrapPct.trim() !== ''
	);
}

export function bomInput(parentItemId: string, lines: readonly BomLineValues[]) {
	return {
		parentItemId,
		lines: lines.map((l) => compact({ childItemId: l.childItemId, qtyPer: num(l.qtyPer), scrapPct: num(l.scrapPct) }))
	};
}

export const BOM_LINE_FIELDS = ['childItemId', 'qtyPer', 'scrapPct'] as const;
export const linePath = (i: number, field: (typeof BOM_LINE_FIELDS)[number]) => `lines.${i}.${field}`;
