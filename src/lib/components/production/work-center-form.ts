// The work-centre form's values as typed (strings, so a refused form shows exactly what was entered)
// and their conversion to the saveWorkCenter input. Shifts and holidays are posted as repeated
// fields in the order shown, rows left blank dropped; issue paths ("calendar.shifts.1.end",
// "calendar.holidays.0") count the rows sent, so a refused form shows them on those rows.
import { compact, optional, text } from '../form-values.ts';

export interface ShiftValues {
	start: string;
	end: string;
}

export interface WorkCenterValues {
	workCenterId: string;
	name: string;
	department: string;
	shifts: ShiftValues[];
	/** ISO weekdays ticked, "1" Monday … "7" Sunday. */
	workdays: string[];
	holidays: string[];
}

/** A stored work centre as the queries return it. */
export interface WorkCenterFields {
	workCenterId: string;
	name: string;
	department: string | null;
	calendar: { shifts: { start: string; end: string }[]; workdays: number[]; holidays: string[] };
}

/** A new work centre starts as one day shift, Monday to Friday: the common case, changed as needed. */
export const blankWorkCenterValues = (): WorkCenterValues => ({
	workCenterId: '',
	name: '',
	department: '',
	shifts: [{ start: '08:00', end: '17:00' }],
	workdays: ['1', '2', '3', '4', '5'],
	holidays: []
});

export const workCenterValues = (wc: WorkCenterFields): WorkCenterValues => ({
	workCenterId: wc.workCenterId,
	name: wc.name,
	department: wc.department ?? '',
	shifts: wc.calendar.shifts.map((s) => ({ ...s })),
	workdays: wc.calendar.workdays.map(String),
	holidays: [...(wc.calendar.holidays ?? [])]
});

export function readWorkCenterForm(form: FormData): WorkCenterValues {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const starts = all('shiftStart');
	const ends = all('shiftEnd');
	const shifts = Array.from({ length: Math.max(starts.length, ends.length) }, (_, i) => ({ start: starts[i] ?? '', end: ends[i] ?? '' })).filter(
		(s) => s.start.trim() !== '' || s.end.trim() !== ''
	);
	return {
		workCenterId: text(form, 'workCenterId'),
		name: text(form, 'name'),
		department: text(form, 'department'),
		shifts,
		workdays: all('workdays'),
		holidays: all('holidays').filter((d) => d.trim() !== '')
	};
}

/** The saveWorkCenter input. Required fields are passed even when empty, so the schema names them. */
export function workCenterInput(v: WorkCenterValues) {
	return compact({
		workCenterId: v.workCenterId,
		name: v.name,
		department: optional(v.department),
		calendar: {
			shifts: v.shifts.map((s) => ({ start: s.start.trim(), end: s.end.trim() })),
			workdays: v.workdays.map(Number),
			holidays: v.holidays.map((d) => d.trim())
		}
	});
}

export const shiftPath = (i: number, field: keyof ShiftValues) => `calendar.shifts.${i}.${field}`;
export const holidayPath = (i: number) => `calendar.holidays.${i}`;

/** Paths the work-centre form shows a field for. */
export const isWorkCenterFieldPath = (p: string) =>
	['workCenterId', 'name', 'department', 'calendar.shifts', 'calendar.workdays', 'calendar.holidays'].includes(p) ||
	/^calendar\.(shifts\.\d+\.(start|end)|workdays\.\d+|holidays\.\d+)$/.test(p);

/** The status form of one work centre: a status, and the reason for a stop. */
export interface StatusValues {
	status: string;
	reasonCode: string;
}

export const readStatusForm = (form: FormData): StatusValues => ({ status: text(form, 'status'), reasonCode: text(form, 'reasonCode') });

/** Going up takes no reason: one left selected from the last stop is not sent. */
export const statusInput = (workCenterId: string, v: StatusValues) =>
	compact({ workCenterId, status: v.status, reasonCode: v.status === 'up' ? undefined : optional(v.reasonCode) });
