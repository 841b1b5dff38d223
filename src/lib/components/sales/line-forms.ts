// The forms of an order's page, as typed, and their command inputs: ship and promise (one line each),
// change and cancel (the order, line by line). Commands number the lines they get from 0; the forms
// key them by line id, so an issue lands on the line it is about (see `byLineId`).
import type { FieldIssue } from '../issues.ts';
import { compact, num, optional, text } from '../form-values.ts';

/** A line as the order page has it (getSalesOrder's lines, the fields the forms need). */
export interface CurrentLine {
	lineId: string;
	qty: number | null;
	requestedDate: string | null;
	priority: number | null;
	unitPrice?: number | null;
}

export const DEFAULT_LOCATION = 'MAIN';

export interface ShipValues {
	qty: string;
	locationId: string;
}

export const readShipForm = (form: FormData): ShipValues => ({ qty: text(form, 'qty'), locationId: text(form, 'locationId') });

export const shipInput = (orderId: string, lineId: string, v: ShipValues) =>
	compact({ orderId, lineId, qty: num(v.qty), locationId: optional(v.locationId) });

export interface PromiseValues {
	promisedDate: string;
}

export const readPromiseForm = (form: FormData): PromiseValues => ({ promisedDate: text(form, 'promisedDate') });

export const promiseInput = (orderId: string, lineId: string, v: PromiseValues) => ({ orderId, lines: [{ lineId, promisedDate: v.promisedDate }] });

/** The promise command's paths are those of its one line ("lines.0.promisedDate" → "promisedDate"). */
export const promiseIssues = (issues: FieldIssue[]) => issues.map((i) => ({ ...i, path: i.path.replace(/^lines\.0\./, '') }));

export const CHANGE_FIELDS = ['qty', 'requestedDate', 'priority', 'unitPrice'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];
export type ChangeLineValues = { lineId: string } & Record<ChangeField, string>;

export interface ChangeValues {
	reasonCode: string;
	note: string;
	lines: ChangeLineValues[];
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const changeValues = (lines: readonly CurrentLine[]): ChangeValues => ({
	reasonCode: '',
	note: '',
	lines: lines.map((l) => ({ lineId: l.lineId, qty: str(l.qty), requestedDate: str(l.requestedDate), priority: str(l.priority), unitPrice: str(l.unitPrice) }))
});

export function readChangeForm(form: FormData): ChangeValues {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const ids = all('lineId');
	const cols = Object.fromEntries(CHANGE_FIELDS.map((f) => [f, all(f)])) as Record<ChangeField, string[]>;
	return {
		reasonCode: text(form, 'reasonCode'),
		note: text(form, 'note'),
		lines: ids.map((lineId, i) => ({
			lineId,
			qty: cols.qty[i] ?? '',
			requestedDate: cols.requestedDate[i] ?? '',
			priority: cols.priority[i] ?? '',
			unitPrice: cols.unitPrice[i] ?? ''
		}))
	};
}

/**
 * The changeSalesOrder input: only what differs from the order as stored, line by line. A field
 * emptied is a change to nothing, which the schema refuses on that field. `sent` lists the line ids
 * in the order of the input's lines, to put issues back on their lines.
 */
export function changeInput(orderId: string, v: ChangeValues, current: readonly CurrentLine[]) {
	const now = new Map(current.map((l) => [l.lineId, l]));
	const lines = v.lines.flatMap((l) => {
		const cur = now.get(l.lineId);
		const differs = (f: ChangeField) => l[f].trim() !== str(cur?.[f]);
		const change = compact({
			lineId: l.lineId,
			qty: differs('qty') ? (num(l.qty) ?? Number.NaN) : undefined,
			requestedDate: differs('requestedDate') ? l.requestedDate.trim() : undefined,
			priority: differs('priority') ? (num(l.priority) ?? Number.NaN) : undefined,
			unitPrice: differs('unitPrice') ? (num(l.unitPrice) ?? Number.NaN) : undefined
		});
		return Object.keys(change).length > 1 ? [change] : [];
	});
	return { input: compact({ orderId, reasonCode: v.reasonCode, lines, note: optional(v.note) }), sent: lines.map((l) => l.lineId as string) };
}

export interface CancelValues {
	reasonCode: string;
	note: string;
	lineIds: string[];
}

export const cancelValues = (): CancelValues => ({ reasonCode: '', note: '', lineIds: [] });

export const readCancelForm = (form: FormData): CancelValues => ({
	reasonCode: text(form, 'reasonCode'),
	note: text(form, 'note'),
	lineIds: form.getAll('lineIds').filter((v): v is string => typeof v === 'string')
});

/** Always the lines ticked: cancelling a whole order is ticking all its open lines. */
export const cancelInput = (orderId: string, v: CancelValues) =>
	compact({ orderId, reasonCode: v.reasonCode, lineIds: v.lineIds, note: optional(v.note) });

/** "lines.1.qty" → "lines.<id of the 2nd line sent>.qty" (and "lineIds.1" alike). */
export function byLineId(issues: FieldIssue[], prefix: 'lines' | 'lineIds', sent: readonly string[]): FieldIssue[] {
	const re = new RegExp(`^${prefix}\\.(\\d+)(?=\\.|$)`);
	return issues.map((i) => {
		const m = i.path.match(re);
		const id = m ? sent[Number(m[1])] : undefined;
		return id === undefined ? i : { ...i, path: `${prefix}.${id}${i.path.slice(m![0].length)}` };
	});
}
