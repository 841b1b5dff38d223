// The new-order form's values as typed (strings, so a refused form shows exactly what was entered)
// and their conversion to the createSalesOrder input. Lines are numbered 1, 2, 3… in the order shown;
// an issue on `lines.N.field` is the N-th line shown, counting from 0.
import { compact, num, text } from '../form-values.ts';

export const ORDER_LINE_FIELDS = ['itemId', 'qty', 'requestedDate', 'priority'] as const;
export type OrderLineField = (typeof ORDER_LINE_FIELDS)[number];
export type OrderLineValues = Record<OrderLineField, string>;

export interface OrderFormValues {
	orderId: string;
	customerId: string;
	lines: OrderLineValues[];
}

export const blankOrderLine = (): OrderLineValues => ({ itemId: '', qty: '', requestedDate: '', priority: '' });

export const blankOrderValues = (): OrderFormValues => ({ orderId: '', customerId: '', lines: [blankOrderLine()] });

export function readOrderForm(form: FormData): OrderFormValues {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const cols = Object.fromEntries(ORDER_LINE_FIELDS.map((f) => [f, all(f)])) as Record<OrderLineField, string[]>;
	const n = Math.max(...ORDER_LINE_FIELDS.map((f) => cols[f].length));
	const lines = Array.from({ length: n }, (_, i) => ({
		itemId: cols.itemId[i] ?? '',
		qty: cols.qty[i] ?? '',
		requestedDate: cols.requestedDate[i] ?? '',
		priority: cols.priority[i] ?? ''
	}))
		// A line left blank is not a line; one with anything typed is, so its gaps are reported.
		.filter((l) => ORDER_LINE_FIELDS.some((f) => l[f].trim() !== ''));
	return { orderId: text(form, 'orderId'), customerId: text(form, 'customerId'), lines };
}

/** The createSalesOrder input. Required fields are passed even when empty, so the schema names them. */
export function orderInput(v: OrderFormValues) {
	return {
		orderId: v.orderId,
		customerId: v.customerId,
		lines: v.lines.map((l, i) =>
			compact({ lineId: String(i + 1), itemId: l.itemId, qty: num(l.qty), requestedDate: l.requestedDate, priority: num(l.priority) })
		)
	};
}

export const orderLinePath = (i: number, field: OrderLineField) => `lines.${i}.${field}`;

/** Paths the new-order form shows a field for. */
export const isOrderFieldPath = (p: string) => p === 'orderId' || p === 'customerId' || /^lines\.\d+\.(itemId|qty|requestedDate|priority)$/.test(p);
