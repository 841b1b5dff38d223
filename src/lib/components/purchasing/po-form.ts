// The new-purchase-order form's values as typed and their conversion to the placePurchaseOrder input.
// Lines are numbered 1, 2, 3… in the order shown; an issue on `lines.N.field` is the N-th line shown.
// A line can start from an approved requisition: its item, quantity, price and needed-by date.
import { compact, num, optional, text } from '../form-values.ts';

export const PO_LINE_FIELDS = ['itemId', 'qty', 'unitPrice', 'expectedDate', 'requisitionId'] as const;
export type PoLineField = (typeof PO_LINE_FIELDS)[number];
export type PoLineValues = Record<PoLineField, string>;

export interface PoFormValues {
	poId: string;
	supplierId: string;
	lines: PoLineValues[];
	/** "use the past date anyway" ticked (PastDateConfirm). */
	allowPastDates?: boolean;
}

export const blankPoLine = (): PoLineValues => ({ itemId: '', qty: '', unitPrice: '', expectedDate: '', requisitionId: '' });

/** What a line takes from a requisition. */
export interface RequisitionForLine {
	requisitionId: string;
	itemId: string;
	qty: number;
	neededBy: string;
	supplierId: string | null;
	unitPrice: number | null;
}

/** A new order: from the requisitions given (their common supplier, if they share one), else one blank line. */
export function newPoValues(poId: string, from: readonly RequisitionForLine[]): PoFormValues {
	const suppliers = new Set(from.map((r) => r.supplierId ?? ''));
	return {
		poId,
		supplierId: suppliers.size === 1 ? [...suppliers][0] : '',
		lines: from.length
			? from.map((r) => ({
					itemId: r.itemId,
					qty: String(r.qty),
					unitPrice: r.unitPrice === null ? '' : String(r.unitPrice),
					expectedDate: r.neededBy,
					requisitionId: r.requisitionId
				}))
			: [blankPoLine()]
	};
}

export function readPoForm(form: FormData): PoFormValues {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const cols = Object.fromEntries(PO_LINE_FIELDS.map((f) => [f, all(f)])) as Record<PoLineField, string[]>;
	const n = Math.max(...PO_LINE_FIELDS.map((f) => cols[f].length));
	const lines = Array.from({ length: n }, (_, i) => Object.fromEntries(PO_LINE_FIELDS.map((f) => [f, cols[f][i] ?? ''])) as PoLineValues)
		// A line left blank is not a line; one with anything typed is, so its gaps are reported.
		.filter((l) => PO_LINE_FIELDS.some((f) => l[f].trim() !== ''));
	return { poId: text(form, 'poId'), supplierId: text(form, 'supplierId'), lines, allowPastDates: form.get('allowPastDates') === '1' };
}

/** The placePurchaseOrder input. Required fields are passed even when empty, so the schema names them; an empty number is assigned. */
export function poInput(v: PoFormValues) {
	return {
		...(v.poId.trim() ? { poId: v.poId } : {}),
		...(v.allowPastDates ? { allowPastDates: true } : {}),
		supplierId: v.supplierId,
		lines: v.lines.map((l, i) => ({
			lineId: String(i + 1),
			itemId: l.itemId,
			qty: num(l.qty),
			unitPrice: num(l.unitPrice),
			expectedDate: l.expectedDate,
			...compact({ requisitionId: optional(l.requisitionId) })
		}))
	};
}

export const poLinePath = (i: number, field: PoLineField) => `lines.${i}.${field}`;

/** Paths the new-order form shows a field for. */
export const isPoFieldPath = (p: string) => p === 'poId' || p === 'supplierId' || /^lines\.\d+\.(itemId|qty|unitPrice|expectedDate|requisitionId)$/.test(p);
