// The new-order form's values as typed (strings, so a refused form shows exactly what was entered)
// and their conversion to the createSalesOrder input. Lines are numbered 1, 2, 3… in the order shown;
// an issue on `lines.N.field` is the N-th line shown, counting from 0. A line may carry the date
// promised to the customer (typed, or the proposal taken with one click): the order is then entered
// and those lines promised together (promiseLinesInput), or neither.
import { compact, num, optional, text } from '../form-values.ts';

export const ORDER_LINE_FIELDS = ['itemId', 'qty', 'unitPrice', 'requestedDate', 'priority', 'promisedDate'] as const;
export type OrderLineField = (typeof ORDER_LINE_FIELDS)[number];
export type OrderLineValues = Record<OrderLineField, string>;

export interface OrderFormValues {
	orderId: string;
	customerId: string;
	/** Empty: the customer's currency. */
	currency: string;
	lines: OrderLineValues[];
}

export const blankOrderLine = (): OrderLineValues => ({ itemId: '', qty: '', unitPrice: '', requestedDate: '', priority: '', promisedDate: '' });

export const blankOrderValues = (): OrderFormValues => ({ orderId: '', customerId: '', currency: '', lines: [blankOrderLine()] });

export function readOrderForm(form: FormData): OrderFormValues {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const cols = Object.fromEntries(ORDER_LINE_FIELDS.map((f) => [f, all(f)])) as Record<OrderLineField, string[]>;
	const n = Math.max(...ORDER_LINE_FIELDS.map((f) => cols[f].length));
	const rows = Array.from({ length: n }, (_, i) => ({
		itemId: cols.itemId[i] ?? '',
		qty: cols.qty[i] ?? '',
		unitPrice: cols.unitPrice[i] ?? '',
		requestedDate: cols.requestedDate[i] ?? '',
		priority: cols.priority[i] ?? '',
		promisedDate: cols.promisedDate[i] ?? ''
	}));
	// A line left blank is not a line; one with anything typed is, so its gaps are reported. When every
	// line is blank the first stays: its fields say what is missing, and the form keeps a line to fill.
	const typed = rows.filter((l) => ORDER_LINE_FIELDS.some((f) => l[f].trim() !== ''));
	const lines = typed.length || !rows.length ? typed : rows.slice(0, 1);
	return { orderId: text(form, 'orderId'), customerId: text(form, 'customerId'), currency: text(form, 'currency'), lines };
}

/**
 * The createSalesOrder input. Required fields are passed even when empty, so the schema names them; an
 * empty price or currency is left out, and the command fills it in (customer or list price).
 */
export function orderInput(v: OrderFormValues) {
	return {
		orderId: v.orderId,
		customerId: v.customerId,
		...compact({ currency: optional(v.currency) }),
		lines: v.lines.map((l, i) =>
			compact({
				lineId: String(i + 1),
				itemId: l.itemId,
				qty: num(l.qty),
				unitPrice: num(l.unitPrice),
				requestedDate: l.requestedDate,
				priority: num(l.priority)
			})
		)
	};
}

/**
 * The promiseSalesOrder input for the lines given a promised date, or null when none is; `sent` is the
 * form line of each input line, to put the promise's issues back on it (`promisePathOnLines`).
 */
export function promiseLinesInput(v: OrderFormValues): { input: { orderId: string; lines: { lineId: string; promisedDate: string }[] }; sent: number[] } | null {
	const sent = v.lines.flatMap((l, i) => (l.promisedDate.trim() ? [i] : []));
	if (!sent.length) return null;
	return { input: { orderId: v.orderId, lines: sent.map((i) => ({ lineId: String(i + 1), promisedDate: v.lines[i].promisedDate.trim() })) }, sent };
}

/** A promise path ("lines.K.promisedDate", K counting its own lines) as the form's line path. */
export function promisePathOnLines(path: string, sent: readonly number[]): string {
	const m = /^lines\.(\d+)\.(.*)$/.exec(path);
	const line = m ? sent[Number(m[1])] : undefined;
	return line === undefined ? path : `lines.${line}.${m![2]}`;
}

export const orderLinePath = (i: number, field: OrderLineField) => `lines.${i}.${field}`;

/** Paths the new-order form shows a field for. */
export const isOrderFieldPath = (p: string) =>
	p === 'orderId' || p === 'customerId' || p === 'currency' || /^lines\.\d+\.(itemId|qty|unitPrice|requestedDate|priority|promisedDate)$/.test(p);
