// The forms of one purchase order line: confirm a date, record a delay, receive goods, inspect them.
// Values as typed (strings) and their conversion to the commands' inputs; each form posts the line's
// id with it, and the order's id comes from the page's URL.
import { compact, num, optional, text } from '../form-values.ts';
import type { ReasonChoice } from './labels.ts';

export const LINE_FORMS = {
	confirm: ['confirmedDate'],
	delay: ['expectedDate', 'reasonCode', 'note'],
	receive: ['qty'],
	inspect: ['acceptedQty', 'rejectedQty', 'reasonCode']
} as const;
export type LineFormName = keyof typeof LINE_FORMS;
export type LineFormValues<F extends LineFormName> = Record<(typeof LINE_FORMS)[F][number], string>;

export function readLineForm<F extends LineFormName>(which: F, form: FormData): { lineId: string; values: LineFormValues<F> } {
	const values = Object.fromEntries(LINE_FORMS[which].map((f) => [f, text(form, f)])) as LineFormValues<F>;
	return { lineId: text(form, 'lineId'), values };
}

/** The confirmation names the line in a list of one: its issues come back as `lines.0.*`. */
export const confirmInput = (poId: string, lineId: string, v: LineFormValues<'confirm'>) => ({
	poId,
	lines: [{ lineId, confirmedDate: v.confirmedDate }]
});

/** `allowPastDates`: "use the past date anyway" ticked after a refusal (PastDateConfirm). */
export const delayInput = (poId: string, lineId: string, v: LineFormValues<'delay'>, allowPastDates = false) => ({
	poId,
	lineId,
	expectedDate: v.expectedDate,
	reasonCode: v.reasonCode,
	...compact({ note: optional(v.note), allowPastDates: allowPastDates || undefined })
});

export const receiveInput = (poId: string, lineId: string, v: LineFormValues<'receive'>) => ({ poId, lineId, qty: num(v.qty) });

/** An empty accepted or rejected quantity is 0: inspecting 10 good pieces needs no "0 rejected". */
export const inspectInput = (poId: string, lineId: string, v: LineFormValues<'inspect'>) => ({
	poId,
	lineId,
	acceptedQty: num(v.acceptedQty) ?? 0,
	rejectedQty: num(v.rejectedQty) ?? 0,
	...compact({ reasonCode: optional(v.reasonCode) })
});

/** Issues of the confirmation's one-line list, on the form's own field names. */
export const confirmIssuePath = (path: string) => path.replace(/^lines\.0\./, '');

/** A field of a line's form, as LineForm.svelte draws it. */
export interface LineField {
	name: string;
	label: string;
	kind: 'number' | 'date' | 'text' | 'reason';
	/** What the field holds before anything is typed. */
	initial?: string;
	placeholder?: string;
	reasons?: readonly ReasonChoice[];
}
